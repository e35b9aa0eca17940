/**
 * Spring Boot Actuator health and Micrometer metrics for albauth: the ALB key endpoint's and each
 * directory source's health ({@link
 * io.github.albauth.spring.boot.autoconfigure.actuate.AlbAuthHealthAutoConfiguration}), and meters
 * for verifications, key fetches, login-time provisioning and sync runs ({@link
 * io.github.albauth.spring.boot.autoconfigure.actuate.AlbAuthMetricsAutoConfiguration}).
 */
@NullMarked
package io.github.albauth.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
