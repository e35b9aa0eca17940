package io.github.albauth.usersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of compile error, with its exact message: position, problem, line, caret. */
class CompileErrorsTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // unknown functions, with suggestions by edit distance
        arguments("lowr(upn)", 1, 1, "unknown function 'lowr'; did you mean 'lower'?"),
        arguments("Lower(upn)", 1, 1, "unknown function 'Lower'; did you mean 'lower'?"),
        arguments("regexreplace(upn, \"a\", \"b\")", 1, 1,
            "unknown function 'regexreplace'; did you mean 'regexReplace'?"),
        arguments("normaliseDiacritics(upn)", 1, 1,
            "unknown function 'normaliseDiacritics'; did you mean 'normalizeDiacritics'?"),
        arguments("frobnicate(upn)", 1, 1, "unknown function 'frobnicate'"),
        arguments("upn | lowr", 1, 7, "unknown function 'lowr'; did you mean 'lower'?"),
        // arity
        arguments("lower(upn, email)", 1, 1, "lower() takes 1 argument, got 2"),
        arguments("left(upn)", 1, 1, "left() takes 2 arguments, got 1"),
        arguments("regexExtract(upn)", 1, 1, "regexExtract() takes 2 or 3 arguments, got 1"),
        arguments("join()", 1, 1, "join() takes at least 1 argument, got 0"),
        arguments("map(groups)", 1, 1, "map() takes 2 arguments, got 1"),
        // strings and names
        arguments("\"abc", 1, 1, "unclosed string literal (a \" without its closing \")"),
        arguments("lower('abc)", 1, 7, "unclosed string literal (a ' without its closing ')"),
        arguments("\"bad \\q escape\"", 1, 6,
            "unknown escape \\q in string literal; to write a backslash, double it (\\\\)"),
        arguments("\"\\u12\"", 1, 2, "invalid unicode escape; write \\u followed by four hex digits"),
        arguments("`unclosed", 1, 1, "unclosed quoted name (a ` without its closing `)"),
        arguments("``", 1, 1, "empty quoted name ``"),
        arguments("12abc", 1, 1, "invalid number '12abc'"),
        arguments("99999999999999999999", 1, 1, "number 99999999999999999999 is out of range"),
        // regular expressions
        arguments("regexReplace(upn, \"(\", \"x\")", 1, 19,
            "invalid regular expression: missing closing ) in \"(\""),
        arguments("matches(upn, \"a{1001}\")", 1, 14,
            "invalid regular expression: invalid repeat count in \"a{1001}\""),
        arguments("matches(upn, \"(a)\\\\1\")", 1, 14,
            "invalid regular expression: invalid escape sequence in \"(a)\\\\1\""),
        arguments("regexReplace(upn, \"(a)\", \"$2\")", 1, 26,
            "the replacement refers to group 2, but the pattern has 1 group"),
        arguments("regexReplace(upn, \"(a)\", \"${2}\")", 1, 26,
            "the replacement refers to group 2, but the pattern has 1 group"),
        arguments("regexReplace(upn, \"(a)\", \"${user}\")", 1, 26,
            "the replacement refers to group 'user', which the pattern does not define; "
                + "name a group with (?P<user>...)"),
        arguments("regexReplace(upn, \"(a)\", \"$x\")", 1, 26,
            "a $ in the replacement must be followed by a group number, {name} or another $ "
                + "(write $$ for a dollar sign)"),
        arguments("regexReplace(upn, pattern, \"x\")", 1, 19,
            "regexReplace() expects a string literal as argument 2 (the regular expression)"),
        arguments("regexExtract(upn, \"(a)\", 3)", 1, 26,
            "regexExtract() group 3 does not exist in the pattern, which has 1 group"),
        arguments("regexExtract(upn, \"(a)\", n)", 1, 26,
            "regexExtract() expects a group number or name literal as argument 3"),
        // lambdas
        arguments("filter(groups, startsWith(g, \"x\"))", 1, 16,
            "filter() expects a lambda such as g -> startsWith(g, \"jira-\") as argument 2"),
        arguments("g -> g", 1, 1,
            "a lambda (g -> ...) is only allowed as an argument of map() or filter()"),
        arguments("lower(g -> g)", 1, 7,
            "a lambda (g -> ...) is only allowed as an argument of map() or filter()"),
        // syntax
        arguments("upn +", 1, 6, "expected a value but found the end of the expression"),
        arguments("upn email", 1, 5, "unexpected name 'email' after the expression"),
        arguments("lower(upn", 1, 10,
            "expected ',' or ')' in the arguments of lower() but found the end of the expression"),
        arguments("lower(upn email)", 1, 11,
            "expected ',' or ')' in the arguments of lower() but found name 'email'"),
        arguments("(upn", 1, 5, "expected ')' to close the '(' at column 1 but found the end of the expression"),
        arguments("[a, b", 1, 6, "expected ']' to close the list but found the end of the expression"),
        arguments("a == b == c", 1, 8, "comparisons cannot be chained; use && between them"),
        arguments("a = b", 1, 3, "unexpected '='; did you mean '=='?"),
        arguments("a & b", 1, 3, "unexpected '&'; did you mean '&&'?"),
        arguments("a # b", 1, 3, "unexpected character '#'"),
        arguments("upn | 3", 1, 7, "expected a function name after '|' but found number 3"),
        arguments("upn.", 1, 5, "expected a name after '.' but found the end of the expression"),
        arguments(")", 1, 1, "expected a value but found ')'"),
        arguments("lower(,)", 1, 7, "expected a value but found ','"),
        arguments("()", 1, 2, "expected a value but found ')'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void reportsExactMessageWithCaret(String expression, int line, int column, String problem) {
    String lineText = expression.lines().findFirst().orElse("");
    String expected = "attribute 'username', line " + line + ", column " + column + ": " + problem
        + "\n" + lineText + "\n" + " ".repeat(column - 1) + "^";
    assertThatThrownBy(() -> Eval.mapping(expression))
        .isInstanceOfSatisfying(MappingCompileException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(expected);
          assertThat(e.reason()).isEqualTo(MappingException.Reason.COMPILE_ERROR);
          assertThat(e.attribute()).isEqualTo("username");
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.expression()).isEqualTo(expression);
        });
  }

  @Test
  void multiLineExpressionShowsTheOffendingLine() {
    assertThat(Eval.compileError("coalesce(\n  upn,\n  lowr(email)\n)")).isEqualTo(
        "attribute 'username', line 3, column 3: unknown function 'lowr'; did you mean 'lower'?\n"
            + "  lowr(email)\n"
            + "  ^");
  }

  @Test
  void caretKeepsTabsAligned() {
    assertThat(Eval.compileError("\tlowr(upn)")).isEqualTo(
        "attribute 'username', line 1, column 2: unknown function 'lowr'; did you mean 'lower'?\n"
            + "\tlowr(upn)\n"
            + "\t^");
  }

  @Test
  void hostileNestingIsRefusedNotAStackOverflow() {
    String deep = "lower(".repeat(5000) + "upn" + ")".repeat(5000);
    assertThat(Eval.compileError(deep)).isEqualTo(
        "attribute 'username', line 1, column 193: expression nests deeper than 64 levels\n"
            + "..." + "lower(".repeat(20) + "..."
            + "\n" + " ".repeat(63) + "^");
    String bangs = "!".repeat(5000) + "enabled";
    assertThat(Eval.compileError(bangs)).startsWith(
        "attribute 'username', line 1, column 64: expression nests deeper than 64 levels");
    String parens = "(".repeat(5000) + "upn" + ")".repeat(5000);
    assertThat(Eval.compileError(parens)).startsWith(
        "attribute 'username', line 1, column 65: expression nests deeper than 64 levels");
  }

  @Test
  void longLinesAreShownAsAWindowAroundTheCaret() {
    String expression = "join(\" \", " + "a, ".repeat(40) + "lowr(b))";
    assertThat(Eval.compileError(expression)).isEqualTo(
        "attribute 'username', line 1, column 131: unknown function 'lowr'; did you mean 'lower'?\n"
            + "..." + expression.substring(70) + "\n"
            + " ".repeat(63) + "^");
  }

  @Test
  void customFunctionsAreSuggestedToo() {
    MappingFunction employeeId = new EmployeeIdFunction();
    assertThatThrownBy(() -> AttributeMapping.builder().function(employeeId)
        .map("username", "employeID(sub)").build())
        .hasMessageStartingWith("attribute 'username', line 1, column 1: unknown function "
            + "'employeID'; did you mean 'employeeId'?");
  }
}
