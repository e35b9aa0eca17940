/**
 * Spring Boot auto-configuration for albauth: every {@code albauth.*} property of the Spring
 * environment (application properties and YAML, {@code ALBAUTH_*} environment variables, system
 * properties, command-line arguments) read and validated by the settings registry ({@link
 * io.github.albauth.spring.boot.autoconfigure.AlbAuthSettings}), the servlet filter, and the Spring
 * Security integration.
 *
 * <p>Layout: this package holds the auto-configurations and the beans' types; {@code …actuate}
 * Actuator health and Micrometer metrics; {@code …sync} login-time provisioning and scheduled
 * directory sync; {@code …internal} the implementation, with no compatibility promise.
 */
@NullMarked
package io.github.albauth.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
