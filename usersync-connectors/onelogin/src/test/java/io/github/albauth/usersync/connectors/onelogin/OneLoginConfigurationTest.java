package io.github.albauth.usersync.connectors.onelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OneLoginConfig.Builder}: the options in code, the {@code albauth.onelogin.*} keys and the
 * precedence rule between them. Hosts per https://developers.onelogin.com/api-docs/2/oauth20-tokens/generate-tokens-2
 * ({@code https://<subdomain>.onelogin.com}) and
 * https://developers.onelogin.com/api-docs/1/oauth20-tokens/generate-tokens-2 ({@code
 * https://api.<region>.onelogin.com}, region {@code us} or {@code eu}).
 */
class OneLoginConfigurationTest {

  private static final String CLIENT_ID = "0123456789abcdef0123456789abcdef";
  private static final String SECRET = "secret-from-code-1234567890";
  private static final String OTHER_SECRET = "secret-from-config-0987654321";

  private static OneLoginConfig.Builder minimal() {
    return OneLoginConfig.builder().subdomain("acme").clientId(CLIENT_ID).clientSecret(SECRET);
  }

  private static void assertSame(OneLoginConfig fromKeys, OneLoginConfig inCode) {
    assertThat(fromKeys.toString()).isEqualTo(inCode.toString());
    assertThat(fromKeys.apiUrl()).isEqualTo(inCode.apiUrl());
    assertThat(fromKeys.clientId()).isEqualTo(inCode.clientId());
    assertThat(fromKeys.sourceId()).isEqualTo(inCode.sourceId());
    assertThat(fromKeys.userPageSize()).isEqualTo(inCode.userPageSize());
    assertThat(fromKeys.rolePageSize()).isEqualTo(inCode.rolePageSize());
    assertThat(fromKeys.memberPageSize()).isEqualTo(inCode.memberPageSize());
    assertThat(fromKeys.rolesInScope()).containsExactlyElementsOf(inCode.rolesInScope());
    assertThat(fromKeys.customAttributes()).isEqualTo(inCode.customAttributes());
    // token endpoint and client; the secret is not shown
    assertThat(fromKeys.authorization().toString()).isEqualTo(inCode.authorization().toString());
    // timeouts, attempts, retry budget, backoff, pacing
    assertThat(fromKeys.http().toString()).isEqualTo(inCode.http().toString());
  }

  @Test
  void everyKeyBuildsWhatCodeBuilds() {
    OneLoginConfig inCode = OneLoginConfig.builder()
        .apiUrl(URI.create("https://api.eu.onelogin.com"))
        .clientId(CLIENT_ID)
        .clientSecret(SECRET)
        .sourceId("onelogin-eu")
        .rolesInScope("199848", "272445")
        .includeCustomAttributes()
        .userPageSize(20)
        .rolePageSize(100)
        .memberPageSize(30)
        .http(HttpSettings.builder().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20)).maxAttempts(3)
            .retryBudget(Duration.ofMinutes(1)).build())
        .build();
    OneLoginConfig fromKeys = OneLoginConfig.builder().configure(Map.ofEntries(
        Map.entry("albauth.onelogin.api-url", "https://api.eu.onelogin.com/"),
        Map.entry("albauth.onelogin.client-id", CLIENT_ID),
        Map.entry("albauth.onelogin.client-secret", SECRET),
        Map.entry("albauth.onelogin.source-id", "onelogin-eu"),
        Map.entry("albauth.onelogin.roles", "199848, 272445"),
        Map.entry("albauth.onelogin.custom-attributes", "true"),
        Map.entry("albauth.onelogin.user-page-size", "20"),
        Map.entry("albauth.onelogin.role-page-size", "100"),
        Map.entry("albauth.onelogin.member-page-size", "30"),
        Map.entry("albauth.onelogin.connect-timeout", "3s"),
        Map.entry("albauth.onelogin.request-timeout", "PT20S"),
        Map.entry("albauth.onelogin.max-attempts", "3"),
        Map.entry("albauth.onelogin.retry-budget", "1m"))).build();

    assertSame(fromKeys, inCode);
    assertThat(fromKeys.apiUrl()).isEqualTo(URI.create("https://api.eu.onelogin.com"));
    assertThat(fromKeys.authorization().toString())
        .contains("https://api.eu.onelogin.com/auth/oauth2/v2/token", CLIENT_ID)
        .doesNotContain(SECRET);
    assertThat(fromKeys.toString()).contains("roles in scope [199848, 272445]",
        "custom attributes").doesNotContain(SECRET);
  }

  @Test
  void defaultsAreTheSameEitherWayAndTheSubdomainNamesTheHost() {
    OneLoginConfig inCode = minimal().build();
    OneLoginConfig fromKeys = OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.subdomain", "ACME",
        "albauth.onelogin.client-id", CLIENT_ID,
        "albauth.onelogin.client-secret", SECRET)).build();

    assertSame(fromKeys, inCode);
    assertThat(inCode.apiUrl()).isEqualTo(URI.create("https://acme.onelogin.com"));
    assertThat(inCode.authorization().toString())
        .contains("https://acme.onelogin.com/auth/oauth2/v2/token", "client_secret_post");
    assertThat(inCode.sourceId()).isEqualTo("onelogin");
    assertThat(inCode.userPageSize()).isEqualTo(OneLoginConfig.MAX_USER_PAGE).isEqualTo(50);
    assertThat(inCode.rolePageSize()).isEqualTo(OneLoginConfig.MAX_ROLE_PAGE).isEqualTo(650);
    assertThat(inCode.memberPageSize()).isEqualTo(OneLoginConfig.MAX_MEMBER_PAGE).isEqualTo(100);
    assertThat(inCode.rolesInScope()).isEmpty();
    assertThat(inCode.customAttributes()).isFalse();
  }

  @Test
  void theHostIsASubdomainOrAnApiUrlNeverBoth() {
    assertThatThrownBy(() -> OneLoginConfig.builder().clientId(CLIENT_ID).clientSecret(SECRET)
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("albauth.onelogin.subdomain").hasMessageContaining("api-url");
    assertThatThrownBy(() -> minimal().apiUrl(URI.create("https://api.us.onelogin.com")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("both subdomain and apiUrl were set; use one");
    assertThatThrownBy(() -> OneLoginConfig.builder().subdomain("acme.onelogin.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give only the subdomain (acme for acme.onelogin.com)");
    assertThatThrownBy(() -> OneLoginConfig.builder().subdomain("ac me/../x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a subdomain");
    assertThatThrownBy(() -> OneLoginConfig.builder().subdomain("-acme"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a subdomain");
    assertThatThrownBy(() -> OneLoginConfig.builder().apiUrl(URI.create("http://api.eu.onelogin.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  @Test
  void theCredentialPairIsRequired() {
    assertThatThrownBy(() -> OneLoginConfig.builder().subdomain("acme").clientSecret(SECRET)
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("clientId is not set")
        .hasMessageContaining("Read users").hasMessageContaining("albauth.onelogin.client-id");
    assertThatThrownBy(() -> OneLoginConfig.builder().subdomain("acme").clientId(CLIENT_ID)
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("clientSecret is not set")
        .hasMessageContaining("ALBAUTH_ONELOGIN_CLIENT_SECRET");
    assertThatThrownBy(() -> OneLoginConfig.builder().clientSecret(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientSecret is blank");
  }

  @Test
  void optionsAreSetOnceAndChecked() {
    assertThatThrownBy(() -> minimal().clientSecret(OTHER_SECRET))
        .isInstanceOf(IllegalStateException.class).hasMessage("clientSecret was already set");
    assertThatThrownBy(() -> minimal().includeCustomAttributes().includeCustomAttributes())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("includeCustomAttributes was already set");
    assertThatThrownBy(() -> minimal().userPageSize(51))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("userPageSize is 51; give 1 to 50");
    assertThatThrownBy(() -> minimal().rolePageSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give 1 to 650");
    assertThatThrownBy(() -> minimal().memberPageSize(101))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give 1 to 100");
    assertThatThrownBy(() -> minimal().rolesInScope("199848", "199848"))
        .isInstanceOf(IllegalStateException.class).hasMessage("role 199848 is already in scope");
    assertThatThrownBy(() -> minimal().rolesInScope("Engineering"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Engineering\" is not a OneLogin id")
        .hasMessageContaining("GET /api/2/roles");
  }

  @Test
  void aTypoFailsWithTheNearestKey() {
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.subdomian", "acme")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.onelogin.subdomian; did you mean albauth.onelogin.subdomain?");
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.user-page-size", "100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.user-page-size: 100 is out of range");
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.api-url", "http://api.eu.onelogin.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.api-url: http://api.eu.onelogin.com is not an https URL");
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.subdomain", "acme.onelogin.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.subdomain: acme.onelogin.com is a host name");
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.roles", "199848,Sales")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.roles: role id \"Sales\" is not a OneLogin id");
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.custom-attributes", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.custom-attributes: \"yes\" is not true or false");
    assertThatThrownBy(() -> OneLoginConfig.builder().configure(Map.of(
        "albauth.onelogin.retry-budget", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.onelogin.retry-budget: \"soon\" is not a duration");
  }

  @Test
  void codeAndConfigurationMustAgree() {
    assertThatThrownBy(() -> minimal()
        .configure(Map.of("albauth.onelogin.subdomain", "other"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("subdomain is set twice, in code to acme and by albauth.onelogin.subdomain to"
            + " other; remove one of them");
    assertThatThrownBy(() -> minimal().rolesInScope("199848")
        .configure(Map.of("albauth.onelogin.roles", "272445"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rolesInScope is set twice, in code to [199848] and by"
            + " albauth.onelogin.roles to [272445]");
    assertThatThrownBy(() -> minimal().includeCustomAttributes()
        .configure(Map.of("albauth.onelogin.custom-attributes", "false"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("includeCustomAttributes is set twice");
    // the same value both ways is one option given twice, equally
    assertSame(minimal().configure(Map.of("albauth.onelogin.subdomain", "acme",
        "albauth.onelogin.client-secret", SECRET)).build(), minimal().build());
  }

  @Test
  void aSecretConflictNamesNoValue() {
    assertThatThrownBy(() -> minimal()
        .configure(Map.of("albauth.onelogin.client-secret", OTHER_SECRET))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clientSecret is set twice, in code and by albauth.onelogin.client-secret,"
            + " with different values; remove one of them")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
    assertThatThrownBy(() -> OneLoginConfig.builder()
        .configure(Map.of("albauth.onelogin.client-secret", SECRET))
        .configure(Map.of("albauth.onelogin.client-secret", OTHER_SECRET)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.onelogin.client-secret is configured twice, with different values;"
            + " remove one of them")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER_SECRET);
  }

  @Test
  void httpSettingsInCodeReplaceTheHttpKeys() {
    assertThatThrownBy(() -> minimal()
        .http(HttpSettings.defaults())
        .configure(Map.of("albauth.onelogin.max-attempts", "3"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http(HttpSettings) was given in code, so"
            + " albauth.onelogin.max-attempts would be ignored");
  }

  @Test
  void environmentVariables() {
    Map<String, String> environment = Map.of(
        "ALBAUTH_ONELOGIN_SUBDOMAIN", "acme",
        "ALBAUTH_ONELOGIN_CLIENT_ID", CLIENT_ID,
        "ALBAUTH_ONELOGIN_CLIENT_SECRET", SECRET,
        "ALBAUTH_ONELOGIN_ROLES", "199848,272445",
        "PATH", "/usr/bin");
    OneLoginConfig config = OneLoginConfig.builder()
        .configure(SettingsRegistry.discover().fromEnvironment(environment)).build();
    assertThat(config.apiUrl()).isEqualTo(URI.create("https://acme.onelogin.com"));
    assertThat(config.rolesInScope()).containsExactly("199848", "272445");
    assertThat(config.toString()).doesNotContain(SECRET);

    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_ONELOGIN_CLIENT_SECRT", SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean ALBAUTH_ONELOGIN_CLIENT_SECRET"
            + " (albauth.onelogin.client-secret)?")
        .hasMessageNotContaining(SECRET);
  }
}
