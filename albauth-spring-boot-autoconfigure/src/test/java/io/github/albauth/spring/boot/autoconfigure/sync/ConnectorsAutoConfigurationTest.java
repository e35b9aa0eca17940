package io.github.albauth.spring.boot.autoconfigure.sync;

import static io.github.albauth.spring.boot.autoconfigure.sync.StartupFailures.startupFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.connectors.entra.EntraSource;
import io.github.albauth.usersync.connectors.keycloak.KeycloakSource;
import io.github.albauth.usersync.connectors.okta.OktaSource;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The connectors as beans: each one whose {@code albauth.<idp>.*} keys are given, in any of
 * Spring's spellings and from environment variables, built by the connector's own {@code
 * configure(Map)}, so that its messages (and its silence about secrets) hold at startup.
 */
class ConnectorsAutoConfigurationTest {

  private static final String TOKEN = "00QCjAl4MlV-WPXM-s3cr3t-token";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
          AlbAuthConnectorsAutoConfiguration.class, AlbAuthSyncAutoConfiguration.class));

  @Test
  void noKeysNoConnector() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(DirectorySource.class));
  }

  @Test
  void eachConfiguredConnectorIsADirectorySource() {
    runner.withPropertyValues("albauth.okta.org-url=https://example.okta.com",
            "albauth.okta.apiToken=" + TOKEN,
            "albauth.entra.tenant-id=contoso.onmicrosoft.com",
            "albauth.entra.client-id=00001111-aaaa-2222-bbbb-3333cccc4444",
            "albauth.entra.client-secret=entra-secret",
            "albauth.keycloak.server-url=https://sso.example.com", "albauth.keycloak.realm=acme",
            "albauth.keycloak.client-id=albauth-sync", "albauth.keycloak.client-secret=kc-secret",
            "albauth.keycloak.source-id=staff")
        .run(context -> {
          assertThat(context).hasSingleBean(OktaSource.class).hasSingleBean(EntraSource.class)
              .hasSingleBean(KeycloakSource.class);
          assertThat(context.getBeansOfType(DirectorySource.class).values())
              .extracting(DirectorySource::id).containsExactlyInAnyOrder("okta", "entra", "staff");
        });
  }

  @Test
  void environmentVariablesConfigureAConnectorAndItsEngine() {
    runner.withBean(InMemoryUserStore.class)
        .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                "ALBAUTH_OKTA_ORG_URL", "https://example.okta.com",
                "ALBAUTH_OKTA_API_TOKEN", TOKEN))))
        .run(context -> {
          assertThat(context).hasSingleBean(OktaSource.class);
          assertThat(context.getBean(SyncEngine.class).sourceId()).isEqualTo("okta");
        });
  }

  @Test
  void aConnectorMissingAnOptionFailsStartupWithItsMessageAndNoSecret() {
    runner.withPropertyValues("albauth.okta.org-url=https://example.okta.com")
        .run(context -> startupFailure(context).hasMessage("no credentials; set apiToken"
            + " (ALBAUTH_OKTA_API_TOKEN) or serviceApp"));
    runner.withPropertyValues("albauth.okta.org-url=ftp://example.okta.com",
        "albauth.okta.api-token=" + TOKEN).run(context -> {
          startupFailure(context).hasMessageContaining("albauth.okta.org-url");
          assertThat(context.getStartupFailure()).hasStackTraceContaining("albauth.okta.org-url")
              .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(TOKEN));
        });
    runner.withPropertyValues("albauth.okta.org-url=https://example.okta.com",
        "albauth.okta.api-tokn=" + TOKEN).run(context -> {
          startupFailure(context).hasMessageStartingWith("unknown key albauth.okta.api-tokn; did"
              + " you mean albauth.okta.api-token?");
          assertThat(stackTrace(context.getStartupFailure())).doesNotContain(TOKEN);
        });
  }

  @Test
  void anApplicationsOwnConnectorBeanWins() {
    OktaSource own = OktaSource.create(io.github.albauth.usersync.connectors.okta.OktaConfig
        .builder().orgUrl(java.net.URI.create("https://own.okta.com")).apiToken(TOKEN)
        .sourceId("own").build());
    runner.withBean(OktaSource.class, () -> own)
        .withPropertyValues("albauth.okta.org-url=https://example.okta.com",
            "albauth.okta.api-token=" + TOKEN)
        .run(context -> assertThat(context.getBean(OktaSource.class)).isSameAs(own));
  }

  private static String stackTrace(Throwable failure) {
    java.io.StringWriter out = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
