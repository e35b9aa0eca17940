package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property checks over many generated inputs (seeded, so failures reproduce): each function agrees
 * with a reference computed in plain Java, for ASCII, accented, whitespace and astral-plane text.
 */
class GeneratedInputsTest {

  private static final String[] ALPHABET = {
      "a", "b", "Z", "0", "7", "@", ".", "-", ",", " ", "\t", "_", "é", "Ü", "ß", "ø", "Ł",
      "e\u0301", "😀", "中", "\u00a0", "$", "\\"};

  private static final AttributeMapping MAPPING = AttributeMapping.builder()
      .map("username", "x")
      .map("lower", "lower(x)")
      .map("before", "before(x, \"@\")")
      .map("after", "after(x, \"@\")")
      .map("regex", "regexReplace(x, \"(.*)@.*\", \"$1\")")
      .map("letters", "matches(x, \"[a-z]+\")")
      .map("extract", "regexExtract(x, \"([a-zA-Z]+)\")")
      .map("normalized", "normalizeDiacritics(x)")
      .map("stripped", "stripSpaces(x)")
      .map("left", "left(x, n)")
      .map("right", "right(x, length(x))")
      .map("rest", "mid(x, n + 1, 1000)")
      .map("length", "length(x)")
      .map("rejoined", "join(\",\", split(x, \",\"))")
      .map("distinct", "distinct(items)")
      .map("wordCount", "length(filter([word(x, 1), word(x, 2), word(x, 3)], w -> present(w)))")
      .build();

  static Stream<Integer> seeds() {
    return IntStream.range(0, 400).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void functionsAgreeWithPlainJava(int seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    int size = random.nextInt(24);
    for (int i = 0; i < size; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    String x = sb.toString();
    int codePoints = x.codePointCount(0, x.length());
    int n = codePoints == 0 ? 0 : random.nextInt(codePoints + 1);
    List<String> items = new ArrayList<>();
    int itemCount = random.nextInt(40);
    for (int i = 0; i < itemCount; i++) {
      items.add(ALPHABET[random.nextInt(6)]);
    }

    Map<String, Object> attributes = MAPPING.map(AttributeSource.of(
        Map.of("x", x, "n", n, "items", items))).attributes();

    assertThat(attributes.get("lower")).isEqualTo(x.toLowerCase(Locale.ROOT));
    int at = x.indexOf('@');
    assertThat(attributes.get("before")).isEqualTo(at < 0 ? x : x.substring(0, at));
    assertThat(attributes.get("after")).isEqualTo(at < 0 ? null : x.substring(at + 1));
    assertThat(attributes.get("regex")).isEqualTo(x.replaceAll("(.*)@.*", "$1"));
    assertThat(attributes.get("letters")).isEqualTo(x.matches("[a-z]+"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-zA-Z]+)").matcher(x);
    assertThat(attributes.get("extract")).isEqualTo(m.find() ? m.group(1) : null);
    String normalized = (String) attributes.get("normalized");
    assertThat(Normalizer.normalize(normalized, Normalizer.Form.NFD).chars()
        .noneMatch(c -> Character.getType(c) == Character.NON_SPACING_MARK)).isTrue();
    assertThat(normalized.chars().filter(c -> c < 0x80).count())
        .isGreaterThanOrEqualTo(x.chars().filter(c -> c < 0x80).count());
    assertThat(((String) attributes.get("stripped")).chars()
        .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))).isTrue();
    assertThat((String) attributes.get("left") + attributes.get("rest")).isEqualTo(x);
    assertThat(attributes.get("right")).isEqualTo(x);
    assertThat(attributes.get("length")).isEqualTo((long) codePoints);
    String rejoined = x.replaceAll(",+", ",").replaceAll("^,|,$", "");
    assertThat(attributes.get("rejoined")).isEqualTo(rejoined.isEmpty() ? null : rejoined);
    assertThat(attributes.get("distinct")).isEqualTo(List.copyOf(new LinkedHashSet<>(items)));
    long words = Stream.of(x.split("\\s+")).filter(w -> !w.isEmpty()).count();
    assertThat(attributes.get("wordCount")).isEqualTo(Math.min(3L, words));
  }
}
