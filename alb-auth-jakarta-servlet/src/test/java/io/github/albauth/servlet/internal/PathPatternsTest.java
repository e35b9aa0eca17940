package io.github.albauth.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternsTest {

  private final PathPatterns patterns =
      PathPatterns.parse(" /health, /actuator/* ,/static/*.css,, ");

  @ParameterizedTest
  @CsvSource({
      "/health, true",
      "/health/, false",
      "/healthz, false",
      "/health/deep, false",
      "/Health, false",
      "/HEALTH, false",
      "/actuator, true",
      "/actuator/, true",
      "/actuator/health, true",
      "/actuator/health/liveness, true",
      "/Actuator/health, false",
      "/actuatorx, false",
      "/actuatorx/y, false",
      "/static/site.css, true",
      "/static/deep/site.css, true",
      "/static/SITE.CSS, false",
      "/static/site.Css, false",
      "/static/.css, false",
      "/static/site.css/evil, false",
      "/static/site.css., false",
      "/staticx/site.css, false",
      "/static.css, false",
      "/api/secret.css, false",
      "/site.css, false",
      "/admin, false",
      "/, false"
  })
  void matchesCaseSensitivelyLikeServletUrlPatterns(String path, boolean expected) {
    assertThat(patterns.matches(path)).isEqualTo(expected);
  }

  /** What a container may leave in a decoded path (Tomcat: %3b, %2500) never matches. */
  @ParameterizedTest
  @ValueSource(strings = {"/static/secret;.css", "/static/secret%00.css", "/actuator/..%00/x",
      "/actuator//x", "//actuator/x", "/actuator/../admin", "/actuator/./x", "/actuator/.../x",
      "/static\\..\\api\\x.css", "/actuator/x\u0000", "/health;x", "/actuator/\u001b[31m",
      "actuator/x", ""})
  void aPathNotInCanonicalFormMatchesNothing(String path) {
    assertThat(patterns.matches(path)).isFalse();
    assertThat(PathPatterns.parse("/*").matches(path)).isFalse();
  }

  @Test
  void slashStarExcludesEveryCanonicalPath() {
    assertThat(PathPatterns.parse("/*").matches("/anything/at/all")).isTrue();
    assertThat(PathPatterns.parse("/*").matches("/")).isTrue();
  }

  @Test
  void blankMeansNone() {
    assertThat(PathPatterns.parse("  , ").isEmpty()).isTrue();
    assertThat(PathPatterns.parse("").matches("/health")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*.css", "/*.css", " *.json"})
  void refusesAnExtensionThatIsNotScopedToADirectory(String pattern) {
    String extension = pattern.substring(pattern.indexOf('.'));
    assertThatThrownBy(() -> PathPatterns.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path pattern '" + pattern.strip() + "' would exclude every " + extension
            + " path, including protected ones such as /api/secret" + extension + "; scope the"
            + " extension to a directory, e.g. /static/*" + extension);
  }

  @ParameterizedTest
  @ValueSource(strings = {"health", "/a/*/b", "/a*", "*.", "*.a/b", "**.css", "/a/**",
      "/static/*.", "/static/**.css", "/static/*.c*", "/static/x*.css"})
  void rejectsPatternsItCannotMatchSafely(String pattern) {
    assertThatThrownBy(() -> PathPatterns.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path pattern '" + pattern + "' is not valid; use an exact path (/health),"
            + " a prefix (/actuator/*) or an extension within a prefix (/static/*.css)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health;x", "/a//b", "/a/../b", "/a/./*", "/a%2fb/*", "/a\\b",
      "/static/../*.css", "/static/*.c;ss", "/a//*"})
  void rejectsPatternsThatCanNeverMatchANormalisedPath(String pattern) {
    assertThatThrownBy(() -> PathPatterns.parse(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path pattern '" + pattern + "' can never match: the container normalises"
            + " paths, so write it without '//', '.' or '..' segments, ';', '%', '\\' and control"
            + " characters");
  }
}
