package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64SegmentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"eyJhIjoxfQ==", "eyJhIjoxfQ", "YWJj", "YWI=", "YWI", "YQ==", "YQ", "a-_Z"})
  void acceptsPaddedAndUnpaddedBase64url(String segment) {
    assertThat(Base64Segments.isWellFormed(segment, 0, segment.length())).isTrue();
    Base64Segments.decode(segment, 0, segment.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "=", "==", "YQ=", "YQ===", "YWJj=", "YWI==", "Y", "YQ==YQ", "eyJh+IjoxfQ", "eyJh/IjoxfQ",
          "eyJh IjoxfQ", "eyJh\nIjoxfQ", "eyJh!IjoxfQ", "eyJh%2EIjoxfQ", "eyJh\u00e9IjoxfQ"})
  void rejectsAnythingElse(String segment) {
    assertThat(Base64Segments.isWellFormed(segment, 0, segment.length())).isFalse();
  }
}
