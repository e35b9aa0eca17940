package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.servlet.AlbFilterBuilder;

/**
 * Adds to the auto-configured {@code AlbAuthenticationFilter} what {@code albauth.*} keys cannot
 * say: a login provisioner, a request matcher, a verifier or mapper of your own. Every bean of
 * this type is applied, in {@link org.springframework.core.annotation.Order} order, after the
 * settings ({@code builder.configure(settings)}) and before {@code build()}; the builder's
 * precedence rule holds (an option given by a key and here must agree).
 *
 * <p>For example: {@code @Bean AlbFilterBuilderCustomizer provisioning(SyncEngine engine,
 * MyUserStore store) { return builder -> builder.provisioner(UserSyncProvisioner.jit(engine,
 * store)); }}
 */
@FunctionalInterface
public interface AlbFilterBuilderCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the filter's builder, already configured with the settings
   */
  void customize(AlbFilterBuilder builder);
}
