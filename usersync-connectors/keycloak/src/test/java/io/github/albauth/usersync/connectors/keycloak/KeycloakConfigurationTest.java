package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KeycloakSource.Builder#configure}: the {@code albauth.keycloak.*} keys and the precedence
 * rule. Nothing here calls a server.
 */
class KeycloakConfigurationTest {

  private static final String SECRET = "kc-secret-from-code-1234567890";
  private static final String OTHER_SECRET = "kc-secret-from-config-0987654321";

  private static KeycloakSource.Builder required() {
    return KeycloakSource.builder()
        .serverUrl(URI.create("https://sso.example.com"))
        .realm("acme")
        .clientId("albauth-sync")
        .clientSecret(SECRET);
  }

  private static Map<String, String> requiredKeys() {
    return Map.of(
        "albauth.keycloak.server-url", "https://sso.example.com",
        "albauth.keycloak.realm", "acme",
        "albauth.keycloak.client-id", "albauth-sync",
        "albauth.keycloak.client-secret", SECRET);
  }

  private static void assertSame(KeycloakSource fromKeys, KeycloakSource inCode) {
    assertThat(fromKeys.toString()).isEqualTo(inCode.toString());
    assertThat(fromKeys.id()).isEqualTo(inCode.id());
    assertThat(fromKeys.serverUrl()).isEqualTo(inCode.serverUrl());
    assertThat(fromKeys.realm()).isEqualTo(inCode.realm());
    assertThat(fromKeys.clientId()).isEqualTo(inCode.clientId());
    assertThat(fromKeys.pageSize()).isEqualTo(inCode.pageSize());
    assertThat(fromKeys.groupPaths()).containsExactlyElementsOf(inCode.groupPaths());
    // timeouts, attempts, retry budget, backoff, pacing
    assertThat(fromKeys.http().toString()).isEqualTo(inCode.http().toString());
  }

  @Test
  void keysBuildWhatCodeBuilds() {
    KeycloakSource inCode = KeycloakSource.builder()
        .serverUrl(URI.create("https://sso.example.com/auth"))
        .realm("acme")
        .clientId("albauth-sync")
        .clientSecret(SECRET)
        .sourceId("kc-eu")
        .pageSize(250)
        .onlyMembersOf("/staff", "/staff/ops")
        .http(HttpSettings.builder().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20)).maxAttempts(3)
            .retryBudget(Duration.ofMinutes(1)).build())
        .build();
    KeycloakSource fromKeys = KeycloakSource.builder().configure(Map.ofEntries(
        Map.entry("albauth.keycloak.server-url", "https://sso.example.com/auth/"),
        Map.entry("albauth.keycloak.realm", "acme"),
        Map.entry("albauth.keycloak.client-id", "albauth-sync"),
        Map.entry("albauth.keycloak.client-secret", SECRET),
        Map.entry("albauth.keycloak.source-id", "kc-eu"),
        Map.entry("albauth.keycloak.page-size", "250"),
        Map.entry("albauth.keycloak.groups", "/staff, /staff/ops"),
        Map.entry("albauth.keycloak.connect-timeout", "3s"),
        Map.entry("albauth.keycloak.request-timeout", "PT20S"),
        Map.entry("albauth.keycloak.max-attempts", "3"),
        Map.entry("albauth.keycloak.retry-budget", "1m"))).build();

    assertSame(fromKeys, inCode);
    assertThat(fromKeys).hasToString("KeycloakSource[kc-eu, members of [/staff, /staff/ops]]");
    assertThat(fromKeys.serverUrl()).isEqualTo("https://sso.example.com/auth");
    assertThat(fromKeys.pageSize()).isEqualTo(250);
  }

  @Test
  void defaultsAreTheSameEitherWay() {
    KeycloakSource inCode = required().build();
    KeycloakSource fromKeys = KeycloakSource.builder().configure(requiredKeys()).build();
    assertSame(fromKeys, inCode);
    assertThat(fromKeys.id()).isEqualTo("keycloak");
    assertThat(fromKeys.pageSize()).isEqualTo(KeycloakSource.Builder.DEFAULT_PAGE_SIZE);
    assertThat(fromKeys.groupPaths()).isEmpty();
    assertThat(fromKeys.http().toString()).isEqualTo(HttpSettings.defaults().toString());
  }

  @Test
  void codeAndKeysMayGiveTheSameValue() {
    KeycloakSource both = required().onlyMembersOf("/staff").pageSize(50)
        .configure(requiredKeys())
        .configure(Map.of("albauth.keycloak.groups", "/staff",
            "albauth.keycloak.page-size", "50"))
        .build();
    assertSame(both, required().onlyMembersOf("/staff").pageSize(50).build());
  }

  @Test
  void aMissingRequiredOptionNamesItsKey() {
    Map<String, String> keys = new java.util.HashMap<>(requiredKeys());
    keys.remove("albauth.keycloak.client-secret");
    assertThatThrownBy(() -> KeycloakSource.builder().configure(keys).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a Keycloak source needs the client's secret: call clientSecret(String) or set"
            + " albauth.keycloak.client-secret");
  }

  @Test
  void aTypoFailsWithTheNearestKey() {
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.server-ur", "https://sso.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.keycloak.server-ur; did you mean"
            + " albauth.keycloak.server-url?");
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.page-size", "1001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.keycloak.page-size: 1001 is out of range");
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.server-url", "http://sso.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.keycloak.server-url: http://sso.example.com is not an"
            + " https URL");
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.server-url", "https://sso.example.com/?realm=acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.keycloak.server-url: https://sso.example.com/?realm=acme"
            + " has a query or fragment");
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.groups", "/staff, ops")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("albauth.keycloak.groups: group path 'ops' is not a Keycloak group path; give"
            + " it as /name or /parent/name");
    assertThatThrownBy(() -> KeycloakSource.builder().configure(Map.of(
        "albauth.keycloak.retry-budget", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.keycloak.retry-budget: \"soon\" is not a duration");
  }

  @Test
  void codeAndConfigurationMustAgree() {
    assertThatThrownBy(() -> required()
        .configure(Map.of("albauth.keycloak.server-url", "https://other.example.com"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serverUrl is set twice, in code to https://sso.example.com and by"
            + " albauth.keycloak.server-url to https://other.example.com; remove one of them");
    assertThatThrownBy(() -> required()
        .configure(Map.of("albauth.keycloak.realm", "other"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("realm is set twice, in code to acme and by albauth.keycloak.realm to other;"
            + " remove one of them");
    assertThatThrownBy(() -> required().pageSize(10)
        .configure(Map.of("albauth.keycloak.page-size", "20"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pageSize is set twice, in code to 10 and by albauth.keycloak.page-size to 20;"
            + " remove one of them");
    assertThatThrownBy(() -> required().onlyMembersOf("/staff")
        .configure(Map.of("albauth.keycloak.groups", "/ops"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("onlyMembersOf is set twice, in code to [/staff] and by"
            + " albauth.keycloak.groups to [/ops]; remove one of them");
  }

  @Test
  void aSecretConflictNamesNoValue() {
    assertThatThrownBy(() -> required()
        .configure(Map.of("albauth.keycloak.client-secret", OTHER_SECRET))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clientSecret is set twice, in code and by albauth.keycloak.client-secret,"
            + " with different values; remove one of them")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
    assertThatThrownBy(() -> KeycloakSource.builder()
        .configure(Map.of("albauth.keycloak.client-secret", SECRET))
        .configure(Map.of("albauth.keycloak.client-secret", OTHER_SECRET)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.keycloak.client-secret is configured twice, with different values;"
            + " remove one of them")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
    // the same secret both ways is one option given twice, equally
    assertSame(required().configure(Map.of("albauth.keycloak.client-secret", SECRET)).build(),
        required().build());
  }

  @Test
  void httpSettingsInCodeReplaceTheHttpKeys() {
    assertThatThrownBy(() -> required()
        .http(HttpSettings.defaults())
        .configure(Map.of("albauth.keycloak.max-attempts", "3"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http(HttpSettings) was given in code, so"
            + " albauth.keycloak.max-attempts would be ignored");
  }

  @Test
  void environmentVariables() {
    Map<String, String> environment = Map.of(
        "ALBAUTH_KEYCLOAK_SERVER_URL", "https://sso.example.com",
        "ALBAUTH_KEYCLOAK_REALM", "acme",
        "ALBAUTH_KEYCLOAK_CLIENT_ID", "albauth-sync",
        "ALBAUTH_KEYCLOAK_CLIENT_SECRET", SECRET,
        "ALBAUTH_KEYCLOAK_GROUPS", "/staff,/staff/ops",
        "PATH", "/usr/bin");
    KeycloakSource source = KeycloakSource.builder()
        .configure(SettingsRegistry.discover().fromEnvironment(environment)).build();
    assertThat(source.serverUrl()).isEqualTo("https://sso.example.com");
    assertThat(source.realm()).isEqualTo("acme");
    assertThat(source.clientId()).isEqualTo("albauth-sync");
    assertThat(source.groupPaths()).containsExactly("/staff", "/staff/ops");
    assertThat(source.toString()).doesNotContain(SECRET);
    // the secret from the environment is the one given in code
    assertSame(required().onlyMembersOf("/staff", "/staff/ops")
        .configure(SettingsRegistry.discover().fromEnvironment(
            Map.of("ALBAUTH_KEYCLOAK_CLIENT_SECRET", SECRET))).build(), source);
    assertThatThrownBy(() -> required().configure(SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_KEYCLOAK_CLIENT_SECRET", OTHER_SECRET))).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);

    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_KEYCLOAK_CLIENT_SECRT", SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean ALBAUTH_KEYCLOAK_CLIENT_SECRET"
            + " (albauth.keycloak.client-secret)?")
        .hasMessageNotContaining(SECRET);
  }
}
