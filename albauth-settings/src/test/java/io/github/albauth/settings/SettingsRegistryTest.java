package io.github.albauth.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsRegistryTest {

  static final Setting<List<String>> REQUIRED_GROUPS =
      Setting.list("albauth.required-groups", "—", "groups a user needs");
  static final Setting<List<String>> EXPECTED_ISSUERS =
      Setting.list("albauth.expected-issuers", "any", "allowed issuers");
  static final Setting<Duration> CLOCK_SKEW = Setting.duration("albauth.clock-skew",
      Duration.ZERO, Duration.ofMinutes(5), "PT10S", "allowed skew");
  static final Setting<Boolean> ACCESS_TOKEN_GROUPS =
      Setting.bool("albauth.access-token.groups", "false", "merge access-token groups");
  static final Setting<String> MAPPING = Setting.family("albauth.mapping.", "one expression each");
  static final Setting<String> MAPPING_MAX = Setting.text("albauth.mapping-max-list-size", "1000", "x");

  static SettingsProvider provider(String module, Setting<?>... settings) {
    return new SettingsProvider() {
      @Override
      public String module() {
        return module;
      }

      @Override
      public List<Setting<?>> settings() {
        return List.of(settings);
      }
    };
  }

  private final SettingsRegistry registry = SettingsRegistry.of(List.of(
      provider("alb-auth-core", EXPECTED_ISSUERS, CLOCK_SKEW),
      provider("alb-auth-jakarta-servlet", REQUIRED_GROUPS, ACCESS_TOKEN_GROUPS),
      provider("usersync-mapping", MAPPING, MAPPING_MAX)));

  @Test
  void aTypoInAKeyFailsWithTheNearestKey() {
    // reproduced: albauth.required-group=Admins let a user outside Admins through
    assertThatThrownBy(() -> registry.read(Map.of("albauth.required-group", "Admins")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.required-group; did you mean albauth.required-groups?");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.expected-issuer", "https://idp")))
        .hasMessage("unknown key albauth.expected-issuer; did you mean albauth.expected-issuers?");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.maping.username", "email")))
        .hasMessage("unknown key albauth.maping.username; did you mean albauth.mapping.username?");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.something-else-entirely", "x")))
        .hasMessageStartingWith("unknown key albauth.something-else-entirely; the albauth keys are");
  }

  @Test
  void aHostileKeyIsEchoedEscaped() {
    assertThatThrownBy(() -> registry.read(Map.of("albauth.x\n\u202eevil", "v")))
        .hasMessageContaining("albauth.x\\u000a\\u202eevil")
        .hasMessageNotContaining("\n");
  }

  @Test
  void otherKeysAreLeftAloneAndKnownKeysParsed() {
    Settings settings = registry.read(Map.of(
        "server.port", "8080",
        "albauth.required-groups", " Admins , Staff,Admins",
        "albauth.clock-skew", "30s",
        "albauth.mapping.username", "email",
        "albauth.mapping.displayName", "name"));
    assertThat(settings.get(REQUIRED_GROUPS)).contains(List.of("Admins", "Staff"));
    assertThat(settings.get(CLOCK_SKEW)).contains(Duration.ofSeconds(30));
    assertThat(settings.get(ACCESS_TOKEN_GROUPS)).isEmpty();
    assertThat(settings.family(MAPPING)).containsEntry("username", "email")
        .containsEntry("displayName", "name").hasSize(2);
    assertThat(settings.asMap()).doesNotContainKey("server.port");
    assertThat(settings.toString()).doesNotContain("Admins");
  }

  @Test
  void badValuesAreRefusedWithOneMessageStyle() {
    assertThatThrownBy(() -> registry.read(Map.of("albauth.clock-skew", "ten")))
        .hasMessage("albauth.clock-skew: \"ten\" is not a duration; give ISO-8601 (PT10S, PT2M)"
            + " or a number with ms, s, m, h or d (10s, 500ms)");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.clock-skew", "PT6M")))
        .hasMessage("albauth.clock-skew: PT6M is out of range; give PT0S to PT5M");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.access-token.groups", "yes")))
        .hasMessage("albauth.access-token.groups: \"yes\" is not true or false");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.required-groups", "a,,b")))
        .hasMessageStartingWith("albauth.required-groups: \"a,,b\" has an empty item");
  }

  @Test
  void anEmptyValueNeverMeansUnset() {
    // an empty allow-list must not turn the issuer check off
    assertThatThrownBy(() -> registry.read(Map.of("albauth.expected-issuers", "  ")))
        .hasMessage("albauth.expected-issuers: the value is empty; remove the key or give"
            + " comma-separated list");
  }

  @Test
  void aFamilyMemberMayBeEmpty() {
    assertThat(registry.read(Map.of("albauth.mapping.groups", "")).family(MAPPING))
        .containsExactly(Map.entry("groups", ""));
  }

  @Test
  void familyMembersMustBeNames() {
    assertThatThrownBy(() -> registry.read(Map.of("albauth.mapping.", "x")))
        .hasMessageStartingWith("invalid key albauth.mapping.: after albauth.mapping. comes a name");
    assertThatThrownBy(() -> registry.read(Map.of("albauth.mapping.a b", "x")))
        .hasMessageStartingWith("invalid key albauth.mapping.a b");
  }

  @Test
  void environmentVariablesMapOntoTheSameKeys() {
    Map<String, String> keys = registry.fromEnvironment(Map.of(
        "PATH", "/bin",
        "ALBAUTH_REQUIRED_GROUPS", "Admins",
        "ALBAUTH_ACCESS_TOKEN_GROUPS", "true",
        "ALBAUTH_MAPPING_DISPLAY_NAME", "name",
        "ALBAUTH_MAPPING_MAX_LIST_SIZE", "10"));
    assertThat(keys).containsOnly(
        Map.entry("albauth.required-groups", "Admins"),
        Map.entry("albauth.access-token.groups", "true"),
        Map.entry("albauth.mapping.displayName", "name"),
        Map.entry("albauth.mapping-max-list-size", "10"));
    assertThat(Setting.environmentVariable("albauth.mapping.displayName"))
        .isEqualTo("ALBAUTH_MAPPING_DISPLAY_NAME");
    assertThatThrownBy(() -> registry.fromEnvironment(Map.of("ALBAUTH_REQUIRED_GROUP", "Admins")))
        .hasMessage("unknown environment variable ALBAUTH_REQUIRED_GROUP; did you mean"
            + " ALBAUTH_REQUIRED_GROUPS (albauth.required-groups)?");
  }

  @Test
  void propertiesContributeTheirAlbauthEntries() {
    Properties properties = new Properties();
    properties.setProperty("albauth.clock-skew", "PT1S");
    properties.setProperty("java.home", "/jdk");
    assertThat(SettingsRegistry.fromProperties(properties))
        .containsOnly(Map.entry("albauth.clock-skew", "PT1S"));
  }

  @Test
  void aKeyHasOneOwner() {
    assertThatThrownBy(() -> SettingsRegistry.of(List.of(provider("a", CLOCK_SKEW),
        provider("b", CLOCK_SKEW))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth setting albauth.clock-skew is declared by a and by b; a key has one owner");
  }

  @Test
  void theRegistryKnowsWhoOwnsWhat() {
    assertThat(registry.moduleOf(CLOCK_SKEW)).isEqualTo("alb-auth-core");
    assertThat(registry.find("albauth.mapping.email")).contains(MAPPING);
    assertThat(registry.find("albauth.nope")).isEmpty();
    assertThat(registry.settings()).hasSize(6);
  }

  @Test
  void discoveryFindsNothingWithoutProviders() {
    // this module alone declares no keys; the other modules' tests check their own providers
    assertThat(SettingsRegistry.discover().settings()).isEmpty();
  }
}
