package io.github.albauth.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

  private static final Setting<List<String>> SIGNERS =
      Setting.list("albauth.expected-signers", "—", "signers");
  private static final Setting<String> IDP =
      Setting.choice("albauth.idp", List.of("okta", "entra"), "other", "preset");
  private final SettingsRegistry registry =
      SettingsRegistry.of(List.of(SettingsRegistryTest.provider("core", SIGNERS, IDP)));

  @Test
  void theSameValueFromBothSourcesIsFine() {
    // reproduced: idp(OKTA).configure({albauth.idp=okta}) failed with "idp was already set"
    Settings config = registry.read(Map.of("albauth.idp", "okta"));
    assertThat(Precedence.resolve("idp", "okta", IDP, config)).isEqualTo("okta");
  }

  @Test
  void differentValuesFromCodeAndConfigurationFailNamingBoth() {
    // reproduced: requireSigner(A).configure({expected-signers=B}) built with [A, B]
    Settings config = registry.read(Map.of("albauth.expected-signers", "B"));
    assertThatThrownBy(() -> Precedence.resolve("expected signers", List.of("A"), SIGNERS, config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected signers is set twice, in code to [A] and by albauth.expected-signers"
            + " to [B]; remove one of them");
  }

  @Test
  void eitherSourceAloneWins() {
    Settings config = registry.read(Map.of("albauth.expected-signers", "B"));
    assertThat(Precedence.resolve("expected signers", null, SIGNERS, config)).isEqualTo(List.of("B"));
    assertThat(Precedence.resolve("expected signers", List.of("A"), SIGNERS, Settings.empty()))
        .isEqualTo(List.of("A"));
    assertThat(Precedence.resolve("expected signers", null, SIGNERS, Settings.empty())).isNull();
  }

  @Test
  void setOnce() {
    assertThat(Precedence.setOnce("clock", null, "a")).isEqualTo("a");
    assertThatThrownBy(() -> Precedence.setOnce("verifier", "v1", "v2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("verifier was already set to v1");
  }

  @Test
  void aComponentInCodeRefusesTheKeysItReplaces() {
    Settings config = registry.read(Map.of("albauth.expected-signers", "B"));
    assertThatThrownBy(() -> Precedence.refuseIgnored("verifier(...)", config, SIGNERS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("verifier(...) was given in code, so albauth.expected-signers would be ignored;"
            + " remove the setting or configure verifier(...) instead");
    Precedence.refuseIgnored("verifier(...)", config, IDP);
  }

  @Test
  void configurationGivenTwiceMustAgree() {
    Settings first = registry.read(Map.of("albauth.idp", "okta"));
    Settings same = registry.read(Map.of("albauth.idp", " okta"));
    Settings other = registry.read(Map.of("albauth.idp", "entra", "albauth.expected-signers", "A"));
    assertThat(Precedence.merge(first, same).get(IDP)).contains("okta");
    assertThatThrownBy(() -> Precedence.merge(first, other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.idp is configured twice, as \"okta\" and as \"entra\"; remove one of them");
    Settings merged = Precedence.merge(first, registry.read(Map.of("albauth.expected-signers", "A")));
    assertThat(merged.get(SIGNERS)).contains(List.of("A"));
    assertThat(merged.get(IDP)).contains("okta");
  }
}
