package io.github.albauth.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Spring's spellings of albauth keys reach the registry's canonical keys, from every kind of
 * property source, and whatever the registry refuses is refused with its message and the source.
 */
class EnvironmentSettingsTest {

  private static final String SIGNER =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
  private static final String OTHER_SIGNER =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/other/50dc6c495c0c9188";

  private final EnvironmentSettings reader = new EnvironmentSettings(SettingsRegistry.discover());

  @Test
  void relaxedSpellingsAndEnvironmentVariablesReachTheCanonicalKeys() {
    StandardEnvironment environment = environment(
        Map.of("ALBAUTH_EXPECTED_SIGNERS", SIGNER, "ALBAUTH_MAPPING_DISPLAY_NAME", "name",
            "PATH", "/usr/bin"),
        Map.of("albauth.expectedIssuers", "https://idp.example.com",
            "albauth.mapping.given-name", "given_name",
            "albauth.mapping[family_name]", "family_name",
            "albauth.Required_Groups", "staff"));

    Map<String, String> settings = reader.read(environment).asMap();

    assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of(
        "albauth.expected-signers", SIGNER,
        "albauth.mapping.displayName", "name",
        "albauth.expected-issuers", "https://idp.example.com",
        "albauth.mapping.givenName", "given_name",
        "albauth.mapping.family_name", "family_name",
        "albauth.required-groups", "staff"));
  }

  @Test
  void theKebabCaseOfAMappingAttributeIsTheEnvironmentVariablesAttribute() {
    for (Map<String, Object> spelling : java.util.List.<Map<String, Object>>of(
        Map.of("albauth.mapping.displayName", "name"),
        Map.of("albauth.mapping.display-name", "name"))) {
      assertThat(reader.read(environment(Map.of(), spelling)).asMap())
          .containsExactlyEntriesOf(Map.of("albauth.mapping.displayName", "name"));
    }
    assertThat(reader.read(environment(Map.of("ALBAUTH_MAPPING_DISPLAY_NAME", "name"), Map.of()))
        .asMap()).containsExactlyEntriesOf(Map.of("albauth.mapping.displayName", "name"));
  }

  @Test
  void indexedListsAndMapsBecomeTheRegistrysTextForms() {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("albauth.expected-signers[1]", OTHER_SIGNER);
    yaml.put("albauth.expected-signers[0]", SIGNER);
    yaml.put("albauth.role-mapping.Admins", "admin");
    yaml.put("albauth.role-mapping[Staff Users]", "user");
    yaml.put("albauth.filter.order", -5);
    yaml.put("albauth.required-groups.from-store", true);

    assertThat(reader.read(environment(Map.of(), yaml)).asMap()).containsAllEntriesOf(Map.of(
        "albauth.expected-signers", SIGNER + ", " + OTHER_SIGNER,
        "albauth.role-mapping", "Admins=admin, Staff Users=user",
        "albauth.filter.order", "-5",
        "albauth.required-groups.from-store", "true"));
  }

  @Test
  void aHigherSourceWinsPerKeyAsInSpring() {
    StandardEnvironment environment = environment(Map.of("ALBAUTH_EXPECTED_SIGNERS", OTHER_SIGNER),
        Map.of("albauth.expected-signers", SIGNER, "albauth.idp", "okta"));
    environment.getPropertySources().addFirst(
        new MapPropertySource("commandLineArgs", Map.of("albauth.idp", "entra")));

    // command line over the environment over application.yml, a whole value at a time
    assertThat(reader.read(environment).asMap()).containsAllEntriesOf(Map.of(
        "albauth.expected-signers", OTHER_SIGNER, "albauth.idp", "entra"));
  }

  @Test
  void unknownKeysAndVariablesAreRefusedWithTheNearestKeyAndTheSource() {
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.expected-signer", SIGNER))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.expected-signer; did you mean albauth.expected-signers?"
            + " (property source 'application')");
    assertThatThrownBy(() -> reader.read(environment(
        Map.of("ALBAUTH_EXPECTED_SIGNER", SIGNER), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown environment variable ALBAUTH_EXPECTED_SIGNER; did you mean"
            + " ALBAUTH_EXPECTED_SIGNERS (albauth.expected-signers)?")
        .hasMessageEndingWith("(property source 'systemEnvironment')");
  }

  @Test
  void badValuesAreRefusedWithTheRegistrysMessage() {
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.clockSkew", "PT6M"))))
        .hasMessage("albauth.clock-skew: PT6M is out of range; give PT0S to PT5M"
            + " (property source 'application')");
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.expected-issuers", " "))))
        .hasMessageStartingWith("albauth.expected-issuers: the value is empty");
  }

  @Test
  void oneSourceGivingAKeyTwiceDifferentlyIsAConflict() {
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.expected-signers", SIGNER, "albauth.expectedSigners", OTHER_SIGNER))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("albauth.expected-signers is given twice in property source"
            + " 'application'");
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.expected-signers", SIGNER, "albauth.expected-signers[0]", OTHER_SIGNER))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("as a list; use one form");
  }

  @Test
  void anItemWithACommaWouldBecomeTwoItemsAndIsRefused() {
    assertThatThrownBy(() -> reader.read(environment(Map.of(),
        Map.of("albauth.required-groups[0]", "staff,admins"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.required-groups[0]: the item \"staff,admins\" contains a"
            + " comma");
  }

  @Test
  void otherPropertiesAreNotAlbauths() {
    assertThat(reader.read(environment(Map.of("ALBAUTHX", "1", "HOME", "/root"),
        Map.of("server.port", 8080, "albauthx.foo", "bar"))).asMap()).isEmpty();
  }

  private static StandardEnvironment environment(Map<String, Object> variables,
      Map<String, Object> application) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    environment.getPropertySources().addLast(new MapPropertySource("application", application));
    return environment;
  }
}
