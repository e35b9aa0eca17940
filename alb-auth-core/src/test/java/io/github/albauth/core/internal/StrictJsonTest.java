package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

  @Test
  void typesValuesAsTheJsonGaveThem() {
    Map<String, Object> m =
        StrictJson.parseObject(
            "{\"s\":\"x\\u00e9\\n\",\"t\":true,\"f\":false,\"n\":null,\"l\":42,\"big\":12345678901234567890,"
                + "\"d\":1.5,\"e\":1e3,\"neg\":-7,\"a\":[1,\"two\",{\"k\":[]}],\"o\":{\"in\":{}}}");
    assertThat(m.get("s")).isEqualTo("x\u00e9\n");
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(m).containsKey("n");
    assertThat(m.get("n")).isNull();
    assertThat(m.get("l")).isEqualTo(42L);
    assertThat(m.get("big")).isEqualTo(1.2345678901234567e19);
    assertThat(m.get("d")).isEqualTo(1.5);
    assertThat(m.get("e")).isEqualTo(1000.0);
    assertThat(m.get("neg")).isEqualTo(-7L);
    assertThat(m.get("a")).isEqualTo(List.of(1L, "two", Map.of("k", List.of())));
    assertThat(m.keySet()).containsExactly("s", "t", "f", "n", "l", "big", "d", "e", "neg", "a", "o");
  }

  @Test
  void resultIsUnmodifiableAtEveryDepth() {
    Map<String, Object> m = StrictJson.parseObject("{\"a\":[{\"b\":1}]}");
    assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    List<?> list = (List<?>) m.get("a");
    assertThatThrownBy(() -> list.clear()).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked") // StrictJson reads a JSON object into a map with String keys
    Map<String, Object> inner = (Map<String, Object>) list.get(0);
    assertThatThrownBy(() -> inner.remove("b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsDuplicateKeysAtTopLevel() {
    assertThatThrownBy(() -> StrictJson.parseObject("{\"sub\":\"a\",\"sub\":\"b\"}"))
        .hasMessageStartingWith("duplicate key");
  }

  @Test
  void rejectsDuplicateKeysNested() {
    // nimbus-jose-jwt's parser (shaded Gson) keeps the last of nested duplicates silently
    assertThatThrownBy(() -> StrictJson.parseObject("{\"o\":{\"a\":1,\"a\":2}}"))
        .hasMessageStartingWith("duplicate key");
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> StrictJson.parseObject(deep)).hasMessageStartingWith("nested deeper than 32");
    String ok = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
    assertThat(StrictJson.parseObject(ok)).containsKey("a");
  }

  @Test
  void rejectsHugeNestingWithoutStackOverflow() {
    char[] open = new char[200_000];
    Arrays.fill(open, '[');
    assertThatThrownBy(() -> StrictJson.parseObject("{\"a\":" + new String(open)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"s\"",
        "{",
        "{\"a\":1} x",
        "{\"a\":1}{}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":NaN}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":tru}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":\"\u0001\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"open}",
        "{\"a\" 1}",
        "{\"a\":1e999}"
      })
  void rejectsWhatIsNotStrictJson(String text) {
    assertThatThrownBy(() -> StrictJson.parseObject(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsJsonWhitespace() {
    assertThat(StrictJson.parseObject(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n")).containsEntry("a", List.of(1L, 2L));
  }
}
