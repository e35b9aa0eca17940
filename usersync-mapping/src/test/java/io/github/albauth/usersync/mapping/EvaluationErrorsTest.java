package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Evaluation errors name the attribute and the call; oversized input is refused; regex is linear. */
class EvaluationErrorsTest {

  static final Map<String, Object> CLAIMS = Map.of(
      "upn", "a@b",
      "groups", List.of("g1", "g2"),
      "profile", Map.of("login", "x"),
      "Attributes", List.of(Map.of("Name", "email", "Value", "c@x")),
      "status", "maybe");

  static Stream<Arguments> typeErrors() {
    return Stream.of(
        arguments("lower(groups)", 1, "lower() expects a string as argument 1, got a list"),
        arguments("before(upn, groups)", 1, "before() expects a string as argument 2, got a list"),
        arguments("lower(profile)", 1, "lower() expects a string as argument 1, got an object"),
        arguments("upn | left(\"x\")", 7, "left() expects a whole number as argument 2, got a string"),
        arguments("left(upn, -1)", 1, "left() expects a count of 0 or more as argument 2, got -1"),
        arguments("mid(upn, 0, 1)", 1, "mid() counts from 1; argument 2 must be 1 or more, got 0"),
        arguments("word(upn, 0)", 1, "word() counts from 1; argument 2 must be 1 or more, got 0"),
        arguments("split(upn, \"\")", 1, "split() needs a non-empty delimiter as argument 2"),
        arguments("if(upn, 1, 2)", 1, "if() expects a boolean as argument 1, got a string; "
            + "test presence with present(x) or compare with =="),
        arguments("upn && true", 5, "'&&' expects a boolean, got a string; "
            + "test presence with present(x) or compare with =="),
        arguments("!upn", 1, "'!' expects a boolean, got a string; "
            + "test presence with present(x) or compare with =="),
        arguments("filter(groups, g -> g)", 21,
            "filter() expects its lambda to yield a boolean, got a string"),
        arguments("bool(status)", 1, "bool() cannot read \"maybe\" as a boolean; "
            + "it accepts true/false, yes/no, on/off, y/n, 1/0"),
        arguments("bool(groups)", 1, "bool() expects a string, number or boolean as argument 1, "
            + "got a list"),
        arguments("profile", 1, "the expression yields an object; pick a field with a path "
            + "such as profile.login"),
        arguments("Attributes", 1, "the expression yields a list containing an object; pick a "
            + "field with map(), e.g. map(x, v -> v.name)"),
        arguments("upn + profile", 5, "'+' cannot combine a string and an object"),
        arguments("9223372036854775807 + 1", 21, "'+' overflows: the sum is out of range"),
        arguments("[profile]", 2, "a list cannot hold an object; pick a field with a path such as "
            + "profile.login"),
        arguments("join(\",\", profile)", 1, "join() expects strings as argument 2, got an object"),
        arguments("length(profile)", 1, "length() expects a string or a list as argument 1, got an "
            + "object"),
        arguments("sort(Attributes)", 1, "sort() expects a list of strings as argument 1, got a "
            + "list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeErrors")
  void namesTheAttributeAndTheCall(String expression, int column, String problem) {
    String expected = "attribute 'username', line 1, column " + column + ": " + problem + "\n"
        + expression + "\n" + " ".repeat(column - 1) + "^";
    assertThatThrownBy(() -> Eval.eval(expression, CLAIMS))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(expected);
          assertThat(e.reason()).isEqualTo(MappingException.Reason.EVALUATION_ERROR);
          assertThat(e.attribute()).isEqualTo("username");
        });
  }

  @Test
  void oversizedStringFromTheSourceIsRefused() {
    AttributeMapping mapping = AttributeMapping.builder().map("username", "lower(upn)")
        .maxStringLength(10).build();
    assertThatThrownBy(() -> mapping.map(AttributeSource.of(Map.of("upn", "x".repeat(11)))))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
          assertThat(e.getMessage()).isEqualTo("attribute 'username', line 1, column 7: upn is 11 "
              + "characters long, more than the limit of 10 (maxStringLength)\n"
              + "lower(upn)\n"
              + "      ^");
        });
    assertThat(mapping.map(AttributeSource.of(Map.of("upn", "X".repeat(10)))).string("username"))
        .isEqualTo("x".repeat(10));
  }

  @Test
  void oversizedListAndOversizedListElementAreRefused() {
    AttributeMapping mapping = AttributeMapping.builder().map("username", "\"u\"")
        .map("groups", "groups").maxListSize(3).maxStringLength(5).build();
    assertThatThrownBy(() -> mapping.map(AttributeSource.of(
        Map.of("groups", List.of("a", "b", "c", "d")))))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
          assertThat(e.attribute()).isEqualTo("groups");
          assertThat(e.getMessage()).startsWith("attribute 'groups', line 1, column 1: groups has "
              + "4 values, more than the limit of 3 (maxListSize)");
        });
    assertThatThrownBy(() -> mapping.map(AttributeSource.of(
        Map.of("groups", List.of("a", "bbbbbb")))))
        .hasMessageStartingWith("attribute 'groups', line 1, column 1: a value of groups is 6 "
            + "characters long, more than the limit of 5 (maxStringLength)");
  }

  @Test
  void builtStringsAndListsAreBoundedToo() {
    AttributeMapping strings = AttributeMapping.builder()
        .map("username", "upn + upn + upn").maxStringLength(10).build();
    assertThatThrownBy(() -> strings.map(AttributeSource.of(Map.of("upn", "abcdef"))))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
          assertThat(e.getMessage()).startsWith("attribute 'username', line 1, column 5: the text "
              + "would be 12 characters long, more than the limit of 10 (maxStringLength)");
        });
    AttributeMapping lists = AttributeMapping.builder().map("username", "\"u\"")
        .map("groups", "append(groups, groups, groups)").maxListSize(5).build();
    assertThatThrownBy(() -> lists.map(AttributeSource.of(Map.of("groups", List.of("a", "b")))))
        .hasMessageStartingWith("attribute 'groups', line 1, column 1: the list has 6 values, "
            + "more than the limit of 5 (maxListSize)");
    AttributeMapping replaced = AttributeMapping.builder()
        .map("username", "regexReplace(upn, \"a\", \"aaaa\")").maxStringLength(12).build();
    assertThatThrownBy(() -> replaced.map(AttributeSource.of(Map.of("upn", "aaaaaa"))))
        .hasMessageStartingWith("attribute 'username', line 1, column 1: regexReplace() result "
            + "would be 16 characters long, more than the limit of 12 (maxStringLength)");
  }

  @Test
  @Timeout(10)
  void catastrophicPatternOnLongHostileValueFinishesFast() {
    // (a+)+$ and (a|aa)*$ take exponential time in a backtracking engine on "aaaa…!";
    // RE2/J runs in time linear in the input, which is itself bounded by maxStringLength.
    String hostile = "a".repeat(4000) + "!";
    for (String pattern : List.of("(a+)+$", "(a|aa)*$", "(a*)*b", "(.*a){20}")) {
      AttributeMapping mapping = AttributeMapping.builder()
          .map("username", "\"u\"")
          .map("m", "matches(v, \"" + pattern + "\")")
          .map("x", "regexExtract(v, \"" + pattern + "\", 0)")
          .map("r", "regexReplace(v, \"" + pattern + "\", \"\")")
          .build();
      long start = System.nanoTime();
      MappingResult result = mapping.map(AttributeSource.of(Map.of("v", hostile)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result.attributes().get("m")).isEqualTo(false);
      assertThat(took).as("pattern %s", pattern).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void customFunctionFailureNamesTheAttribute() {
    MappingFunction broken = function("broken", args -> {
      throw new IllegalStateException("boom");
    });
    MappingFunction wrongType = function("wrongType", args -> new Object());
    MappingFunction badList = function("badList", args -> List.of(Map.of()));
    AttributeMapping mapping = AttributeMapping.builder().function(broken).function(wrongType)
        .function(badList).map("username", "\"u\"").map("a", "broken(upn)")
        .map("b", "wrongType(upn)").map("c", "badList(upn)").build();
    assertThatThrownBy(() -> mapping.map(AttributeSource.of(Map.of())))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.EVALUATION_ERROR);
          assertThat(e.attribute()).isEqualTo("a");
          assertThat(e.getMessage()).startsWith("attribute 'a', line 1, column 1: broken() failed: "
              + "java.lang.IllegalStateException: boom");
        });
    AttributeMapping second = AttributeMapping.builder().function(wrongType)
        .map("username", "wrongType(upn)").build();
    assertThatThrownBy(() -> second.map(AttributeSource.of(Map.of())))
        .hasMessageStartingWith("attribute 'username', line 1, column 1: wrongType() returned a "
            + "Object; custom functions return strings, booleans, numbers or lists of them");
    AttributeMapping third = AttributeMapping.builder().function(badList)
        .map("username", "badList(upn)").build();
    assertThatThrownBy(() -> third.map(AttributeSource.of(Map.of())))
        .hasMessageStartingWith("attribute 'username', line 1, column 1: badList() returned a "
            + "list containing an object");
  }

  @Test
  void sourceListsMayHoldNullsAndNumbers() {
    List<@Nullable Object> values = new ArrayList<>();
    values.add("a");
    values.add(null);
    values.add(7);
    Map<String, Object> claims = Map.of("groups", Collections.unmodifiableList(values));
    assertThat(Eval.eval("groups", claims)).isEqualTo(List.of("a", "7"));
    assertThat(Eval.eval("map(groups, g -> string(g))", claims)).isEqualTo(List.of("a", "7"));
  }

  static MappingFunction function(String name,
      java.util.function.Function<List<@Nullable Object>, @Nullable Object> body) {
    return new MappingFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int minArguments() {
        return 1;
      }

      @Override
      public @Nullable Object apply(List<@Nullable Object> arguments) {
        return body.apply(arguments);
      }
    };
  }
}
