package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the nimbus-jose-jwt 10.x behaviours that made alb-auth-core check segments and parse JSON
 * itself. If one of these starts failing, nimbus changed; the checks here stay either way.
 */
class NimbusParsingPinsTest {

  @Test
  void nimbusKeepsTheLastOfNestedDuplicateKeysSilently() throws Exception {
    Map<String, Object> parsed = JSONObjectUtils.parse("{\"o\":{\"role\":\"user\",\"role\":\"admin\"}}");
    assertThat(parsed.get("o")).isEqualTo(Map.of("role", "admin"));
    assertThatThrownBy(() -> StrictJson.parseObject("{\"o\":{\"role\":\"user\",\"role\":\"admin\"}}"))
        .hasMessageStartingWith("duplicate key");
  }

  @Test
  void nimbusRejectsTopLevelDuplicateKeys() {
    assertThatThrownBy(() -> JSONObjectUtils.parse("{\"a\":1,\"a\":2}")).isInstanceOf(java.text.ParseException.class);
  }

  @Test
  void nimbusBase64DecoderSkipsIllegalCharacters() {
    assertThat(new String(new Base64URL("ey!JhIjoxfQ").decode(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(Base64Segments.isWellFormed("ey!JhIjoxfQ", 0, 11)).isFalse();
  }

  @Test
  void nimbusDecodesPaddedSegments() {
    assertThat(new String(new Base64URL("eyJhIjoxfQ==").decode(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }
}
