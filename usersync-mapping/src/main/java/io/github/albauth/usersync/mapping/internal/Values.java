package io.github.albauth.usersync.mapping.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Type names, presence, equality, conversions and rendering of DSL values. */
final class Values {

  private Values() {}

  /**
   * The value as a list, or null when it is not one. Strings, the most common values, are ruled
   * out first by a cheap exact-class test: on JDK 17 {@code instanceof} an interface that answers
   * no scans the class's secondary supertypes, which costs more than the rest of a simple function.
   */
  static @Nullable List<?> asList(@Nullable Object v) {
    return v instanceof String || !(v instanceof List<?> list) ? null : list;
  }

  /** Whether the value is an object (a map); strings are ruled out cheaply first, as in asList. */
  static boolean isMap(@Nullable Object v) {
    return !(v instanceof String) && v instanceof Map<?, ?>;
  }

  /** Returns "a string", "a list", ... for messages. */
  static String typeName(@Nullable Object v) {
    if (v == null) {
      return "nothing";
    } else if (v instanceof String) {
      return "a string";
    } else if (v instanceof List<?>) {
      return "a list";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof Number) {
      return "a number";
    } else if (v instanceof Map<?, ?>) {
      return "an object";
    }
    return "a " + v.getClass().getSimpleName();
  }

  /** Present: not null, not an empty string, not an empty list. */
  static boolean present(@Nullable Object v) {
    if (v == null) {
      return false;
    } else if (v instanceof String s) {
      return !s.isEmpty();
    } else if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    return true;
  }

  /** Equality: numbers by value, everything else by {@code equals}. */
  static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (integral(x) && integral(y)) {
        return x.longValue() == y.longValue();
      }
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    return a.equals(b);
  }

  private static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    } else if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (integral(n)) {
      return BigDecimal.valueOf(n.longValue());
    }
    double d = n.doubleValue();
    return Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.ZERO;
  }

  /** Adds two numbers: exactly for whole numbers (overflow is an error), else as doubles. */
  static Number add(Number x, Number y) {
    if (integral(x) && integral(y)) {
      return Math.addExact(x.longValue(), y.longValue());
    }
    return decimal(x).add(decimal(y)).doubleValue();
  }

  /** A scalar as text (strings as they are, numbers without a trailing ".0"); null otherwise. */
  static @Nullable String scalarText(@Nullable Object v) {
    if (v instanceof String s) {
      return s;
    } else if (v instanceof Boolean b) {
      return b.toString();
    } else if (v instanceof Number n) {
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
          return Long.toString((long) d);
        }
      } else if (n instanceof BigDecimal bd) {
        return bd.stripTrailingZeros().toPlainString();
      }
      return n.toString();
    }
    return null;
  }

  /** Renders a value for traces and messages, JSON-like, shortened to about 80 characters. */
  static String render(@Nullable Object v) {
    StringBuilder sb = new StringBuilder();
    render(v, sb);
    if (sb.length() > 80) {
      sb.setLength(77);
      sb.append("...");
    }
    return sb.toString();
  }

  private static void render(@Nullable Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append('"');
      for (int i = 0; i < s.length() && sb.length() < 100; i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size() && sb.length() < 100; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        render(list.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (sb.length() >= 100) {
          break;
        }
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append('"').append(e.getKey()).append("\": ");
        render(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      sb.append(scalarText(v));
    }
  }

  /** Converts a final attribute value to the result types; null when the value is unusable. */
  static @Nullable Object toResult(@Nullable Object v, EvalContext ctx, int offset) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof ValueList vl && vl.allStrings()) {
      return vl;
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object e : list) {
        if (e == null) {
          continue;
        }
        String s = scalarText(e);
        if (s == null) {
          throw ctx.error(offset, "the expression yields a list containing " + typeName(e)
              + "; pick a field with map(), e.g. map(x, v -> v.name)");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw ctx.error(offset, "the expression yields " + typeName(v)
        + "; pick a field with a path such as profile.login");
  }
}
