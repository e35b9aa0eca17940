package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.spring.boot.autoconfigure.internal.EnvironmentSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code albauth.*} settings of the application ({@link AlbAuthSettings}), read and validated
 * by the settings registry. The other albauth auto-configurations build their beans from them.
 */
@AutoConfiguration
public class AlbAuthAutoConfiguration {

  /** For Spring. */
  public AlbAuthAutoConfiguration() {}

  /**
   * The settings. {@code @ConfigurationProperties} makes Spring Boot's metadata processor describe
   * the {@code albauth} group (every key comes from additional-spring-configuration-metadata.json,
   * generated from the registry); the values are read by the registry, not by Spring's binder,
   * which would refuse nothing and bind environment variables to the wrong keys.
   *
   * @param environment the application's environment
   * @return the validated settings
   */
  @Bean
  @ConditionalOnMissingBean
  @ConfigurationProperties(prefix = "albauth")
  public AlbAuthSettings albAuthSettings(ConfigurableEnvironment environment) {
    return new AlbAuthSettings(new EnvironmentSettings(SettingsRegistry.discover()).read(environment));
  }
}
