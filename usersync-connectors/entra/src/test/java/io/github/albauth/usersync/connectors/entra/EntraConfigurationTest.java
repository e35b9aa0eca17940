package io.github.albauth.usersync.connectors.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** {@link EntraConfig.Builder#configure}: the {@code albauth.entra.*} keys and the precedence rule. */
class EntraConfigurationTest {

  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final String CLIENT = "00001111-aaaa-2222-bbbb-3333cccc4444";
  private static final String SECRET = "Abc8Q~secret-from-code";
  private static final String OTHER_SECRET = "Xyz8Q~secret-from-config";

  private static String resource(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(
        EntraConfigurationTest.class.getResourceAsStream("/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertSame(EntraConfig fromKeys, EntraConfig inCode) {
    assertThat(fromKeys.toString()).isEqualTo(inCode.toString());
    assertThat(fromKeys.tenantId()).isEqualTo(inCode.tenantId());
    assertThat(fromKeys.clientId()).isEqualTo(inCode.clientId());
    assertThat(fromKeys.loginUrl()).isEqualTo(inCode.loginUrl());
    assertThat(fromKeys.graphUrl()).isEqualTo(inCode.graphUrl());
    assertThat(fromKeys.sourceId()).isEqualTo(inCode.sourceId());
    assertThat(fromKeys.pageSize()).isEqualTo(inCode.pageSize());
    assertThat(fromKeys.groupsInScope()).containsExactlyElementsOf(inCode.groupsInScope());
    assertThat(fromKeys.transitiveMembers()).isEqualTo(inCode.transitiveMembers());
    assertThat(fromKeys.select()).isEqualTo(inCode.select());
    // timeouts, attempts, retry budget, backoff, pacing
    assertThat(fromKeys.http().toString()).isEqualTo(inCode.http().toString());
  }

  @Test
  void keysBuildWhatCodeBuilds() {
    EntraConfig inCode = EntraConfig.builder()
        .tenantId(TENANT)
        .clientId(CLIENT)
        .clientSecret(SECRET)
        .cloud(EntraCloud.US_GOVERNMENT_DOD)
        .groupsInScope("g-1", "g-2")
        .transitiveMembers()
        .select("department", "employeeId")
        .pageSize(100)
        .sourceId("entra-gov")
        .http(HttpSettings.builder().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20)).maxAttempts(3)
            .retryBudget(Duration.ofMinutes(1)).build())
        .build();
    EntraConfig fromKeys = EntraConfig.builder().configure(Map.ofEntries(
        Map.entry("albauth.entra.tenant-id", TENANT),
        Map.entry("albauth.entra.client-id", CLIENT),
        Map.entry("albauth.entra.client-secret", SECRET),
        Map.entry("albauth.entra.cloud", "US-Government-DoD"),
        Map.entry("albauth.entra.groups", "g-1,g-2"),
        Map.entry("albauth.entra.transitive-members", "true"),
        Map.entry("albauth.entra.select", "department, employeeId"),
        Map.entry("albauth.entra.page-size", "100"),
        Map.entry("albauth.entra.source-id", "entra-gov"),
        Map.entry("albauth.entra.connect-timeout", "3s"),
        Map.entry("albauth.entra.request-timeout", "20s"),
        Map.entry("albauth.entra.max-attempts", "3"),
        Map.entry("albauth.entra.retry-budget", "PT1M"))).build();

    assertSame(fromKeys, inCode);
    assertThat(fromKeys.graphUrl()).isEqualTo(URI.create("https://dod-graph.microsoft.us"));
    assertThat(fromKeys.select()).endsWith("department", "employeeId");
  }

  @Test
  void defaultsAreTheSameEitherWay() {
    EntraConfig inCode = EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET).build();
    EntraConfig fromKeys = EntraConfig.builder().configure(Map.of(
        "albauth.entra.tenant-id", TENANT,
        "albauth.entra.client-id", CLIENT,
        "albauth.entra.client-secret", SECRET)).build();
    assertSame(fromKeys, inCode);
    assertThat(fromKeys.graphUrl()).isEqualTo(EntraCloud.GLOBAL.graphUrl());
    assertThat(fromKeys.pageSize()).isEqualTo(EntraConfig.MAX_PAGE);
    assertThat(fromKeys.transitiveMembers()).isFalse();
  }

  @Test
  void aCertificateFromKeys() throws IOException {
    String keyPem = resource("test-key.pem");
    String certPem = resource("test-cert.pem");
    EntraConfig inCode = EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .certificate(ConnectorKeys.privateKey("key", keyPem), ConnectorKeys.certificate("cert", certPem))
        .build();
    EntraConfig fromKeys = EntraConfig.builder().configure(Map.of(
        "albauth.entra.tenant-id", TENANT,
        "albauth.entra.client-id", CLIENT,
        "albauth.entra.certificate", certPem,
        "albauth.entra.private-key", keyPem)).build();
    assertSame(fromKeys, inCode);

    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.tenant-id", TENANT,
        "albauth.entra.client-id", CLIENT,
        "albauth.entra.certificate", certPem)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set albauth.entra.certificate and albauth.entra.private-key");
  }

  @Test
  void aTypoFailsWithTheNearestKey() {
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.tenant", TENANT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.entra.tenant; did you mean albauth.entra.tenant-id?");
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.cloud", "usgov")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.entra.cloud: \"usgov\" is not one of [global,"
            + " us-government, us-government-dod, china]");
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.transitive-members", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("albauth.entra.transitive-members: \"yes\" is not true or false");
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.tenant-id", "contoso.com/evil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.entra.tenant-id: contoso.com/evil is not a tenant id");
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.select", "department, $expand")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("albauth.entra.select: \"$expand\" is not a Graph property name");
    assertThatThrownBy(() -> EntraConfig.builder().configure(Map.of(
        "albauth.entra.private-key", "very-secret-text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.entra.private-key: not PEM text")
        .hasMessageNotContaining("very-secret-text");
  }

  @Test
  void codeAndConfigurationMustAgree() {
    assertThatThrownBy(() -> EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET)
        .configure(Map.of("albauth.entra.tenant-id", "fabrikam.onmicrosoft.com"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("tenantId is set twice, in code to contoso.onmicrosoft.com and by"
            + " albauth.entra.tenant-id to fabrikam.onmicrosoft.com; remove one of them");
    assertThatThrownBy(() -> EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET).cloud(EntraCloud.CHINA)
        .configure(Map.of("albauth.entra.cloud", "global"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cloud is set twice, in code to CHINA and by albauth.entra.cloud to GLOBAL;"
            + " remove one of them");
    assertThatThrownBy(() -> EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET).baseUrls(URI.create("https://login.example"),
            URI.create("https://graph.example"))
        .configure(Map.of("albauth.entra.cloud", "china"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrls(...) was given in code, so albauth.entra.cloud would be"
            + " ignored");
    // the same value both ways is one option given twice, equally
    EntraConfig both = EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET).transitiveMembers()
        .configure(Map.of("albauth.entra.client-secret", SECRET,
            "albauth.entra.transitive-members", "true"))
        .build();
    assertThat(both.transitiveMembers()).isTrue();
  }

  @Test
  void aSecretConflictNamesNoValue() {
    assertThatThrownBy(() -> EntraConfig.builder().tenantId(TENANT).clientId(CLIENT)
        .clientSecret(SECRET)
        .configure(Map.of("albauth.entra.client-secret", OTHER_SECRET))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clientSecret is set twice, in code and by albauth.entra.client-secret, with"
            + " different values; remove one of them")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
    assertThatThrownBy(() -> EntraConfig.builder()
        .configure(Map.of("albauth.entra.client-secret", SECRET))
        .configure(Map.of("albauth.entra.client-secret", OTHER_SECRET)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
  }

  @Test
  void environmentVariables() {
    Map<String, String> environment = Map.of(
        "ALBAUTH_ENTRA_TENANT_ID", TENANT,
        "ALBAUTH_ENTRA_CLIENT_ID", CLIENT,
        "ALBAUTH_ENTRA_CLIENT_SECRET", SECRET,
        "ALBAUTH_ENTRA_CLOUD", "china",
        "HOME", "/root");
    EntraConfig config = EntraConfig.builder()
        .configure(SettingsRegistry.discover().fromEnvironment(environment)).build();
    assertThat(config.tenantId()).isEqualTo(TENANT);
    assertThat(config.loginUrl()).isEqualTo(EntraCloud.CHINA.loginUrl());
    assertThat(config.toString()).doesNotContain(SECRET);

    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_ENTRA_CLIENT_SECRETS", SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean ALBAUTH_ENTRA_CLIENT_SECRET (albauth.entra.client-secret)?")
        .hasMessageNotContaining(SECRET);
  }
}
