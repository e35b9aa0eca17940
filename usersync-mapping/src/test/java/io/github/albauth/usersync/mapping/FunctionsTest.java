package io.github.albauth.usersync.mapping;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in function and operator, including null, empty, list and unicode edge cases. */
class FunctionsTest {

  static final Map<String, Object> CLAIMS = Map.ofEntries(
      entry("upn", "A.Example@Domain.com"),
      entry("email", "a.example@domain.com"),
      entry("given_name", "Zoë"),
      entry("family_name", "Müller-Łódź"),
      entry("name", "  Zoë Müller  "),
      entry("groups", List.of("jira-dev", "Staff", "jira-ops", "jira-dev")),
      entry("single", "only"),
      entry("empty", ""),
      entry("emptyList", List.of()),
      entry("enabled", true),
      entry("status", "ACTIVE"),
      entry("count", 3),
      entry("ratio", 1.5),
      entry("numbers", List.of(1, 2)),
      entry("emoji", "😀ab"),
      entry("profile", Map.of("login", "alice@corp", "email", "Alice@Corp")),
      entry("Attributes", List.of(Map.of("Name", "email", "Value", "c@x"),
          Map.of("Name", "name", "Value", "C X"))),
      entry("cognito:groups", List.of("admins")));

  static Stream<Arguments> cases() {
    return Stream.of(
        // lower, upper, trim, capitalize
        arguments("lower(upn)", "a.example@domain.com"),
        arguments("lower(missing)", null),
        arguments("lower(count)", "3"),
        arguments("lower(\"ÀÉ\")", "àé"),
        arguments("upper(given_name)", "ZOË"),
        arguments("trim(name)", "Zoë Müller"),
        arguments("trim(empty)", ""),
        arguments("capitalize(\"élan vital\")", "Élan vital"),
        arguments("capitalize(empty)", ""),
        // normalizeDiacritics, stripSpaces
        arguments("normalizeDiacritics(family_name)", "Muller-Lodz"),
        arguments("normalizeDiacritics(\"Straße Æble Øre Þór ça\")", "Strasse AEble Ore THor ca"),
        arguments("normalizeDiacritics(\"plain\")", "plain"),
        arguments("normalizeDiacritics(missing)", null),
        arguments("stripSpaces(name)", "ZoëMüller"),
        arguments("stripSpaces(\"a\\u00a0b\\tc d\")", "abcd"),
        // before, beforeLast, after, afterLast
        arguments("before(upn, \"@\")", "A.Example"),
        arguments("before(\"no delimiter\", \"@\")", "no delimiter"),
        arguments("before(\"a@b@c\", \"@\")", "a"),
        arguments("before(missing, \"@\")", null),
        arguments("beforeLast(\"a@b@c\", \"@\")", "a@b"),
        arguments("after(upn, \"@\")", "Domain.com"),
        arguments("after(\"no delimiter\", \"@\")", null),
        arguments("afterLast(\"a.b.c\", \".\")", "c"),
        // replace, regexReplace, regexExtract, matches
        arguments("replace(upn, \".\", \"_\")", "A_Example@Domain_com"),
        arguments("replace(upn, \"\", \"x\")", "A.Example@Domain.com"),
        arguments("replace(upn, \"@Domain.com\", missing)", "A.Example"),
        arguments("regexReplace(upn, \"(.*)@.*\", \"$1\")", "A.Example"),
        arguments("regexReplace(upn, \"(?P<user>[^@]+)@(?P<domain>.+)\", \"${domain}\\\\${user}\")",
            "Domain.com\\A.Example"),
        arguments("regexReplace(\"a-b-c\", \"-\", \"$$\")", "a$b$c"),
        arguments("regexReplace(\"ab\", \"(a)\", \"${1}0\")", "a0b"),
        arguments("regexReplace(\"ab\", \"(a)(b)\", \"$2$1\")", "ba"),
        arguments("regexReplace(\"abc\", \"x\", \"y\")", "abc"),
        arguments("regexReplace(\"Zoë\", \"ë\", \"e\")", "Zoe"),
        arguments("regexReplace(missing, \"x\", \"y\")", null),
        arguments("regexExtract(upn, \"@(.+)$\")", "Domain.com"),
        arguments("regexExtract(upn, \"[a-z]+\")", "xample"),
        arguments("regexExtract(upn, \"(\\\\w+)@(\\\\w+)\", 2)", "Domain"),
        arguments("regexExtract(upn, \"(\\\\w+)@(\\\\w+)\", 0)", "Example@Domain"),
        arguments("regexExtract(upn, \"@(?P<d>\\\\w+)\", \"d\")", "Domain"),
        arguments("regexExtract(upn, \"^x\")", null),
        arguments("matches(upn, \".*@domain\\\\.com\")", false),
        arguments("matches(upn, \"(?i).*@domain\\\\.com\")", true),
        arguments("matches(upn, \"Domain\")", false),
        arguments("matches(missing, \".*\")", false),
        // split, join, concat
        arguments("split(\"a,b,,c\", \",\")", List.of("a", "b", "c")),
        arguments("split(\"a::b\", \"::\")", List.of("a", "b")),
        arguments("split(missing, \",\")", null),
        arguments("join(\" \", given_name, family_name)", "Zoë Müller-Łódź"),
        arguments("join(\",\", groups)", "jira-dev,Staff,jira-ops,jira-dev"),
        arguments("join(\" \", missing, empty)", null),
        arguments("join(\"-\", 1, true, numbers)", "1-true-1-2"),
        arguments("concat(\"a\", missing, \"b\", 1)", "ab1"),
        arguments("concat(missing)", null),
        // left, right, mid, word, length
        arguments("left(upn, 3)", "A.E"),
        arguments("left(emoji, 1)", "😀"),
        arguments("left(\"ab\", 5)", "ab"),
        arguments("left(missing, 5)", null),
        arguments("right(upn, 3)", "com"),
        arguments("right(emoji, 2)", "ab"),
        arguments("mid(\"abcdef\", 2, 3)", "bcd"),
        arguments("mid(\"abc\", 5, 2)", ""),
        arguments("mid(\"abc\", 2, 10)", "bc"),
        arguments("mid(emoji, 1, 2)", "😀a"),
        arguments("word(\"John Ronald Tolkien\", 2)", "Ronald"),
        arguments("word(\"  a   b \", 2)", "b"),
        arguments("word(\"a,b;c\", 3, \",;\")", "c"),
        arguments("word(\"a b\", 3)", null),
        arguments("length(emoji)", 3L),
        arguments("length(groups)", 4L),
        arguments("length(missing)", 0L),
        arguments("length(count)", 1L),
        // string, bool
        arguments("string(count)", "3"),
        arguments("string(ratio)", "1.5"),
        arguments("string(2.0)", "2"),
        arguments("string(enabled)", "true"),
        arguments("string(missing)", null),
        arguments("bool(\" Yes \")", true),
        arguments("bool(\"off\")", false),
        arguments("bool(1)", true),
        arguments("bool(0)", false),
        arguments("bool(enabled)", true),
        arguments("bool(missing)", null),
        // present, absent, startsWith, endsWith, contains, equalsIgnoreCase
        arguments("present(upn)", true),
        arguments("present(empty)", false),
        arguments("present(emptyList)", false),
        arguments("present(missing)", false),
        arguments("absent(missing)", true),
        arguments("startsWith(upn, \"A.\")", true),
        arguments("startsWith(upn, \"a.\")", false),
        arguments("endsWith(upn, \".com\")", true),
        arguments("endsWith(missing, \"x\")", false),
        arguments("contains(groups, \"Staff\")", true),
        arguments("contains(groups, \"staff\")", false),
        arguments("contains(upn, \"@\")", true),
        arguments("contains(numbers, 2)", true),
        arguments("contains(missing, \"x\")", false),
        arguments("equalsIgnoreCase(upn, email)", true),
        arguments("equalsIgnoreCase(missing, missing)", true),
        arguments("equalsIgnoreCase(upn, missing)", false),
        // coalesce, ??, if, cond, switch
        arguments("coalesce(missing, empty, emptyList, upn)", "A.Example@Domain.com"),
        arguments("coalesce(missing)", null),
        arguments("missing ?? \"x\"", "x"),
        arguments("missing ?? empty ?? single", "only"),
        arguments("if(enabled, \"on\", \"off\")", "on"),
        arguments("if(missing, \"on\", \"off\")", "off"),
        arguments("if(status == \"X\", \"on\")", null),
        arguments("if(status == \"ACTIVE\", 1, 0)", 1L),
        arguments("cond(endsWith(upn, \".org\"), \"org\", endsWith(upn, \".com\"), \"com\", \"other\")",
            "com"),
        arguments("cond(false, \"a\", missing, \"b\")", null),
        arguments("cond(false, \"a\", \"default\")", "default"),
        arguments("switch(status, \"ACTIVE\", true, \"SUSPENDED\", false)", true),
        arguments("switch(status, [\"STAGED\", \"ACTIVE\"], \"ok\", \"not ok\")", "ok"),
        arguments("switch(\"x\", \"a\", 1, 9)", 9L),
        arguments("switch(\"x\", \"a\", 1)", null),
        arguments("switch(count, 3, \"three\")", "three"),
        // lists
        arguments("append(groups, \"jira-software-users\")",
            List.of("jira-dev", "Staff", "jira-ops", "jira-dev", "jira-software-users")),
        arguments("append(missing, \"x\")", List.of("x")),
        arguments("append(missing)", List.of()),
        arguments("[\"a\", missing, [\"b\", \"c\"]]", List.of("a", "b", "c")),
        arguments("[]", List.of()),
        arguments("filter(groups, g -> startsWith(g, \"jira-\"))",
            List.of("jira-dev", "jira-ops", "jira-dev")),
        arguments("filter(groups, g -> matches(g, \"jira-(dev|qa)\"))", List.of("jira-dev", "jira-dev")),
        arguments("filter(missing, g -> true)", null),
        arguments("filter(single, g -> true)", List.of("only")),
        arguments("map(groups, g -> \"app-\" + lower(g))",
            List.of("app-jira-dev", "app-staff", "app-jira-ops", "app-jira-dev")),
        arguments("map(Attributes, a -> a.Value)", List.of("c@x", "C X")),
        arguments("map(groups, g -> if(g == \"Staff\", null, g))",
            List.of("jira-dev", "jira-ops", "jira-dev")),
        arguments("map(groups, upn -> left(upn, 1))", List.of("j", "S", "j", "j")),
        arguments("map(groups, g -> join(\"\", map(split(g, \"-\"), p -> upper(left(p, 1)))))",
            List.of("JD", "S", "JO", "JD")),
        // map() and distinct() refill a list built for them alone: a lambda that yields more
        // values than it reads must not overwrite elements not read yet
        arguments("map(split(\"x,y,z\", \",\"), g -> [g, g + \"1\"])",
            List.of("x", "x1", "y", "y1", "z", "z1")),
        arguments("map(split(\"x,y,z\", \",\"), g -> if(g == \"z\", [g, \"w\", \"v\"], g))",
            List.of("x", "y", "z", "w", "v")),
        arguments("map(split(\"x,y,z\", \",\"), g -> if(g == \"x\", [g, \"w\", \"v\"], g))",
            List.of("x", "w", "v", "y", "z")),
        arguments("map(filter(split(\"a,b,c\", \",\"), g -> g != \"b\"), g -> [g, upper(g)])",
            List.of("a", "A", "c", "C")),
        arguments("distinct(append(groups, groups, \"d\"))",
            List.of("jira-dev", "Staff", "jira-ops", "d")),
        arguments("distinct(split(\"b,a,b,c,a\", \",\"))", List.of("b", "a", "c")),
        arguments("distinct(groups)", List.of("jira-dev", "Staff", "jira-ops")),
        arguments("distinct([\"a\", \"b\"])", List.of("a", "b")),
        arguments("distinct(numbers)", List.of("1", "2")),
        arguments("distinct(missing)", null),
        arguments("sort(groups)", List.of("Staff", "jira-dev", "jira-dev", "jira-ops")),
        arguments("first(groups)", "jira-dev"),
        arguments("last(numbers)", 2),
        arguments("first(emptyList)", null),
        arguments("first(single)", "only"),
        arguments("lookup(Attributes, \"Name\", \"email\", \"Value\")", "c@x"),
        arguments("lookup(Attributes, \"Name\", \"phone\", \"Value\")", null),
        // paths
        arguments("profile.login", "alice@corp"),
        arguments("profile.missing", null),
        arguments("upn.x", null),
        arguments("`cognito:groups`", List.of("admins")),
        arguments("cognito:groups", List.of("admins")),
        arguments("Attributes.Name", List.of("email", "name")),
        arguments("`profile`.`login`", "alice@corp"),
        arguments("numbers", List.of("1", "2")),
        arguments("count", 3),
        // operators
        arguments("upn == email", false),
        arguments("lower(upn) == email", true),
        arguments("count == 3", true),
        arguments("count == 3.0", true),
        arguments("ratio == 1.5", true),
        arguments("count != 3", false),
        arguments("missing == null", true),
        arguments("\"3\" == 3", false),
        arguments("!enabled", false),
        arguments("!missing", true),
        arguments("!!enabled", true),
        arguments("enabled && status == \"ACTIVE\"", true),
        arguments("missing && enabled", false),
        arguments("missing || enabled", true),
        arguments("\"a\" + 1 + true", "a1true"),
        arguments("missing + missing", null),
        arguments("count + 1", 4L),
        arguments("ratio + 1", 2.5),
        arguments("\"1\" + 1", "11"),
        arguments("given_name + \" \" + missing", "Zoë "),
        arguments("groups + \"x\"", List.of("jira-dev", "Staff", "jira-ops", "jira-dev", "x")),
        arguments("(missing ?? \"a\") + \"b\"", "ab"),
        arguments("missing ?? \"a\" + \"b\"", "ab"),
        // precedence and associativity: || < && < == < ?? < + < !, chains left to right
        arguments("1 + 2 + \"x\"", "3x"),
        arguments("\"x\" + 1 + 2", "x12"),
        arguments("1 + (2 + \"x\")", "12x"),
        arguments("enabled || missing && missing", true),
        arguments("missing && missing || enabled", true),
        arguments("!missing && enabled", true),
        arguments("!(missing || enabled)", false),
        arguments("count + 1 == 4 && enabled", true),
        arguments("missing ?? count + 1", 4L),
        arguments("missing ?? missing ?? count == 3 || missing", true),
        arguments("groups + \"x\" + \"y\"",
            List.of("jira-dev", "Staff", "jira-ops", "jira-dev", "x", "y")),
        arguments("\"a\" + [single] + emptyList + \"b\"", List.of("a", "only", "b")),
        // literals
        arguments("'single'", "single"),
        arguments("\"q\\\"\\\\\\n\\t\\u0041\"", "q\"\\\n\tA"),
        arguments("-5", -5L),
        arguments("1.25", 1.25),
        arguments("null", null),
        arguments("true", true),
        // pipes and layout
        arguments("upn | before(\"@\") | lower", "a.example"),
        arguments("groups | distinct | length", 3L),
        arguments("coalesce(\n  missing,\n  single\n)", "only"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("cases")
  void evaluates(String expression, @Nullable Object expected) {
    Object actual = Eval.eval(expression, CLAIMS);
    if (expected instanceof List<?> list) {
      assertThat(actual).isInstanceOf(List.class);
      assertThat(List.copyOf((List<?>) actual)).isEqualTo(List.copyOf(list));
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resultListsAreImmutableStrings(String expression, @Nullable Object ignored) {
    Object actual = Eval.eval(expression, CLAIMS);
    if (actual instanceof List<?> list) {
      assertThat(list).allMatch(String.class::isInstance);
      @SuppressWarnings("unchecked") // to call add() and see it refused; the items are Strings
      List<Object> objects = (List<Object>) list;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> objects.add("x"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
