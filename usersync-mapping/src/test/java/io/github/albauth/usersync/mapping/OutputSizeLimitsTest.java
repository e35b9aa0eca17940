package io.github.albauth.usersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.AttributeSource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Functions that build strings or lists check the size before they build (or as they build), so
 * that a refusal never first builds a value many times the limit (issue 10: {@code replace(name,
 * "a", name)} on a 4,096-character claim built 16 MiB before its check failed). A message that
 * says "would be" names a size that was computed, not built.
 */
class OutputSizeLimitsTest {

  @Test
  void replaceChecksTheResultSizeBeforeBuildingIt() {
    assertThat(refusal("replace(name, \"a\", name)", 4096, 1000,
        Map.of("name", "a".repeat(4096))))
        .isEqualTo("replace() result would be 16777216 characters long, more than the limit of "
            + "4096 (maxStringLength)");
    // 2^40 characters: no String can hold that, so it cannot have been built before the check
    assertThat(refusal("replace(name, \"a\", name)", 1 << 20, 1000,
        Map.of("name", "a".repeat(1 << 20))))
        .startsWith("replace() result would be 1099511627776 characters long");
  }

  @Test
  void joinAndConcatStopAtTheFirstPieceThatWouldCrossTheLimit() {
    // 820 groups of 4 characters and 819 commas make 4099
    assertThat(refusal("join(\",\", groups)", 4096, 1000,
        Map.of("groups", Collections.nCopies(1000, "gggg"))))
        .startsWith("join() result would be 4099 characters long, more than the limit of 4096");
    assertThat(refusal("concat(upn, upn, upn)", 10, 1000, Map.of("upn", "abcdef")))
        .startsWith("concat() result would be 12 characters long, more than the limit of 10");
  }

  @Test
  void regexReplaceChecksEachReplacementAndTheTailBeforeAppendingThem() {
    assertThat(refusal("regexReplace(name, \".+\", \"$0$0$0$0\")", 4096, 1000,
        Map.of("name", "a".repeat(4096))))
        .startsWith("regexReplace() result would be 16384 characters long");
    assertThat(refusal("regexReplace(v, \"^a\", \"bbb\")", 10, 1000,
        Map.of("v", "a" + "c".repeat(9))))
        .startsWith("regexReplace() result would be 12 characters long");
  }

  @Test
  void caseMappingsThatGrowTheTextAreChecked() {
    // ß upper-cases to SS, İ lower-cases to i and a combining dot, ß normalises to ss
    assertThat(refusal("upper(v)", 4096, 1000, Map.of("v", "ß".repeat(4096))))
        .startsWith("upper() result is 8192 characters long, more than the limit of 4096");
    assertThat(refusal("lower(v)", 4096, 1000, Map.of("v", "İ".repeat(3000))))
        .startsWith("lower() result is 6000 characters long, more than the limit of 4096");
    assertThat(refusal("normalizeDiacritics(v)", 4096, 1000, Map.of("v", "ß".repeat(3000))))
        .startsWith("normalizeDiacritics() result is 6000 characters long");
  }

  @Test
  void customFunctionResultsAreBoundedLikeSourceValues() {
    AttributeMapping mapping = AttributeMapping.builder().function(new EmployeeIdFunction())
        .map("username", "employeeId(upn, upn)").maxStringLength(10).build();
    assertThatThrownBy(() -> mapping.map(AttributeSource.of(Map.of("upn", "abcdef"))))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
          assertThat(e.getMessage()).startsWith("attribute 'username', line 1, column 1: "
              + "employeeId() result is 12 characters long, more than the limit of 10 "
              + "(maxStringLength)");
        });
    MappingFunction many = EvaluationErrorsTest.function("many", args -> List.of("a", "b", "c"));
    AttributeMapping lists = AttributeMapping.builder().function(many)
        .map("username", "\"u\"").map("groups", "many(upn)").maxListSize(2).build();
    assertThatThrownBy(() -> lists.map(AttributeSource.of(Map.of())))
        .hasMessageStartingWith("attribute 'groups', line 1, column 1: many() result has 3 "
            + "values, more than the limit of 2 (maxListSize)");
  }

  @Test
  void fieldsOfObjectsInAListAreBoundedWhenRead() {
    Map<String, Object> claims = Map.of("Attributes",
        List.of(Map.of("Name", "email", "Value", "x".repeat(11))));
    assertThat(refusal("lookup(Attributes, \"Name\", \"email\", \"Value\")", 10, 1000, claims))
        .startsWith("lookup() result is 11 characters long, more than the limit of 10");
    assertThat(refusal("map(Attributes, a -> a.Value)", 10, 1000, claims))
        .startsWith("a.Value is 11 characters long, more than the limit of 10");
  }

  @Test
  void listsStopGrowingAtTheFirstStepPastTheLimit() {
    Map<String, Object> claims = Map.of("groups", List.of("a", "b", "c", "d"));
    // after two arguments (8 values), not after all four (16)
    assertThat(refusal("append(groups, groups, groups, groups)", 4096, 5, claims))
        .startsWith("the list has 8 values, more than the limit of 5 (maxListSize)");
    // after two elements (8 values), not after all four (16)
    assertThat(refusal("map(groups, g -> groups)", 4096, 5, claims))
        .startsWith("map() result has 8 values, more than the limit of 5 (maxListSize)");
  }

  /** The problem part of the INPUT_TOO_LARGE message that evaluating the expression causes. */
  private static String refusal(String expression, int maxStringLength, int maxListSize,
      Map<String, ?> claims) {
    AttributeMapping mapping = AttributeMapping.builder().map("username", expression)
        .maxStringLength(maxStringLength).maxListSize(maxListSize).build();
    try {
      mapping.map(AttributeSource.of(claims));
    } catch (MappingException e) {
      assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
      String message = e.getMessage();
      return message.substring(message.indexOf(": ") + 2, message.indexOf('\n'));
    }
    throw new AssertionError("no refusal: " + expression);
  }
}
