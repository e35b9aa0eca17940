package io.github.albauth.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict RFC 8259 JSON parser for token segments. Unlike lenient parsers it rejects duplicate
 * object keys at every depth (two parsers reading one token must never disagree on a claim),
 * nesting deeper than {@link #MAX_DEPTH}, trailing content, and anything outside the grammar.
 * Objects become unmodifiable insertion-ordered maps, arrays unmodifiable lists, integral numbers
 * that fit a {@code long} become {@link Long}, every other number a {@link Double}.
 *
 * <p>Stateless and thread-safe (each call uses its own cursor).
 */
public final class StrictJson {
  /** Deepest nesting of objects and arrays accepted. */
  public static final int MAX_DEPTH = 32;

  private final String text;
  private int pos;

  private StrictJson(String text) {
    this.text = text;
  }

  /**
   * Parses a JSON object.
   *
   * @param text the JSON text
   * @return the object's members, unmodifiable
   * @throws IllegalArgumentException with a short description if the text is not a strict JSON object
   */
  public static Map<String, @Nullable Object> parseObject(String text) {
    StrictJson parser = new StrictJson(text);
    parser.skipWhitespace();
    if (parser.peek() != '{') {
      throw new IllegalArgumentException("not a json object");
    }
    Map<String, @Nullable Object> value = parser.readObject(1);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("trailing content");
    }
    return value;
  }

  private @Nullable Object readValue(int depth) {
    skipWhitespace();
    char c = peek();
    return switch (c) {
      case '{' -> readObject(depth + 1);
      case '[' -> readArray(depth + 1);
      case '"' -> readString();
      case 't' -> {
        expectLiteral("true");
        yield true;
      }
      case 'f' -> {
        expectLiteral("false");
        yield false;
      }
      case 'n' -> {
        expectLiteral("null");
        yield null;
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character");
      }
    };
  }

  private Map<String, @Nullable Object> readObject(int depth) {
    checkDepth(depth);
    pos++; // '{'
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String key = readString();
      skipWhitespace();
      if (peek() != ':') {
        throw error("expected ':'");
      }
      pos++;
      Object value = readValue(depth);
      if (map.containsKey(key)) {
        throw error("duplicate key");
      }
      map.put(key, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(map);
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<@Nullable Object> readArray(int depth) {
    checkDepth(depth);
    pos++; // '['
    List<@Nullable Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      list.add(readValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(list);
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    pos++; // opening quote
    int start = pos;
    // Fast path: no escapes.
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder(text.length() - start);
    sb.append(text, start, pos);
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated unicode escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
              throw error("bad unicode escape");
            }
            code = code * 16 + digit;
          }
          sb.append((char) code);
        }
        default -> throw error("bad escape");
      }
    }
    throw error("unterminated string");
  }

  private Object readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    char first = peek();
    if (first == '0') {
      pos++;
    } else if (first >= '1' && first <= '9') {
      skipDigits();
    } else {
      throw error("bad number");
    }
    boolean integral = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      integral = false;
      pos++;
      requireDigit();
      skipDigits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      requireDigit();
      skipDigits();
    }
    String number = text.substring(start, pos);
    if (integral && pos - start <= 19) {
      try {
        return Long.parseLong(number);
      } catch (NumberFormatException overflow) {
        // falls through to double, like other JSON parsers do for huge integers
      }
    }
    double d = Double.parseDouble(number);
    if (Double.isInfinite(d)) {
      throw error("number out of range");
    }
    return d;
  }

  private void requireDigit() {
    char c = peek();
    if (c < '0' || c > '9') {
      throw error("bad number");
    }
  }

  private void skipDigits() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c < '0' || c > '9') {
        return;
      }
      pos++;
    }
  }

  private void expectLiteral(String literal) {
    if (!text.startsWith(literal, pos)) {
      throw error("unexpected character");
    }
    pos += literal.length();
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos);
  }
}
