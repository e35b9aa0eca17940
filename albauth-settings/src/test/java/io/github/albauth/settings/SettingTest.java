package io.github.albauth.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettingTest {

  private static final Setting<Duration> TTL = Setting.duration("albauth.ttl", Duration.ZERO,
      Duration.ofDays(1), "PT1M", "ttl");
  private static final Setting<Integer> SIZE =
      Setting.size("albauth.size", 1024, 1 << 20, "16384", "size");

  @ParameterizedTest
  @CsvSource({"PT10S,10000", "pt10s,10000", "10s,10000", "500ms,500", "2m,120000", "1h,3600000",
      "1D,86400000", "PT0S,0"})
  void durationsInIsoOrWithAUnit(String text, long millis) {
    assertThat(TTL.parse("albauth.ttl", text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"-PT1S", "10", "10 sec", "2d", "P1Y"})
  void badDurations(String text) {
    assertThatThrownBy(() -> TTL.parse("albauth.ttl", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("albauth.ttl: ");
  }

  @ParameterizedTest
  @CsvSource({"16384,16384", "16k,16384", "16KiB,16384", "1m,1048576", "1MiB,1048576"})
  void sizes(String text, int expected) {
    assertThat(SIZE.parse("albauth.size", text)).isEqualTo(expected);
  }

  @Test
  void sizesOutOfRangeOrMalformed() {
    assertThatThrownBy(() -> SIZE.parse("albauth.size", "2m"))
        .hasMessage("albauth.size: 2097152 is out of range; give 1024 to 1048576");
    assertThatThrownBy(() -> SIZE.parse("albauth.size", "99999999999m"))
        .hasMessageStartingWith("albauth.size: \"99999999999m\" is not a size");
    assertThatThrownBy(() -> SIZE.parse("albauth.size", "1.5k"))
        .hasMessageStartingWith("albauth.size: \"1.5k\" is not a size");
  }

  @Test
  void integers() {
    Setting<Integer> perMinute = Setting.integer("albauth.n", 0, 100, "20", "n");
    assertThat(perMinute.parse("albauth.n", " 7 ")).isEqualTo(7);
    assertThatThrownBy(() -> perMinute.parse("albauth.n", "-1"))
        .hasMessage("albauth.n: -1 is out of range; give 0 to 100");
    assertThatThrownBy(() -> perMinute.parse("albauth.n", "7x"))
        .hasMessage("albauth.n: \"7x\" is not a whole number");
  }

  @Test
  void choicesIgnoreCaseAndSuggest() {
    Setting<String> idp = Setting.choice("albauth.idp", List.of("cognito", "okta", "entra"),
        "other", "preset");
    assertThat(idp.parse("albauth.idp", "OKTA")).isEqualTo("okta");
    assertThatThrownBy(() -> idp.parse("albauth.idp", "cognitto"))
        .hasMessage("albauth.idp: \"cognitto\" is not one of [cognito, okta, entra];"
            + " did you mean cognito?");
  }

  @Test
  void pairs() {
    Setting<Map<String, String>> roles = Setting.pairs("albauth.roles", "—", "roles");
    assertThat(roles.parse("albauth.roles", "Admins=admin, Staff = user"))
        .containsExactly(Map.entry("Admins", "admin"), Map.entry("Staff", "user"));
    assertThatThrownBy(() -> roles.parse("albauth.roles", "Admins"))
        .hasMessageStartingWith("albauth.roles: \"Admins\" is not key=value");
    assertThatThrownBy(() -> roles.parse("albauth.roles", "a=b, a=c"))
        .hasMessage("albauth.roles: \"a\" is given twice");
  }

  @Test
  void declarationsAreChecked() {
    assertThatThrownBy(() -> Setting.text("other.key", "—", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Setting.family("albauth.mapping", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Setting.choice("albauth.c", List.of(), "—", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
