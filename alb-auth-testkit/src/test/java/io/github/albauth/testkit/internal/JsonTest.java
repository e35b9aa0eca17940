package io.github.albauth.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesScalars() {
    assertThat(Json.write(null)).isEqualTo("null");
    assertThat(Json.write(true)).isEqualTo("true");
    assertThat(Json.write(false)).isEqualTo("false");
    assertThat(Json.write(42)).isEqualTo("42");
    assertThat(Json.write(-7L)).isEqualTo("-7");
    assertThat(Json.write(1.5)).isEqualTo("1.5");
    assertThat(Json.write(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(Json.write(new BigDecimal("0.10"))).isEqualTo("0.10");
    assertThat(Json.write(new AtomicLong(9))).isEqualTo("9");
    assertThat(Json.write("plain")).isEqualTo("\"plain\"");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
    assertThat(Json.write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    assertThat(Json.write("\u0000\u001f")).isEqualTo("\"\\u0000\\u001f\"");
    assertThat(Json.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
  }

  @Test
  void keepsNonAsciiAndSurrogatePairsButEscapesLoneSurrogates() {
    assertThat(Json.write("é😀")).isEqualTo("\"é😀\"");
    assertThat(Json.write("x\ud800y")).isEqualTo("\"x\\ud800y\"");
    assertThat(Json.write("\udc00")).isEqualTo("\"\\udc00\"");
    assertThat(Json.write("\ud83d")).isEqualTo("\"\\ud83d\"");
  }

  @Test
  void writesNestedStructuresInIterationOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", Arrays.asList("x", null, false));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("second", inner);
    outer.put("first", List.of());
    outer.put("array", new int[] {1, 2});
    outer.put("empty", Map.of());
    assertThat(Json.write(outer))
        .isEqualTo("{\"second\":{\"z\":1,\"a\":[\"x\",null,false]},\"first\":[],\"array\":[1,2],\"empty\":{}}");
  }

  @Test
  void rejectsWhatJsonCannotSay() {
    assertThatThrownBy(() -> Json.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("json has no representation for NaN");
    assertThatThrownBy(() -> Json.write(Float.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("json has no representation for Infinity");
    assertThatThrownBy(() -> Json.write(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("json object keys must be strings, not: 1");
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported json value type: java.lang.Object");
  }
}
