package io.github.albauth.spring.boot.autoconfigure.actuate;

import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthSettings;
import io.github.albauth.spring.boot.autoconfigure.AlbFilterBuilderCustomizer;
import io.github.albauth.spring.boot.autoconfigure.internal.DirectoryHealths;
import io.github.albauth.spring.boot.autoconfigure.internal.HealthProbes;
import io.github.albauth.spring.boot.autoconfigure.internal.KeyEndpointHealth;
import io.github.albauth.spring.boot.autoconfigure.internal.OpsSettings;
import io.github.albauth.spring.boot.autoconfigure.sync.AlbAuthConnectorsAutoConfiguration;
import io.github.albauth.usersync.DirectorySource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health for albauth: the component {@code albauth} ({@code
 * management.health.albauth.enabled=false} turns it off) with {@code keyEndpoint}, the ALB public
 * key endpoint as the filter's verifier last met it, and {@code directories}, one component per
 * directory source, each checked by one cheap authenticated call in the background. A health
 * request never waits for AWS or an IdP; see {@code KeyEndpointHealth} and {@code DirectoryHealth}
 * in the implementation, and docs/spring-boot.md.
 */
@AutoConfiguration(after = {AlbAuthAutoConfiguration.class,
    AlbAuthConnectorsAutoConfiguration.class},
    afterName = "io.github.albauth.spring.boot.autoconfigure.AlbAuthServletAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnEnabledHealthIndicator("albauth")
public class AlbAuthHealthAutoConfiguration {

  /** For Spring. */
  public AlbAuthHealthAutoConfiguration() {}

  @Bean
  HealthProbes albAuthHealthProbes() {
    return new HealthProbes();
  }

  /**
   * The {@code albauth} component, named after the bean.
   *
   * @param keyEndpoint the key endpoint's health, when there is a filter
   * @param directories the directory sources' health, when there are sources
   * @return the component; one without parts is left out of the health report
   */
  @Bean
  HealthContributor albauthHealthContributor(ObjectProvider<KeyEndpointHealth> keyEndpoint,
      ObjectProvider<DirectoryHealths> directories) {
    Map<String, HealthContributor> parts = new LinkedHashMap<>();
    keyEndpoint.ifAvailable(health -> parts.put("keyEndpoint", health));
    directories.ifAvailable(health -> parts.put("directories",
        CompositeHealthContributor.fromMap(health.bySource())));
    return CompositeHealthContributor.fromMap(parts);
  }

  /** The ALB key endpoint, told of the filter's key lookups. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AlbAuthenticationFilter.class)
  @ConditionalOnBean(AlbAuthenticationFilter.class)
  static class KeyEndpoint {

    @Bean
    KeyEndpointHealth albAuthKeyEndpointHealth(AlbAuthSettings settings, HealthProbes probes) {
      return new KeyEndpointHealth(settings.settings(), Clock.systemUTC(), probes.executor());
    }

    @Bean
    AlbFilterBuilderCustomizer albAuthKeyEndpointListener(KeyEndpointHealth health) {
      return builder -> builder.keySourceListener(health);
    }
  }

  /** The directory sources, told of the sync runs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DirectorySource.class)
  @ConditionalOnBean(DirectorySource.class)
  static class Directories {

    @Bean
    DirectoryHealths albAuthDirectoryHealth(AlbAuthSettings settings,
        ObjectProvider<DirectorySource> sources, HealthProbes probes) {
      return new DirectoryHealths(sources.orderedStream().toList(),
          settings.get(OpsSettings.HEALTH_DIRECTORY_PROBE_INTERVAL).orElse(Duration.ofMinutes(5)),
          Clock.systemUTC(), probes.executor());
    }
  }
}
