package io.github.albauth.usersync.connectors.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OktaConfig.Builder#configure}: the {@code albauth.okta.*} keys and the precedence rule. */
class OktaConfigurationTest {

  private static final String TOKEN = "00tok-from-code-1234567890";
  private static final String OTHER_TOKEN = "00tok-from-config-0987654321";

  private static KeyPair keys;
  private static KeyPair otherKeys;

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
    otherKeys = gen.generateKeyPair();
  }

  private static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void assertSame(OktaConfig fromKeys, OktaConfig inCode) {
    assertThat(fromKeys.toString()).isEqualTo(inCode.toString());
    assertThat(fromKeys.orgUrl()).isEqualTo(inCode.orgUrl());
    assertThat(fromKeys.sourceId()).isEqualTo(inCode.sourceId());
    assertThat(fromKeys.userPageSize()).isEqualTo(inCode.userPageSize());
    assertThat(fromKeys.groupPageSize()).isEqualTo(inCode.groupPageSize());
    assertThat(fromKeys.memberPageSize()).isEqualTo(inCode.memberPageSize());
    assertThat(fromKeys.groupsInScope()).containsExactlyElementsOf(inCode.groupsInScope());
    // timeouts, attempts, retry budget, backoff, pacing
    assertThat(fromKeys.http().toString()).isEqualTo(inCode.http().toString());
  }

  @Test
  void keysBuildWhatCodeBuilds() {
    OktaConfig inCode = OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .sourceId("okta-prod")
        .apiToken(TOKEN)
        .groupsInScope("00g1", "00g2")
        .userPageSize(50)
        .groupPageSize(20)
        .memberPageSize(500)
        .http(HttpSettings.builder().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20)).maxAttempts(3)
            .retryBudget(Duration.ofMinutes(1)).build())
        .build();
    OktaConfig fromKeys = OktaConfig.builder().configure(Map.ofEntries(
        Map.entry("albauth.okta.org-url", "https://example.okta.com/"),
        Map.entry("albauth.okta.source-id", "okta-prod"),
        Map.entry("albauth.okta.api-token", TOKEN),
        Map.entry("albauth.okta.groups", "00g1, 00g2"),
        Map.entry("albauth.okta.user-page-size", "50"),
        Map.entry("albauth.okta.group-page-size", "20"),
        Map.entry("albauth.okta.member-page-size", "500"),
        Map.entry("albauth.okta.connect-timeout", "3s"),
        Map.entry("albauth.okta.request-timeout", "PT20S"),
        Map.entry("albauth.okta.max-attempts", "3"),
        Map.entry("albauth.okta.retry-budget", "1m"))).build();

    assertSame(fromKeys, inCode);
    assertThat(fromKeys.authorization().header()).isEqualTo(inCode.authorization().header())
        .isEqualTo("SSWS " + TOKEN);
  }

  @Test
  void defaultsAreTheSameEitherWay() {
    OktaConfig inCode = OktaConfig.builder().orgUrl(URI.create("https://example.okta.com"))
        .apiToken(TOKEN).build();
    OktaConfig fromKeys = OktaConfig.builder().configure(Map.of(
        "albauth.okta.org-url", "https://example.okta.com",
        "albauth.okta.api-token", TOKEN)).build();
    assertSame(fromKeys, inCode);
    assertThat(fromKeys.sourceId()).isEqualTo("okta");
    assertThat(fromKeys.userPageSize()).isEqualTo(OktaConfig.MAX_USER_PAGE);
  }

  @Test
  void aServiceAppFromKeys() {
    OktaConfig inCode = OktaConfig.builder().orgUrl(URI.create("https://example.okta.com"))
        .serviceApp("0oa1b2c3d4", keys.getPrivate(), "kid-1").build();
    OktaConfig fromKeys = OktaConfig.builder().configure(Map.of(
        "albauth.okta.org-url", "https://example.okta.com",
        "albauth.okta.client-id", "0oa1b2c3d4",
        "albauth.okta.private-key", pem(keys),
        "albauth.okta.key-id", "kid-1")).build();
    assertSame(fromKeys, inCode);
    assertThat(fromKeys.toString()).contains("service app 0oa1b2c3d4");

    // the same key in code and by its key is one option given twice, equally
    OktaConfig both = OktaConfig.builder().orgUrl(URI.create("https://example.okta.com"))
        .serviceApp("0oa1b2c3d4", keys.getPrivate(), "kid-1")
        .configure(Map.of("albauth.okta.private-key", pem(keys).replace("\n", "\\n"))).build();
    assertSame(both, inCode);
  }

  @Test
  void aServiceAppNeedsItsKey() {
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.org-url", "https://example.okta.com",
        "albauth.okta.client-id", "0oa1b2c3d4")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("albauth.okta.private-key");
  }

  @Test
  void aTypoFailsWithTheNearestKey() {
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.org-ur", "https://example.okta.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.okta.org-ur; did you mean albauth.okta.org-url?");
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.user-page-size", "500")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.okta.user-page-size: 500 is out of range");
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.org-url", "http://example.okta.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.okta.org-url: http://example.okta.com is not an https URL");
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.retry-budget", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.okta.retry-budget: \"soon\" is not a duration");
  }

  @Test
  void aBadPrivateKeyNamesItsKeyButNotItsValue() {
    String notAKey = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n"
        + "-----END RSA PRIVATE KEY-----";
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.private-key", notAKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.okta.private-key: the PEM block is RSA PRIVATE KEY, not PRIVATE KEY;")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> OktaConfig.builder().configure(Map.of(
        "albauth.okta.private-key", "my-secret-key-text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.okta.private-key: not PEM text")
        .hasMessageNotContaining("my-secret-key-text");
  }

  @Test
  void codeAndConfigurationMustAgree() {
    assertThatThrownBy(() -> OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .apiToken(TOKEN)
        .configure(Map.of("albauth.okta.org-url", "https://other.okta.com"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("orgUrl is set twice, in code to https://example.okta.com and by"
            + " albauth.okta.org-url to https://other.okta.com; remove one of them");
    assertThatThrownBy(() -> OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .apiToken(TOKEN)
        .groupsInScope("00g1")
        .configure(Map.of("albauth.okta.groups", "00g2"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("groupsInScope is set twice, in code to [00g1] and by"
            + " albauth.okta.groups to [00g2]");
  }

  @Test
  void aSecretConflictNamesNoValue() {
    assertThatThrownBy(() -> OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .apiToken(TOKEN)
        .configure(Map.of("albauth.okta.api-token", OTHER_TOKEN))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiToken is set twice, in code and by albauth.okta.api-token, with different"
            + " values; remove one of them")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(OTHER_TOKEN);
    assertThatThrownBy(() -> OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .serviceApp("0oa1b2c3d4", keys.getPrivate(), null)
        .configure(Map.of("albauth.okta.private-key", pem(otherKeys)))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serviceApp private key is set twice, in code and by albauth.okta.private-key,"
            + " with different values; remove one of them");
    assertThatThrownBy(() -> OktaConfig.builder()
        .configure(Map.of("albauth.okta.api-token", TOKEN))
        .configure(Map.of("albauth.okta.api-token", OTHER_TOKEN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.okta.api-token is configured twice, with different values; remove"
            + " one of them")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(OTHER_TOKEN);
  }

  @Test
  void httpSettingsInCodeReplaceTheHttpKeys() {
    assertThatThrownBy(() -> OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .apiToken(TOKEN)
        .http(HttpSettings.defaults())
        .configure(Map.of("albauth.okta.max-attempts", "3"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http(HttpSettings) was given in code, so albauth.okta.max-attempts"
            + " would be ignored");
  }

  @Test
  void environmentVariables() {
    Map<String, String> environment = Map.of(
        "ALBAUTH_OKTA_ORG_URL", "https://example.okta.com",
        "ALBAUTH_OKTA_API_TOKEN", TOKEN,
        "ALBAUTH_OKTA_GROUPS", "00g1,00g2",
        "PATH", "/usr/bin");
    OktaConfig config = OktaConfig.builder()
        .configure(SettingsRegistry.discover().fromEnvironment(environment)).build();
    assertThat(config.orgUrl()).isEqualTo(URI.create("https://example.okta.com"));
    assertThat(config.groupsInScope()).containsExactly("00g1", "00g2");
    assertThat(config.authorization().header()).isEqualTo("SSWS " + TOKEN);

    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_OKTA_API_TOKN", TOKEN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean ALBAUTH_OKTA_API_TOKEN (albauth.okta.api-token)?")
        .hasMessageNotContaining(TOKEN);
  }
}
