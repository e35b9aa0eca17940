/**
 * The attribute-mapping DSL: how token claims or an IdP user record become the attributes of a
 * local user. {@link io.github.albauth.usersync.AttributeSource} is what a mapping reads,
 * {@link io.github.albauth.usersync.mapping.UserAttributeMapper} is what the sync engine calls, and
 * {@link io.github.albauth.usersync.mapping.MappingResult} is what it gets back.
 */
@NullMarked
package io.github.albauth.usersync.mapping;

import org.jspecify.annotations.NullMarked;
