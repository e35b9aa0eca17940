/**
 * A Spring Boot application behind an ALB on the albauth starter: Spring Security with roles and
 * {@code @PreAuthorize}, the user provisioned at login into the application's store, Actuator
 * health; runnable without an ALB in development mode.
 */
@NullMarked
package io.github.albauth.examples.springboot;

import org.jspecify.annotations.NullMarked;
