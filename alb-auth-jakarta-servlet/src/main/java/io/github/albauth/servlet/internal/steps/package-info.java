/**
 * The steps of the filter's login pipeline, in order: {@link
 * io.github.albauth.servlet.internal.steps.HeaderStep headers}, {@link
 * io.github.albauth.servlet.internal.steps.VerifyStep verify}, {@link
 * io.github.albauth.servlet.internal.steps.AccessTokenStep access token}, {@link
 * io.github.albauth.servlet.internal.steps.MappingStep map}, {@link
 * io.github.albauth.servlet.internal.steps.GateStep gate}, {@link
 * io.github.albauth.servlet.internal.steps.ProvisionStep provision} and {@link
 * io.github.albauth.servlet.internal.steps.PrincipalStep principal}. Not an API.
 */
@NullMarked
package io.github.albauth.servlet.internal.steps;

import org.jspecify.annotations.NullMarked;
