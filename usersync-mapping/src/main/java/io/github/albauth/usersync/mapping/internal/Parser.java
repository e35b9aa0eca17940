package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.mapping.MappingCompileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lexer and parser of one expression: recursive descent for what nests, an operator stack for
 * the binary operators. Grammar (lowest precedence first):
 *
 * <pre>
 * expression = or { "|" IDENT [ "(" [ args ] ")" ] } ;
 * or         = and { "||" and } ;
 * and        = equality { "&amp;&amp;" equality } ;
 * equality   = coalesce [ ( "==" | "!=" ) coalesce ] ;
 * coalesce   = sum { "??" sum } ;
 * sum        = unary { "+" unary } ;
 * unary      = "!" unary | primary ;
 * primary    = STRING | NUMBER | "true" | "false" | "null" | "[" [ expression { "," expression } ] "]"
 *            | "(" expression ")" | IDENT "(" [ args ] ")" | path ;
 * args       = arg { "," arg } ;  arg = IDENT "-&gt;" expression | expression ;
 * path       = name { "." name } ;  name = IDENT | "`" any-but-backtick "`" ;
 * </pre>
 *
 * <p>Not thread-safe; one instance parses one text.
 */
public final class Parser {

  /**
   * The deepest nesting accepted, so that hostile text cannot overflow the stack. It bounds both
   * the parser's recursion (each parenthesis, list element, argument list, argument and {@code !}
   * is a level) and the height of the tree, which compiling and evaluating recurse over (each
   * call, pipe stage, list, {@code !}, comparison, lambda and operator chain is a level; a chain
   * {@code a + b + c} is one level however long, see {@link #operators}).
   */
  static final int MAX_DEPTH = 64;

  private enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    PUNCT,
    EOF
  }

  private record Token(Kind kind, String text, @Nullable Object value, int start, int end) {}

  /**
   * The binary operators, from the lowest precedence to the highest; a token's index here is its
   * level. {@code ==} and {@code !=} share a level and do not chain.
   */
  private static final List<List<String>> OPERATORS = List.of(
      List.of("||"), List.of("&&"), List.of("==", "!="), List.of("??"), List.of("+"));

  private static final int COMPARISON = 2;

  /** A chain still open on the operator stack: its level, operands so far and operators. */
  private static final class Pending {
    final int level;
    final String op;
    final List<Expr> operands = new ArrayList<>();
    final List<Integer> opOffsets = new ArrayList<>();

    Pending(int level, String op, Expr first, int opOffset) {
      this.level = level;
      this.op = op;
      operands.add(first);
      opOffsets.add(opOffset);
    }

    Expr close(Expr last) {
      operands.add(last);
      if (level == COMPARISON) {
        Expr left = operands.get(0);
        return new Expr.Binary(left.start(), last.end(), op, opOffsets.get(0), left, last);
      }
      return new Expr.Chain(op, operands, opOffsets);
    }
  }

  private final @Nullable String attribute;
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int index;
  private int depth;

  private Parser(@Nullable String attribute, String text) {
    this.attribute = attribute;
    this.text = text;
  }

  /**
   * Parses an expression.
   *
   * @param attribute the attribute it maps, for messages
   * @param text the expression
   * @throws MappingCompileException when the text is not a valid expression
   */
  public static Expr parse(@Nullable String attribute, String text) {
    Parser parser = new Parser(attribute, text);
    parser.lex();
    Expr expr = parser.expression();
    Token next = parser.peek();
    if (next.kind != Kind.EOF) {
      throw parser.error(next.start, "unexpected " + describe(next) + " after the expression");
    }
    parser.checkHeight(expr);
    return expr;
  }

  /**
   * Refuses a tree higher than {@link #MAX_DEPTH}, measured without recursion. The parser's own
   * depth does not bound it: {@code x | f | g} parses flat but nests {@code g(f(x))}, and pipe
   * stages after a parenthesis nest on top of everything inside it.
   */
  private void checkHeight(Expr root) {
    IdentityHashMap<Expr, Integer> heights = new IdentityHashMap<>();
    Deque<Expr> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Expr e = pending.peek();
      List<Expr> children = children(e);
      boolean ready = true;
      for (Expr child : children) {
        if (!heights.containsKey(child)) {
          pending.push(child);
          ready = false;
        }
      }
      if (ready) {
        pending.pop();
        int height = 1;
        for (Expr child : children) {
          height = Math.max(height, heights.getOrDefault(child, 0) + 1);
        }
        if (height > MAX_DEPTH) {
          throw error(e.start(), "expression nests deeper than " + MAX_DEPTH + " levels");
        }
        heights.put(e, height);
      }
    }
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.Call call) {
      return call.args();
    } else if (e instanceof Expr.ListLiteral list) {
      return list.elements();
    } else if (e instanceof Expr.Chain chain) {
      return chain.operands();
    } else if (e instanceof Expr.Binary bin) {
      return List.of(bin.left(), bin.right());
    } else if (e instanceof Expr.Not not) {
      return List.of(not.operand());
    } else if (e instanceof Expr.Lambda lambda) {
      return List.of(lambda.body());
    }
    return List.of();
  }

  // ---------------------------------------------------------------- lexer

  private void lex() {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        i = lexString(i, c);
      } else if (c == '`') {
        int close = text.indexOf('`', i + 1);
        int newline = text.indexOf('\n', i + 1);
        if (close < 0 || (newline >= 0 && newline < close)) {
          throw error(i, "unclosed quoted name (a ` without its closing `)");
        }
        if (close == i + 1) {
          throw error(i, "empty quoted name ``");
        }
        String name = text.substring(i + 1, close);
        tokens.add(new Token(Kind.QUOTED_IDENT, name, name, i, close + 1));
        i = close + 1;
      } else if (isDigit(c) || (c == '-' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
        i = lexNumber(i);
      } else if (isIdentStart(c)) {
        int start = i;
        i++;
        while (i < n
            && (isIdentPart(text.charAt(i))
                || (text.charAt(i) == ':' && i + 1 < n && isIdentStart(text.charAt(i + 1))))) {
          i++;
        }
        String word = text.substring(start, i);
        tokens.add(new Token(Kind.IDENT, word, word, start, i));
      } else {
        String two = i + 1 < n ? text.substring(i, i + 2) : "";
        if (two.equals("==") || two.equals("!=") || two.equals("&&") || two.equals("||")
            || two.equals("??") || two.equals("->")) {
          tokens.add(new Token(Kind.PUNCT, two, null, i, i + 2));
          i += 2;
        } else if ("()[],.|!+".indexOf(c) >= 0) {
          tokens.add(new Token(Kind.PUNCT, String.valueOf(c), null, i, i + 1));
          i++;
        } else if (c == '=' || c == '&') {
          throw error(i, "unexpected '" + c + "'; did you mean '" + c + c + "'?");
        } else {
          throw error(i, "unexpected character '" + new String(Character.toChars(text.codePointAt(i))) + "'");
        }
      }
    }
    tokens.add(new Token(Kind.EOF, "", null, n, n));
  }

  private int lexString(int start, char quote) {
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= text.length() || text.charAt(i) == '\n') {
        throw error(start, "unclosed string literal (a " + quote + " without its closing " + quote + ")");
      }
      char c = text.charAt(i);
      if (c == quote) {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw error(start, "unclosed string literal (a " + quote + " without its closing " + quote + ")");
        }
        char e = text.charAt(i + 1);
        switch (e) {
          case '"', '\'', '\\', '`' -> value.append(e);
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case 'u' -> {
            if (i + 6 > text.length() || !isHex(text.substring(i + 2, i + 6))) {
              throw error(i, "invalid unicode escape; write \\u followed by four hex digits");
            }
            value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
            i += 4;
          }
          default -> throw error(i, "unknown escape \\" + e + " in string literal; "
              + "to write a backslash, double it (\\\\)");
        }
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    tokens.add(new Token(Kind.STRING, text.substring(start, i + 1), value.toString(), start, i + 1));
    return i + 1;
  }

  private int lexNumber(int start) {
    int i = start;
    if (text.charAt(i) == '-') {
      i++;
    }
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    boolean decimal = false;
    if (i + 1 < text.length() && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
      decimal = true;
      i++;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && isIdentStart(text.charAt(i))) {
      int end = i;
      while (end < text.length() && isIdentPart(text.charAt(end))) {
        end++;
      }
      throw error(start, "invalid number '" + text.substring(start, end) + "'");
    }
    String literal = text.substring(start, i);
    Object value;
    try {
      value = decimal ? (Object) Double.valueOf(literal) : (Object) Long.valueOf(literal);
    } catch (NumberFormatException e) {
      throw error(start, "number " + literal + " is out of range");
    }
    tokens.add(new Token(Kind.NUMBER, literal, value, start, i));
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isHex(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- parser

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private boolean at(String punct) {
    Token t = peek();
    return t.kind == Kind.PUNCT && t.text.equals(punct);
  }

  private Token expect(String punct, String context) {
    Token t = peek();
    if (!at(punct)) {
      throw error(t.start, "expected '" + punct + "' " + context + " but found " + describe(t));
    }
    index++;
    return t;
  }

  private static String describe(Token t) {
    return switch (t.kind) {
      case EOF -> "the end of the expression";
      case STRING -> "string " + t.text;
      case NUMBER -> "number " + t.text;
      case IDENT, QUOTED_IDENT -> "name '" + t.text + "'";
      case PUNCT -> "'" + t.text + "'";
    };
  }

  private Expr expression() {
    if (++depth > MAX_DEPTH) {
      throw error(peek().start, "expression nests deeper than " + MAX_DEPTH + " levels");
    }
    Expr left = operators();
    while (at("|")) {
      index++;
      Token name = peek();
      if (name.kind != Kind.IDENT) {
        throw error(name.start, "expected a function name after '|' but found " + describe(name));
      }
      index++;
      List<Expr> args = new ArrayList<>();
      args.add(left);
      int end = name.end;
      if (at("(")) {
        end = arguments(args, name.text);
      }
      left = new Expr.Call(name.start, end, name.text, args);
    }
    depth--;
    return left;
  }

  /**
   * Parses the binary operators with an explicit stack of open chains instead of one method per
   * precedence level: a parenthesis then costs four frames of the parser's stack, not eight, so
   * the deepest accepted nesting parses on a small thread stack. A chain {@code operand { op
   * operand }} becomes one node holding all its operands, not a tree one level deeper per
   * operator, so a chain of any length costs no stack to compile or evaluate either.
   */
  private Expr operators() {
    Deque<Pending> open = new ArrayDeque<>();
    Expr current = unary();
    while (true) {
      Token op = peek();
      int level = level(op);
      // operators that bind tighter than this one have all their operands now
      while (!open.isEmpty() && open.peek().level > level) {
        current = open.pop().close(current);
      }
      if (level < 0) {
        return current;
      }
      if (!open.isEmpty() && open.peek().level == level) {
        if (level == COMPARISON) {
          throw error(op.start, "comparisons cannot be chained; use && between them");
        }
        Pending chain = open.peek();
        chain.operands.add(current);
        chain.opOffsets.add(op.start);
      } else {
        open.push(new Pending(level, op.text, current, op.start));
      }
      index++;
      current = unary();
    }
  }

  /** The precedence level of a binary operator token, or -1 for any other token. */
  private static int level(Token t) {
    if (t.kind == Kind.PUNCT) {
      for (int level = 0; level < OPERATORS.size(); level++) {
        if (OPERATORS.get(level).contains(t.text)) {
          return level;
        }
      }
    }
    return -1;
  }

  private Expr unary() {
    if (at("!")) {
      Token bang = peek();
      index++;
      if (++depth > MAX_DEPTH) {
        throw error(bang.start, "expression nests deeper than " + MAX_DEPTH + " levels");
      }
      Expr operand = unary();
      depth--;
      return new Expr.Not(bang.start, operand.end(), operand);
    }
    return primary();
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind) {
      case STRING, NUMBER -> {
        index++;
        return new Expr.Literal(t.start, t.end, t.value);
      }
      case QUOTED_IDENT -> {
        return path();
      }
      case IDENT -> {
        if (peekAt(1).kind == Kind.PUNCT && peekAt(1).text.equals("(")) {
          index++;
          List<Expr> args = new ArrayList<>();
          int end = arguments(args, t.text);
          return new Expr.Call(t.start, end, t.text, args);
        }
        if (peekAt(1).kind == Kind.PUNCT && peekAt(1).text.equals("->")) {
          throw error(t.start, "a lambda (" + t.text + " -> ...) is only allowed as an argument of "
              + "map() or filter()");
        }
        switch (t.text) {
          case "true" -> {
            index++;
            return new Expr.Literal(t.start, t.end, true);
          }
          case "false" -> {
            index++;
            return new Expr.Literal(t.start, t.end, false);
          }
          case "null" -> {
            index++;
            return new Expr.Literal(t.start, t.end, null);
          }
          default -> {
            return path();
          }
        }
      }
      case PUNCT -> {
        if (t.text.equals("(")) {
          index++;
          Expr inner = expression();
          if (!at(")")) {
            // the message only when it is needed: column() scans the line
            throw error(peek().start, "expected ')' to close the '(' at column " + column(t.start)
                + " but found " + describe(peek()));
          }
          index++;
          return inner;
        }
        if (t.text.equals("[")) {
          index++;
          List<Expr> elements = new ArrayList<>();
          if (!at("]")) {
            do {
              elements.add(expression());
            } while (accept(","));
          }
          Token close = expect("]", "to close the list");
          return new Expr.ListLiteral(t.start, close.end, elements);
        }
        throw error(t.start, "expected a value but found " + describe(t));
      }
      default -> throw error(t.start, "expected a value but found " + describe(t));
    }
  }

  private Expr path() {
    Token first = peek();
    List<String> segments = new ArrayList<>();
    int end;
    while (true) {
      Token name = peek();
      if (name.kind != Kind.IDENT && name.kind != Kind.QUOTED_IDENT) {
        throw error(name.start, "expected a name after '.' but found " + describe(name));
      }
      index++;
      segments.add(name.text);
      end = name.end;
      if (!accept(".")) {
        break;
      }
    }
    return new Expr.Path(first.start, end, segments);
  }

  /** Parses {@code ( args )} after a function name; returns the end offset. */
  private int arguments(List<Expr> args, String function) {
    Token open = expect("(", "after " + function);
    if (++depth > MAX_DEPTH) {
      throw error(open.start, "expression nests deeper than " + MAX_DEPTH + " levels");
    }
    if (!at(")")) {
      do {
        Token t = peek();
        if (t.kind == Kind.IDENT && peekAt(1).kind == Kind.PUNCT && peekAt(1).text.equals("->")) {
          index += 2;
          Expr body = expression();
          args.add(new Expr.Lambda(t.start, body.end(), t.text, body));
        } else {
          args.add(expression());
        }
      } while (accept(","));
    }
    Token close = peek();
    if (!at(")")) {
      throw error(close.start, "expected ',' or ')' in the arguments of " + function + "() but found "
          + describe(close));
    }
    index++;
    depth--;
    return close.end;
  }

  private boolean accept(String punct) {
    if (at(punct)) {
      index++;
      return true;
    }
    return false;
  }

  private int column(int offset) {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  }

  private MappingCompileException error(int offset, String problem) {
    return Diagnostics.compileError(attribute, text, offset, problem);
  }
}
