package io.github.albauth.usersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.albauth.usersync.AttributeSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions that a hostile or careless configuration may hold (issue 10's security review):
 * operator chains thousands of operands long and nesting at the limit. Each ends in a result or a
 * {@link MappingException}, never in an Error, on a thread with a {@link SmallStack small stack}.
 */
class HostileExpressionsTest {

  static final Map<String, Object> CLAIMS = Map.of(
      "upn", "a@b",
      "email", "a@b.example",
      "groups", List.of("g1", "g2"),
      "flag", true);

  static final AttributeSource SOURCE = AttributeSource.of(CLAIMS);

  @Test
  void fiveThousandConcatenationsCompileAndStopAtTheStringLimit() throws Exception {
    String expression = "email" + " + \"x\"".repeat(5000);
    AttributeMapping mapping = SmallStack.call(() -> Eval.mapping(expression));

    // email has 11 characters, so the 4086th '+' would make the text 4097 long
    int column = 7 + (4086 - 1) * 6;
    assertThatThrownBy(() -> SmallStack.call(() -> mapping.map(SOURCE)))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE);
          assertThat(e.getMessage()).startsWith("attribute 'username', line 1, column " + column
              + ": the text would be 4097 characters long, more than the limit of 4096 "
              + "(maxStringLength)");
        });
    AttributeMapping roomy = AttributeMapping.builder().map("username", expression)
        .maxStringLength(10_000).build();
    assertThat(SmallStack.call(() -> roomy.map(SOURCE).string("username")))
        .isEqualTo("a@b.example" + "x".repeat(5000));
  }

  @Test
  void pipeStagesCountTowardTheNestingLimit() throws Exception {
    String expression = "upn" + " | lower".repeat(5000);
    // x | f is f(x), one level above x: upn is level 1, so the 64th stage is one too many
    int column = 7 + (64 - 1) * 8;
    assertThatThrownBy(() -> SmallStack.call(() -> Eval.mapping(expression)))
        .isInstanceOfSatisfying(MappingCompileException.class, e -> assertThat(e.getMessage())
            .startsWith("attribute 'username', line 1, column " + column
                + ": expression nests deeper than 64 levels"));
    String longest = "upn" + " | lower".repeat(63);
    assertThat(SmallStack.call(() -> Eval.mapping(longest).map(SOURCE).string("username")))
        .isEqualTo("a@b");
  }

  @Test
  void fiveThousandAndsAndOrsEvaluateLeftToRightWithShortCircuit() throws Exception {
    String ands = "present(upn)" + " && present(upn)".repeat(5000);
    assertThat(SmallStack.call(() -> Eval.mapping(ands).map(SOURCE).attributes()))
        .containsEntry("username", true);
    String ors = "absent(upn)" + " || absent(upn)".repeat(5000) + " || flag";
    assertThat(SmallStack.call(() -> Eval.mapping(ors).map(SOURCE).attributes()))
        .containsEntry("username", true);
    // the first false operand ends the chain: lower(groups) after it would fail
    String shortCircuit = "flag" + " && flag".repeat(4999) + " && absent(upn) && lower(groups)";
    assertThat(SmallStack.call(() -> Eval.mapping(shortCircuit).map(SOURCE).attributes()))
        .containsEntry("username", false);
    // a non-boolean operand is reported at the operator before it
    String wrongType = "flag" + " && flag".repeat(4999) + " && upn";
    int column = 6 + 4999 * 8;
    assertThatThrownBy(() -> SmallStack.call(() -> Eval.mapping(wrongType).map(SOURCE)))
        .hasMessageStartingWith("attribute 'username', line 1, column " + column
            + ": '&&' expects a boolean, got a string");
  }

  @Test
  void twentyThousandFallbacksTakeTheFirstPresentValue() throws Exception {
    StringBuilder expression = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      expression.append("missing").append(i).append(" ?? ");
    }
    expression.append("upn ?? email");
    assertThat(SmallStack.call(() -> Eval.mapping(expression.toString()).map(SOURCE)
        .string("username"))).isEqualTo("a@b");
  }

  /** Wrappers that each add one construct around an expression, and the core they wrap. */
  static Stream<Arguments> nestings() {
    return Stream.of(
        arguments("lower(", ")", "upn"),
        arguments("(", ")", "upn"),
        arguments("!", "", "flag"),
        arguments("[", "]", "upn"),
        arguments("map(groups, g -> ", ")", "g"),
        arguments("if(flag, ", ", \"x\")", "upn"),
        arguments("lower(upn + ", ")", "upn"),
        arguments("join(\",\", missing ?? ", ") | trim | lower", "upn"),
        arguments("(", ") | trim | lower | trim | lower | trim | lower | trim", "upn"),
        arguments("(present(", ") && flag || flag)", "upn"));
  }

  @ParameterizedTest(name = "{0}...{1}")
  @MethodSource("nestings")
  void theDeepestAcceptedNestingCompilesAndEvaluatesOnASmallStack(String open, String close,
      String core) throws Exception {
    int depth = 1;
    while (compiles(nest(open, close, core, depth + 1))) {
      depth++;
      assertThat(depth).as("the nesting limit stops %s", open).isLessThan(100);
    }
    assertThat(Eval.compileError(nest(open, close, core, depth + 1)))
        .contains(": expression nests deeper than 64 levels");

    String deepest = nest(open, close, core, depth);
    Throwable thrown = catchThrowable(() -> SmallStack.call(
        () -> Eval.mapping(deepest).map(SOURCE)));
    if (thrown != null) {
      // map(groups, g -> map(...)) nested 20 deep would build 2^20 values: refused, not overflowed
      assertThat(thrown).isInstanceOfSatisfying(MappingException.class,
          e -> assertThat(e.reason()).isEqualTo(MappingException.Reason.INPUT_TOO_LARGE));
    }
  }

  private static String nest(String open, String close, String core, int depth) {
    return open.repeat(depth) + core + close.repeat(depth);
  }

  private static boolean compiles(String expression) {
    try {
      Eval.mapping(expression);
      return true;
    } catch (MappingCompileException e) {
      return false;
    }
  }

  static IntStream seeds() {
    return IntStream.range(0, 25);
  }

  /**
   * Random chains of up to 50,000 operands, of one operator or all mixed, with random
   * parentheses (sometimes nested past the limit) and pipes: each compiles or is refused with a
   * {@link MappingCompileException}, and each compiled one yields a result or a {@link
   * MappingException}.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOperatorChainsEndInAResultOrAMappingException(int seed) {
    Random random = new Random(seed);
    String[] operators = switch (seed % 5) {
      case 0 -> new String[] {" + "};
      case 1 -> new String[] {" ?? "};
      case 2 -> new String[] {" && "};
      case 3 -> new String[] {" || "};
      default -> new String[] {" + ", " ?? ", " && ", " || "};
    };
    boolean logic = seed % 5 == 2 || seed % 5 == 3;
    int operands = seed < 5 ? 50_000 : 1 + random.nextInt(50_000);
    int openOdds = seed >= 20 ? 10 : 50; // from 20 on, parentheses tend to nest past the limit
    StringBuilder expression = new StringBuilder();
    int open = 0;
    for (int i = 0; i < operands; i++) {
      if (i > 0) {
        expression.append(operators[random.nextInt(operators.length)]);
      }
      while (random.nextInt(openOdds) == 0) {
        expression.append('(');
        open++;
      }
      expression.append(operand(random, logic));
      while (open > 0 && random.nextInt(40) == 0) {
        expression.append(')');
        open--;
      }
    }
    expression.append(")".repeat(open));

    Throwable thrown = catchThrowable(() -> SmallStack.call(
        () -> Eval.mapping(expression.toString()).map(SOURCE)));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(MappingException.class);
    }
  }

  private static String operand(Random random, boolean logic) {
    if (logic) {
      return switch (random.nextInt(5)) {
        case 0 -> "flag";
        case 1 -> "present(upn)";
        case 2 -> "!flag";
        case 3 -> "(upn == \"a@b\")";
        default -> "absent(missing" + random.nextInt(10) + ")";
      };
    }
    return switch (random.nextInt(7)) {
      case 0 -> "upn";
      case 1 -> "missing";
      case 2 -> "\"x\"";
      case 3 -> "lower(upn)";
      case 4 -> "[upn, email]";
      case 5 -> "(upn" + " | before(\"@\")".repeat(random.nextInt(8)) + ")";
      default -> String.valueOf(random.nextInt(100));
    };
  }
}
