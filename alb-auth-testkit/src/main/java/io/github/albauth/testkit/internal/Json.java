package io.github.albauth.testkit.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON writer for {@code null}, {@link String}, {@link Number}, {@link Boolean},
 * {@link Collection} (and arrays) and {@link Map} with string keys. Map iteration order is kept, so
 * a {@link java.util.LinkedHashMap} gives exact control over member order. Stateless and
 * thread-safe.
 */
public final class Json {

  private Json() {}

  /**
   * Writes {@code value} as compact JSON (no whitespace).
   *
   * @throws IllegalArgumentException for a value of another type, a non-string map key, or a
   *     non-finite floating-point number
   */
  public static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence) {
      string(value.toString(), out);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Number number) {
      number(number, out);
    } else if (value instanceof Map) {
      object((Map<?, ?>) value, out);
    } else if (value instanceof Collection) {
      array(((Collection<?>) value).toArray(), out);
    } else if (value.getClass().isArray()) {
      Object[] elements = new Object[Array.getLength(value)];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = Array.get(value, i);
      }
      array(elements, out);
    } else {
      throw new IllegalArgumentException(
          "unsupported json value type: " + value.getClass().getName()
              + "; use String, Number, Boolean, List, Map or null");
    }
  }

  private static void number(Number number, StringBuilder out) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("json has no representation for " + d);
      }
      out.append(number);
    } else if (number instanceof Integer || number instanceof Long || number instanceof Short
        || number instanceof Byte || number instanceof BigInteger) {
      out.append(number);
    } else if (number instanceof BigDecimal decimal) {
      out.append(decimal.toString());
    } else {
      // AtomicLong, LongAdder, ...: their toString is a plain decimal number too
      BigDecimal decimal = new BigDecimal(number.toString());
      out.append(decimal);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException("json object keys must be strings, not: " + entry.getKey());
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      string((String) entry.getKey(), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void array(@Nullable Object[] elements, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      write(elements[i], out);
    }
    out.append(']');
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A surrogate that is not half of a valid pair would not survive UTF-8 encoding: escape it. */
  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
