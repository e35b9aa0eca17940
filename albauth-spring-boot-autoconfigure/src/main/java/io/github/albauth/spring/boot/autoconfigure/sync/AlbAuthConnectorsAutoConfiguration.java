package io.github.albauth.spring.boot.autoconfigure.sync;

import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthSettings;
import io.github.albauth.spring.boot.autoconfigure.internal.ConditionalOnAlbAuthKeys;
import io.github.albauth.usersync.connectors.entra.EntraConfig;
import io.github.albauth.usersync.connectors.entra.EntraSource;
import io.github.albauth.usersync.connectors.keycloak.KeycloakSource;
import io.github.albauth.usersync.connectors.okta.OktaConfig;
import io.github.albauth.usersync.connectors.okta.OktaSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The directory connectors the application configures, each a {@code DirectorySource} bean when
 * its artifact is on the class path and any of its {@code albauth.<idp>.*} keys is given; the
 * keys are read by the connector's own {@code configure(Map)} (the registry validates them, a
 * missing or conflicting option fails startup with the connector's message). A connector whose
 * type is {@link AutoCloseable} is closed with the application context.
 *
 * <p>A connector is a few lines here: a nested configuration conditional on its class and its key
 * prefix, with one bean built from the settings.
 */
@AutoConfiguration(after = AlbAuthAutoConfiguration.class)
public class AlbAuthConnectorsAutoConfiguration {

  /** For Spring. */
  public AlbAuthConnectorsAutoConfiguration() {}

  /** Okta, from {@code albauth.okta.*}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OktaSource.class)
  @ConditionalOnAlbAuthKeys("albauth.okta")
  static class Okta {
    @Bean
    @ConditionalOnMissingBean
    OktaSource albAuthOktaSource(AlbAuthSettings settings) {
      return OktaSource.create(OktaConfig.builder().configure(settings.asMap()).build());
    }
  }

  /** Microsoft Entra ID, from {@code albauth.entra.*}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(EntraSource.class)
  @ConditionalOnAlbAuthKeys("albauth.entra")
  static class Entra {
    @Bean
    @ConditionalOnMissingBean
    EntraSource albAuthEntraSource(AlbAuthSettings settings) {
      return EntraSource.create(EntraConfig.builder().configure(settings.asMap()).build());
    }
  }

  /** Keycloak, from {@code albauth.keycloak.*}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KeycloakSource.class)
  @ConditionalOnAlbAuthKeys("albauth.keycloak")
  static class Keycloak {
    @Bean
    @ConditionalOnMissingBean
    KeycloakSource albAuthKeycloakSource(AlbAuthSettings settings) {
      return KeycloakSource.builder().configure(settings.asMap()).build();
    }
  }
}
