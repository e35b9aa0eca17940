package io.github.albauth.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

  private final PathPatterns patterns = PathPatterns.parse(" /health, /actuator/* ,*.css,, ");

  @ParameterizedTest
  @CsvSource({
      "/health, true",
      "/health/, false",
      "/healthz, false",
      "/health/deep, false",
      "/actuator, true",
      "/actuator/health, true",
      "/actuator/health/liveness, true",
      "/actuatorx, false",
      "/actuatorx/y, false",
      "/static/site.css, true",
      "/static/SITE.CSS, true",
      "/.css, false",
      "/static/site.css/evil, false",
      "/admin, false",
      "/, false"
  })
  void matchesLikeServletUrlPatterns(String path, boolean expected) {
    assertThat(patterns.matches(path)).isEqualTo(expected);
  }

  @Test
  void slashStarExcludesEverything() {
    assertThat(PathPatterns.parse("/*").matches("/anything/at/all")).isTrue();
    assertThat(PathPatterns.parse("/*").matches("/")).isTrue();
  }

  @Test
  void blankMeansNone() {
    assertThat(PathPatterns.parse("  , ").isEmpty()).isTrue();
    assertThat(PathPatterns.parse("").matches("/health")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"health", "/a/*/b", "/a*", "*.", "*.a/b", "**.css", "/a/**"})
  void rejectsPatternsItCannotMatchSafely(String pattern) {
    assertThatThrownBy(() -> PathPatterns.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path pattern '" + pattern + "' is not valid; use an exact path (/health),"
            + " a prefix (/actuator/*) or an extension (*.css)");
  }
}
