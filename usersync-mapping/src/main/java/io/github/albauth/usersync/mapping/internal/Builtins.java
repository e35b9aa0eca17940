package io.github.albauth.usersync.mapping.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.mapping.MappingFunction;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The standard function library. Each function compiles to a {@link Fn} node whose behaviour is a
 * small lambda; regular expressions are compiled once, at compile time, with RE2/J (linear time).
 */
final class Builtins {

  private Builtins() {}

  /** The behaviour of a function call node. */
  @FunctionalInterface
  interface Impl {
    @Nullable Object apply(EvalContext ctx, Fn fn);
  }

  /** A call of a function, with typed argument accessors that produce exact error messages. */
  static final class Fn extends Node {
    final String name;
    final Node[] args;
    private final Impl impl;
    private final boolean buildsFreshList;

    Fn(int offset, String name, Node[] args, Impl impl) {
      this(offset, name, args, false, impl);
    }

    /** A call; {@code buildsFreshList} as {@link Node#buildsFreshList()} says. */
    Fn(int offset, String name, Node[] args, boolean buildsFreshList, Impl impl) {
      super(offset);
      this.name = name;
      this.args = args;
      this.impl = impl;
      this.buildsFreshList = buildsFreshList;
    }

    @Override
    @Nullable Object eval(EvalContext ctx) {
      return impl.apply(ctx, this);
    }

    @Override
    boolean buildsFreshList() {
      return buildsFreshList;
    }

    /** Argument i's value; a literal or a lambda variable is read without a (megamorphic) call. */
    @Nullable Object value(EvalContext ctx, int i) {
      Node arg = args[i];
      if (arg instanceof Compiler.Const literal) {
        return literal.value;
      } else if (arg instanceof Compiler.Local local) {
        return ctx.locals[local.slot];
      }
      return arg.eval(ctx);
    }

    /** A string argument; numbers and booleans are converted; null stays null. */
    @Nullable String str(EvalContext ctx, int i) {
      Object v = value(ctx, i);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      String s = Values.scalarText(v);
      if (s == null) {
        throw typeError(ctx, i, "a string", v);
      }
      return s;
    }

    /** A list argument; a single value counts as a one-element list; null stays null. */
    @Nullable List<?> list(EvalContext ctx, int i) {
      Object v = value(ctx, i);
      if (v == null) {
        return null;
      }
      List<?> list = Values.asList(v);
      if (list != null) {
        return list;
      }
      if (Values.isMap(v)) {
        throw typeError(ctx, i, "a list", v);
      }
      return List.of(v);
    }

    /** A whole-number argument. */
    int integer(EvalContext ctx, int i) {
      Object v = value(ctx, i);
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
        return n.intValue();
      }
      throw typeError(ctx, i, "a whole number", v);
    }

    boolean truth(EvalContext ctx, int i) {
      return Compiler.truth(ctx, args[i], offset, name + "() expects a boolean as argument " + (i + 1));
    }

    MappingException typeError(EvalContext ctx, int i, String expected, @Nullable Object got) {
      return ctx.error(offset, name + "() expects " + expected + " as argument " + (i + 1)
          + ", got " + Values.typeName(got));
    }
  }

  // ---------------------------------------------------------------- registry

  static Map<String, FunctionTable.Entry> entries() {
    Map<String, FunctionTable.Entry> m = new LinkedHashMap<>();
    // text
    add(m, "lower", 1, 1, string1(Builtins::lower));
    add(m, "upper", 1, 1, string1(Builtins::upper));
    add(m, "trim", 1, 1, string1(String::strip));
    add(m, "capitalize", 1, 1, string1(Builtins::capitalize));
    add(m, "normalizeDiacritics", 1, 1, string1(Builtins::normalizeDiacritics));
    add(m, "stripSpaces", 1, 1, string1(Builtins::stripSpaces));
    add(m, "before", 2, 2, simple((ctx, fn) -> cut(fn.str(ctx, 0), fn.str(ctx, 1), true, false)));
    add(m, "beforeLast", 2, 2, simple((ctx, fn) -> cut(fn.str(ctx, 0), fn.str(ctx, 1), true, true)));
    add(m, "after", 2, 2, simple((ctx, fn) -> cut(fn.str(ctx, 0), fn.str(ctx, 1), false, false)));
    add(m, "afterLast", 2, 2, simple((ctx, fn) -> cut(fn.str(ctx, 0), fn.str(ctx, 1), false, true)));
    add(m, "replace", 3, 3, simple(Builtins::replace));
    add(m, "left", 2, 2, simple((ctx, fn) -> slice(ctx, fn, true)));
    add(m, "right", 2, 2, simple((ctx, fn) -> slice(ctx, fn, false)));
    add(m, "mid", 3, 3, simple(Builtins::mid));
    add(m, "word", 2, 3, simple(Builtins::word));
    add(m, "split", 2, 2, (c, call) ->
        new Fn(call.start(), call.name(), c.nodes(call.args()), true, Builtins::split));
    add(m, "join", 1, -1, simple(Builtins::join));
    add(m, "concat", 1, -1, simple(Builtins::concat));
    add(m, "length", 1, 1, simple(Builtins::length));
    add(m, "string", 1, 1, simple((ctx, fn) -> fn.str(ctx, 0)));
    add(m, "bool", 1, 1, simple(Builtins::bool));
    // regular expressions
    add(m, "regexReplace", 3, 3, Builtins::regexReplace);
    add(m, "regexExtract", 2, 3, Builtins::regexExtract);
    add(m, "matches", 2, 2, Builtins::matches);
    // tests
    add(m, "present", 1, 1, simple((ctx, fn) -> Values.present(fn.value(ctx, 0))));
    add(m, "absent", 1, 1, simple((ctx, fn) -> !Values.present(fn.value(ctx, 0))));
    add(m, "startsWith", 2, 2, simple((ctx, fn) -> affix(ctx, fn, true)));
    add(m, "endsWith", 2, 2, simple((ctx, fn) -> affix(ctx, fn, false)));
    add(m, "contains", 2, 2, simple(Builtins::contains));
    add(m, "equalsIgnoreCase", 2, 2, simple(Builtins::equalsIgnoreCase));
    // choices and rules
    add(m, "coalesce", 1, -1, (c, call) -> coalesce(c, call.start(), call.args()));
    add(m, "if", 2, 3, Builtins::ifCall);
    add(m, "cond", 2, -1, Builtins::cond);
    add(m, "switch", 3, -1, Builtins::switchCall);
    add(m, "skip", 0, 1, Builtins::skip);
    // lists
    add(m, "append", 1, -1, (c, call) -> append(call.start(), c.nodes(call.args())));
    add(m, "filter", 2, 2, Builtins::filter);
    add(m, "map", 2, 2, Builtins::map);
    add(m, "distinct", 1, 1, Builtins::distinct);
    add(m, "sort", 1, 1, simple(Builtins::sort));
    add(m, "first", 1, 1, simple((ctx, fn) -> element(fn.list(ctx, 0), true)));
    add(m, "last", 1, 1, simple((ctx, fn) -> element(fn.list(ctx, 0), false)));
    add(m, "lookup", 4, 4, simple(Builtins::lookup));
    return m;
  }

  private static void add(Map<String, FunctionTable.Entry> m, String name, int min, int max,
      FunctionTable.Factory factory) {
    m.put(name, new FunctionTable.Entry(name, min, max, factory));
  }

  private static FunctionTable.Factory simple(Impl impl) {
    return (c, call) -> new Fn(call.start(), call.name(), c.nodes(call.args()), impl);
  }

  private static FunctionTable.Factory string1(UnaryOperator<String> op) {
    return simple((ctx, fn) -> {
      String s = fn.str(ctx, 0);
      if (s == null) {
        return null;
      }
      String result = op.apply(s);
      // case mapping, ß -> ss and decomposition lengthen text by a small factor at most: checked
      // once built, as building costs no more than that multiple of the input
      return result.length() > s.length()
          ? ctx.checkBuilt(result, fn.offset, fn.name + "() result") : result;
    });
  }

  /** A custom function's factory. */
  static FunctionTable.Factory custom(MappingFunction function) {
    String what = function.name() + "() result";
    return simple((ctx, fn) -> {
      @Nullable Object[] values = new @Nullable Object[fn.args.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = fn.args[i].eval(ctx);
      }
      Object result;
      try {
        result = function.apply(
            Collections.<@Nullable Object>unmodifiableList(Arrays.<@Nullable Object>asList(values)));
      } catch (MappingException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ctx.error(fn.offset, fn.name + "() failed: " + e);
      }
      // what the function built is bounded like what the source holds
      ctx.checkRead(result, fn.offset, what);
      if (result == null || result instanceof String || result instanceof Boolean
          || result instanceof Number) {
        return result;
      }
      if (result instanceof List<?> list) {
        for (Object e : list) {
          if (e != null && Values.scalarText(e) == null) {
            throw ctx.error(fn.offset, fn.name + "() returned a list containing "
                + Values.typeName(e) + "; custom functions return strings, booleans, numbers "
                + "or lists of them");
          }
        }
        return List.copyOf(list);
      }
      throw ctx.error(fn.offset, fn.name + "() returned " + Values.typeName(result)
          + "; custom functions return strings, booleans, numbers or lists of them");
    });
  }

  // ---------------------------------------------------------------- text

  /**
   * {@code s.toLowerCase(Locale.ROOT)}, which returns {@code s} itself when nothing changes; an
   * ASCII text without capitals is recognised here by a plain scan instead of a table lookup per
   * character.
   */
  static String lower(String s) {
    return mayChangeCase(s, 'A', 'Z') ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** {@code s.toUpperCase(Locale.ROOT)}, with the same shortcut as {@link #lower}. */
  static String upper(String s) {
    return mayChangeCase(s, 'a', 'z') ? s.toUpperCase(Locale.ROOT) : s;
  }

  /** Whether s holds a letter from {@code first} to {@code last}, or any non-ASCII character. */
  private static boolean mayChangeCase(String s, char first, char last) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if ((c >= first && c <= last) || c >= 0x80) {
        return true;
      }
    }
    return false;
  }

  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    return new StringBuilder(s.length())
        .appendCodePoint(Character.toTitleCase(first))
        .append(s, Character.charCount(first), s.length())
        .toString();
  }

  static String normalizeDiacritics(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return s;
    }
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      switch (c) {
        case 'ß' -> sb.append("ss");
        case 'ẞ' -> sb.append("SS");
        case 'Æ' -> sb.append("AE");
        case 'æ' -> sb.append("ae");
        case 'Œ' -> sb.append("OE");
        case 'œ' -> sb.append("oe");
        case 'Ø' -> sb.append('O');
        case 'ø' -> sb.append('o');
        case 'Ł' -> sb.append('L');
        case 'ł' -> sb.append('l');
        case 'Đ' -> sb.append('D');
        case 'đ' -> sb.append('d');
        case 'Þ' -> sb.append("TH");
        case 'þ' -> sb.append("th");
        case 'ı' -> sb.append('i');
        default -> sb.append(c);
      }
    }
    return Normalizer.normalize(sb, Normalizer.Form.NFC);
  }

  static String stripSpaces(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        sb.append(c);
      }
    }
    return sb.length() == s.length() ? s : sb.toString();
  }

  private static @Nullable String cut(@Nullable String s, @Nullable String delim, boolean before,
      boolean last) {
    if (s == null) {
      return null;
    }
    if (delim == null) {
      return before ? s : null;
    }
    int i = last ? s.lastIndexOf(delim) : s.indexOf(delim);
    if (i < 0) {
      return before ? s : null;
    }
    return before ? s.substring(0, i) : s.substring(i + delim.length());
  }

  private static @Nullable Object replace(EvalContext ctx, Fn fn) {
    String s = fn.str(ctx, 0);
    String find = fn.str(ctx, 1);
    String with = fn.str(ctx, 2);
    if (s == null || find == null || find.isEmpty()) {
      return s;
    }
    String replacement = with == null ? "" : with;
    if (replacement.length() > find.length()) {
      // count first: replacing each "a" of 4,096 by 4,096 characters would build 16 MiB
      long count = 0;
      for (int i = s.indexOf(find); i >= 0; i = s.indexOf(find, i + find.length())) {
        count++;
      }
      ctx.checkLength(s.length() + count * (replacement.length() - find.length()), fn.offset,
          "replace() result");
    }
    return s.replace(find, replacement);
  }

  private static @Nullable Object slice(EvalContext ctx, Fn fn, boolean left) {
    String s = fn.str(ctx, 0);
    int n = fn.integer(ctx, 1);
    if (n < 0) {
      throw ctx.error(fn.offset, fn.name + "() expects a count of 0 or more as argument 2, got " + n);
    }
    if (s == null) {
      return null;
    }
    int count = s.codePointCount(0, s.length());
    if (n >= count) {
      return s;
    }
    return left
        ? s.substring(0, s.offsetByCodePoints(0, n))
        : s.substring(s.offsetByCodePoints(0, count - n));
  }

  private static @Nullable Object mid(EvalContext ctx, Fn fn) {
    String s = fn.str(ctx, 0);
    int start = fn.integer(ctx, 1);
    int length = fn.integer(ctx, 2);
    if (start < 1) {
      throw ctx.error(fn.offset, "mid() counts from 1; argument 2 must be 1 or more, got " + start);
    }
    if (length < 0) {
      throw ctx.error(fn.offset, "mid() expects a length of 0 or more as argument 3, got " + length);
    }
    if (s == null) {
      return null;
    }
    int count = s.codePointCount(0, s.length());
    if (start > count) {
      return "";
    }
    int from = s.offsetByCodePoints(0, start - 1);
    int to = s.offsetByCodePoints(from, Math.min(length, count - start + 1));
    return s.substring(from, to);
  }

  private static @Nullable Object word(EvalContext ctx, Fn fn) {
    String s = fn.str(ctx, 0);
    int n = fn.integer(ctx, 1);
    String delims = fn.args.length > 2 ? fn.str(ctx, 2) : null;
    if (n < 1) {
      throw ctx.error(fn.offset, "word() counts from 1; argument 2 must be 1 or more, got " + n);
    }
    if (s == null) {
      return null;
    }
    int index = 0;
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isDelimiter(s.charAt(i), delims)) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isDelimiter(s.charAt(i), delims)) {
        i++;
      }
      if (i > start && ++index == n) {
        return s.substring(start, i);
      }
    }
    return null;
  }

  private static boolean isDelimiter(char c, @Nullable String delims) {
    return delims == null ? Character.isWhitespace(c) : delims.indexOf(c) >= 0;
  }

  private static @Nullable Object split(EvalContext ctx, Fn fn) {
    String s = fn.str(ctx, 0);
    String delim = fn.str(ctx, 1);
    if (delim == null || delim.isEmpty()) {
      throw ctx.error(fn.offset, "split() needs a non-empty delimiter as argument 2");
    }
    if (s == null) {
      return null;
    }
    ValueList parts = new ValueList(4);
    int from = 0;
    while (true) {
      int i = s.indexOf(delim, from);
      String part = i < 0 ? s.substring(from) : s.substring(from, i);
      if (!part.isEmpty()) {
        parts.addValue(part);
      }
      if (i < 0) {
        break;
      }
      from = i + delim.length();
    }
    ctx.checkBuiltSize(parts.size(), fn.offset, "split() result");
    return parts;
  }

  private static @Nullable Object join(EvalContext ctx, Fn fn) {
    String sep = fn.str(ctx, 0);
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (int i = 1; i < fn.args.length; i++) {
      Object v = fn.value(ctx, i);
      List<?> list = Values.asList(v);
      if (list != null) {
        for (Object e : list) {
          any |= appendText(ctx, fn, i, e, sb, sep, any);
        }
      } else {
        any |= appendText(ctx, fn, i, v, sb, sep, any);
      }
    }
    return any ? sb.toString() : null;
  }

  private static boolean appendText(EvalContext ctx, Fn fn, int i, @Nullable Object v,
      StringBuilder sb, @Nullable String sep, boolean any) {
    if (v == null) {
      return false;
    }
    String s = Values.scalarText(v);
    if (s == null) {
      throw fn.typeError(ctx, i, "strings", v);
    }
    if (s.isEmpty()) {
      return false;
    }
    String separator = any && sep != null ? sep : "";
    ctx.checkLength((long) sb.length() + separator.length() + s.length(), fn.offset,
        "join() result");
    sb.append(separator).append(s);
    return true;
  }

  private static @Nullable Object concat(EvalContext ctx, Fn fn) {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (int i = 0; i < fn.args.length; i++) {
      String s = fn.str(ctx, i);
      if (s != null) {
        any = true;
        ctx.checkLength((long) sb.length() + s.length(), fn.offset, "concat() result");
        sb.append(s);
      }
    }
    return any ? sb.toString() : null;
  }

  private static Object length(EvalContext ctx, Fn fn) {
    Object v = fn.value(ctx, 0);
    if (v == null) {
      return 0L;
    } else if (v instanceof List<?> list) {
      return (long) list.size();
    }
    String s = Values.scalarText(v);
    if (s == null) {
      throw fn.typeError(ctx, 0, "a string or a list", v);
    }
    return (long) s.codePointCount(0, s.length());
  }

  private static @Nullable Object bool(EvalContext ctx, Fn fn) {
    Object v = fn.value(ctx, 0);
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number n) {
      if (Values.equal(n, 0L)) {
        return false;
      } else if (Values.equal(n, 1L)) {
        return true;
      }
    } else if (v instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1", "y" -> {
          return true;
        }
        case "false", "no", "off", "0", "n" -> {
          return false;
        }
        default -> { }
      }
    } else {
      throw fn.typeError(ctx, 0, "a string, number or boolean", v);
    }
    throw ctx.error(fn.offset, "bool() cannot read " + Values.render(v) + " as a boolean; "
        + "it accepts true/false, yes/no, on/off, y/n, 1/0");
  }

  // ---------------------------------------------------------------- regular expressions

  private static Pattern pattern(Compiler c, Expr.Call call, int index) {
    String regex = c.stringLiteral(call, index, "the regular expression");
    try {
      return Pattern.compile(regex);
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw c.error(call.args().get(index).start(),
          "invalid regular expression: " + e.getDescription() + " in " + Values.render(regex));
    }
  }

  private static Node regexReplace(Compiler c, Expr.Call call) {
    Pattern pattern = pattern(c, call, 1);
    String replacement = c.stringLiteral(call, 2, "the replacement");
    Replacement parts = Replacement.parse(replacement, pattern,
        problem -> c.error(call.args().get(2).start(), problem));
    return onSubject(c, call, (ctx, fn, s) -> {
      Matcher m = pattern.matcher(s);
      if (!m.find()) {
        return s;
      }
      StringBuilder sb = new StringBuilder(s.length() + 16);
      int last = 0;
      do {
        // before each piece: one replacement such as "$0$0$0$0" can be many times the input
        ctx.checkLength(sb.length() + (long) (m.start() - last) + parts.length(m), fn.offset,
            "regexReplace() result");
        sb.append(s, last, m.start());
        parts.appendTo(sb, m);
        last = m.end();
      } while (m.find());
      ctx.checkLength(sb.length() + (long) (s.length() - last), fn.offset,
          "regexReplace() result");
      sb.append(s, last, s.length());
      return sb.toString();
    });
  }

  private static Node regexExtract(Compiler c, Expr.Call call) {
    Pattern pattern = pattern(c, call, 1);
    int group = pattern.groupCount() >= 1 ? 1 : 0;
    if (call.args().size() == 3) {
      Expr g = call.args().get(2);
      Object value = g instanceof Expr.Literal lit ? lit.value() : null;
      if (value instanceof Long n && n >= 0 && n <= pattern.groupCount()) {
        group = n.intValue();
      } else if (value instanceof String name && pattern.namedGroups().containsKey(name)) {
        group = pattern.namedGroups().get(name);
      } else if (value instanceof Long || value instanceof String) {
        throw c.error(g.start(), "regexExtract() group " + Values.render(value)
            + " does not exist in the pattern, which has " + pattern.groupCount()
            + (pattern.groupCount() == 1 ? " group" : " groups")
            + (pattern.namedGroups().isEmpty() ? "" : " named " + pattern.namedGroups().keySet()));
      } else {
        throw c.error(g.start(),
            "regexExtract() expects a group number or name literal as argument 3");
      }
    }
    int chosen = group;
    return onSubject(c, call, (ctx, fn, s) -> {
      Matcher m = pattern.matcher(s);
      return m.find() ? m.group(chosen) : null;
    });
  }

  /** What a regex function does with a present subject string. */
  @FunctionalInterface
  private interface OnSubject {
    @Nullable Object apply(EvalContext ctx, Fn fn, String subject);
  }

  /** A call whose only evaluated argument is the subject; nothing in, nothing out. */
  private static Node onSubject(Compiler c, Expr.Call call, OnSubject body) {
    Node subject = c.node(call.args().get(0));
    return new Fn(call.start(), call.name(), new Node[] {subject}, (ctx, fn) -> {
      String s = fn.str(ctx, 0);
      return s == null ? null : body.apply(ctx, fn, s);
    });
  }

  private static Node matches(Compiler c, Expr.Call call) {
    Pattern pattern = pattern(c, call, 1);
    Node subject = c.node(call.args().get(0));
    return new Fn(call.start(), call.name(), new Node[] {subject}, (ctx, fn) -> {
      String s = fn.str(ctx, 0);
      return s != null && pattern.matcher(s).matches();
    });
  }

  // ---------------------------------------------------------------- tests

  private static Object affix(EvalContext ctx, Fn fn, boolean start) {
    String s = fn.str(ctx, 0);
    String p = fn.str(ctx, 1);
    if (s == null || p == null) {
      return false;
    }
    return start ? s.startsWith(p) : s.endsWith(p);
  }

  private static Object contains(EvalContext ctx, Fn fn) {
    Object haystack = fn.value(ctx, 0);
    Object needle = fn.value(ctx, 1);
    List<?> list = Values.asList(haystack);
    if (list != null) {
      for (Object e : list) {
        if (Values.equal(e, needle)) {
          return true;
        }
      }
      return false;
    }
    if (haystack == null || needle == null) {
      return false;
    }
    String s = Values.scalarText(haystack);
    if (s == null) {
      throw fn.typeError(ctx, 0, "a string or a list", haystack);
    }
    String n = Values.scalarText(needle);
    if (n == null) {
      throw fn.typeError(ctx, 1, "a string", needle);
    }
    return s.contains(n);
  }

  private static Object equalsIgnoreCase(EvalContext ctx, Fn fn) {
    String a = fn.str(ctx, 0);
    String b = fn.str(ctx, 1);
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  // ---------------------------------------------------------------- choices and rules

  /** {@code coalesce(a, b, ...)} and {@code a ?? b ?? ...}: the first present value. */
  static Node coalesce(Compiler c, int offset, List<Expr> args) {
    Node[] nodes = c.nodes(args);
    String[] shown = new String[args.size()];
    for (int i = 0; i < shown.length; i++) {
      shown[i] = c.snippet(args.get(i));
    }
    return new Node(offset) {
      @Override
      @Nullable Object eval(EvalContext ctx) {
        for (int i = 0; i < nodes.length; i++) {
          Object v = nodes[i].eval(ctx);
          if (Values.present(v)) {
            if (ctx.trace != null && nodes.length > 1) {
              ctx.note("fallback at " + ctx.where(offset) + ": used choice " + (i + 1) + " of "
                  + nodes.length + " (" + shown[i] + ")");
            }
            return v;
          }
        }
        if (ctx.trace != null) {
          ctx.note("fallback at " + ctx.where(offset) + ": none of the " + nodes.length
              + " choices is present");
        }
        return null;
      }
    };
  }

  private static Node ifCall(Compiler c, Expr.Call call) {
    Node[] nodes = c.nodes(call.args());
    String shown = c.snippet(call.args().get(0));
    return new Fn(call.start(), call.name(), nodes, (ctx, fn) -> {
      boolean yes = fn.truth(ctx, 0);
      if (ctx.trace != null) {
        ctx.note("if at " + ctx.where(fn.offset) + ": " + shown + " is " + yes);
      }
      if (yes) {
        return fn.value(ctx, 1);
      }
      return nodes.length > 2 ? fn.value(ctx, 2) : null;
    });
  }

  private static Node cond(Compiler c, Expr.Call call) {
    Node[] nodes = c.nodes(call.args());
    String[] shown = new String[nodes.length];
    for (int i = 0; i < nodes.length; i += 2) {
      shown[i] = c.snippet(call.args().get(i));
    }
    int rules = nodes.length / 2;
    boolean hasDefault = nodes.length % 2 == 1;
    return new Fn(call.start(), call.name(), nodes, (ctx, fn) -> {
      for (int r = 0; r < rules; r++) {
        if (fn.truth(ctx, 2 * r)) {
          if (ctx.trace != null) {
            ctx.note("rules at " + ctx.where(fn.offset) + ": rule " + (r + 1) + " of " + rules
                + " matched (" + shown[2 * r] + ")");
          }
          return fn.value(ctx, 2 * r + 1);
        }
      }
      if (ctx.trace != null) {
        ctx.note("rules at " + ctx.where(fn.offset) + ": no rule matched, "
            + (hasDefault ? "used the default" : "no default"));
      }
      return hasDefault ? fn.value(ctx, nodes.length - 1) : null;
    });
  }

  private static Node switchCall(Compiler c, Expr.Call call) {
    Node[] nodes = c.nodes(call.args());
    int cases = (nodes.length - 1) / 2;
    boolean hasDefault = nodes.length % 2 == 0;
    return new Fn(call.start(), call.name(), nodes, (ctx, fn) -> {
      Object value = fn.value(ctx, 0);
      for (int k = 0; k < cases; k++) {
        Object key = fn.value(ctx, 1 + 2 * k);
        List<?> alternatives = Values.asList(key);
        boolean hit = alternatives != null
            ? alternatives.stream().anyMatch(a -> Values.equal(a, value))
            : Values.equal(key, value);
        if (hit) {
          if (ctx.trace != null) {
            ctx.note("switch at " + ctx.where(fn.offset) + ": " + Values.render(value)
                + " matched case " + (k + 1) + " (" + Values.render(key) + ")");
          }
          return fn.value(ctx, 2 + 2 * k);
        }
      }
      if (ctx.trace != null) {
        ctx.note("switch at " + ctx.where(fn.offset) + ": " + Values.render(value)
            + " matched no case, " + (hasDefault ? "used the default" : "no default"));
      }
      return hasDefault ? fn.value(ctx, nodes.length - 1) : null;
    });
  }

  private static Node skip(Compiler c, Expr.Call call) {
    Node[] nodes = c.nodes(call.args());
    return new Fn(call.start(), call.name(), nodes, (ctx, fn) -> {
      String reason = nodes.length == 0 ? null : fn.str(ctx, 0);
      if (reason == null || reason.isBlank()) {
        reason = "skipped by the mapping of attribute '" + ctx.attribute + "' at "
            + ctx.where(fn.offset);
      }
      if (ctx.trace != null) {
        ctx.note("skip at " + ctx.where(fn.offset) + ": " + reason);
      }
      throw new SkipSignal(reason);
    });
  }

  // ---------------------------------------------------------------- lists and operators

  /** {@code append(a, b, ...)} and list literals: all values in one list, nulls dropped. */
  static Node append(int offset, Node[] nodes) {
    return new Node(offset) {
      @Override
      boolean buildsFreshList() {
        return true;
      }

      @Override
      @Nullable Object eval(EvalContext ctx) {
        ValueList out = new ValueList(nodes.length * 2);
        for (Node n : nodes) {
          Object v = n.eval(ctx);
          if (Values.isMap(v)) {
            throw ctx.error(n.offset, "a list cannot hold " + Values.typeName(v)
                + "; pick a field with a path such as profile.login");
          }
          out.addFlattened(v);
          // after each value: append(groups, groups, …) with thousands of arguments from
          // configuration would otherwise fill memory before the check
          ctx.checkBuiltSize(out.size(), offset, "the list");
        }
        return out;
      }
    };
  }

  /**
   * {@code a + b + …}, left to right: list concatenation if either side is a list, addition if
   * both are numbers, else text concatenation.
   *
   * @param opOffsets where each {@code +} is; {@code opOffsets[i]} joins operand i and i + 1
   */
  static Node plus(int[] opOffsets, Node[] operands) {
    return new Node(opOffsets[opOffsets.length - 1]) {
      @Override
      boolean buildsFreshList() {
        return true;
      }

      @Override
      @Nullable Object eval(EvalContext ctx) {
        Object sum = operands[0].eval(ctx);
        // the list this evaluation built: later operands are appended to it, not to a copy
        @Nullable ValueList built = null;
        for (int i = 1; i < operands.length; i++) {
          int at = opOffsets[i - 1];
          Object b = operands[i].eval(ctx);
          if (Values.isMap(sum) || Values.isMap(b)) {
            throw ctx.error(at, "'+' cannot combine " + Values.typeName(sum) + " and "
                + Values.typeName(b));
          }
          if (Values.asList(sum) != null || Values.asList(b) != null) {
            if (built == null || sum != built) {
              built = new ValueList(8);
              built.addFlattened(sum);
            }
            built.addFlattened(b);
            ctx.checkBuiltSize(built.size(), at, "the list");
            sum = built;
          } else if (sum instanceof Number x && b instanceof Number y) {
            try {
              sum = Values.add(x, y);
            } catch (ArithmeticException e) {
              throw ctx.error(at, "'+' overflows: the sum is out of range");
            }
          } else if (sum != null || b != null) {
            // both are scalars or null here, so scalarText gives null only for null
            String x = Objects.requireNonNullElse(Values.scalarText(sum), "");
            String y = Objects.requireNonNullElse(Values.scalarText(b), "");
            ctx.checkLength((long) x.length() + y.length(), at, "the text");
            sum = x.concat(y);
          }
        }
        return sum;
      }
    };
  }

  private static Node filter(Compiler c, Expr.Call call) {
    return overList(c, call, "g -> startsWith(g, \"jira-\")", true);
  }

  private static Node map(Compiler c, Expr.Call call) {
    return overList(c, call, "g -> \"app-\" + g", false);
  }

  /**
   * A call {@code f(list, x -> body)} that evaluates body per element and collects results: the
   * elements for which body is true ({@code filter}), or body's values ({@code map}). A list that
   * the argument built for this call alone is refilled in place rather than copied.
   */
  private static Node overList(Compiler c, Expr.Call call, String example, boolean filter) {
    Node list = c.node(call.args().get(0));
    boolean reuse = list.buildsFreshList();
    Compiler.Lambda lambda = c.lambda(call, 1, example);
    Node body = lambda.body();
    int slot = lambda.slot();
    String what = call.name() + "() result"; // once here, not per element in the checks below
    return new Fn(call.start(), call.name(), new Node[] {list}, true, (ctx, fn) -> {
      List<?> values = fn.list(ctx, 0);
      if (values == null) {
        return null;
      }
      int n = values.size();
      ValueList out;
      Object[] own;
      if (reuse && values instanceof ValueList fresh) {
        own = fresh.refill();
        out = fresh;
      } else {
        own = null;
        out = new ValueList(n);
      }
      @Nullable Object[] locals = ctx.locals;
      for (int i = 0; i < n; i++) {
        Object v = own != null ? own[i] : values.get(i);
        if (v == null) {
          continue;
        }
        locals[slot] = v;
        Object result = body.eval(ctx);
        if (!filter) {
          List<?> more = out == values ? Values.asList(result) : null;
          if (more != null && out.size() + more.size() > i + 1) {
            // more values than elements read so far: continue in a copy, reading on from own
            ValueList copy = new ValueList(n + more.size());
            copy.addFlattened(out);
            out = copy;
          }
          out.addFlattened(result);
          // per element: map(groups, g -> groups) would otherwise build size² values first
          ctx.checkBuiltSize(out.size(), fn.offset, what);
        } else if (result instanceof Boolean keep) {
          if (keep) {
            out.addValue(v);
          }
        } else if (result != null) {
          throw ctx.error(body.offset, "filter() expects its lambda to yield a boolean, got "
              + Values.typeName(result));
        }
      }
      ctx.checkBuiltSize(out.size(), fn.offset, what);
      return out;
    });
  }

  /** {@code distinct(list)}; in place when the argument built the list for this call alone. */
  private static Node distinct(Compiler c, Expr.Call call) {
    Node[] args = c.nodes(call.args());
    boolean reuse = args[0].buildsFreshList();
    return new Fn(call.start(), call.name(), args, reuse, (ctx, fn) -> {
      List<?> values = fn.list(ctx, 0);
      if (values == null) {
        return null;
      }
      int n = values.size();
      if (n > 16) {
        ValueList out = new ValueList(n);
        for (Object v : new LinkedHashSet<>(values)) {
          out.addFlattened(v);
        }
        return out;
      }
      if (values instanceof ValueList built) {
        if (reuse) {
          return built.removeRepeats();
        } else if (!built.hasRepeats()) {
          return built;
        }
      }
      ValueList out = new ValueList(n);
      for (int i = 0; i < n; i++) {
        Object v = values.get(i);
        if (v != null) {
          out.addValue(v);
        }
      }
      return out.removeRepeats();
    });
  }

  private static @Nullable Object sort(EvalContext ctx, Fn fn) {
    List<?> values = fn.list(ctx, 0);
    if (values == null) {
      return null;
    }
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      String s = Values.scalarText(v);
      if (s == null) {
        throw fn.typeError(ctx, 0, "a list of strings", values);
      }
      out.add(s);
    }
    Collections.sort(out);
    return List.copyOf(out);
  }

  private static @Nullable Object element(@Nullable List<?> values, boolean first) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.get(first ? 0 : values.size() - 1);
  }

  private static @Nullable Object lookup(EvalContext ctx, Fn fn) {
    List<?> entries = fn.list(ctx, 0);
    String keyField = fn.str(ctx, 1);
    Object key = fn.value(ctx, 2);
    String valueField = fn.str(ctx, 3);
    if (entries == null || keyField == null || valueField == null) {
      return null;
    }
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m && Values.equal(m.get(keyField), key)) {
        // a field inside a list of objects: the source's bounds were checked on the list only
        Object value = m.get(valueField);
        ctx.checkRead(value, fn.offset, "lookup() result");
        return value;
      }
    }
    return null;
  }
}
