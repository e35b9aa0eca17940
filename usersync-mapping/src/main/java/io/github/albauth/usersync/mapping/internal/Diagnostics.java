package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.mapping.MappingCompileException;
import io.github.albauth.usersync.mapping.MappingException;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Builds the messages of compile and evaluation errors: position, problem, line, caret. */
public final class Diagnostics {

  /** How many characters of the line to show on each side of the caret. */
  private static final int WINDOW = 60;

  private Diagnostics() {}

  /**
   * Formats a message: {@code attribute 'a', line L, column C: problem}, then the offending line of
   * the expression and a caret under the offset.
   */
  public static String format(
      @Nullable String attribute, String text, int offset, String problem) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int lineStart = text.lastIndexOf('\n', clamped - 1) + 1;
    int lineEnd = text.indexOf('\n', clamped);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    int line = lineNumber(text, clamped);
    int column = clamped - lineStart + 1;
    int from = Math.max(lineStart, clamped - WINDOW);
    int to = Math.min(lineEnd, clamped + WINDOW);
    String prefix = from > lineStart ? "..." : "";
    String suffix = to < lineEnd ? "..." : "";
    StringBuilder caret = new StringBuilder(prefix.isEmpty() ? "" : "   ");
    for (int i = from; i < clamped; i++) {
      caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    caret.append('^');
    String where =
        (attribute == null ? "" : "attribute '" + attribute + "', ")
            + "line " + line + ", column " + column;
    return where + ": " + problem + "\n" + prefix + text.substring(from, to) + suffix + "\n"
        + caret;
  }

  /** Returns the 1-based line of an offset. */
  static int lineNumber(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Creates a compile error at an offset of the expression text. */
  public static MappingCompileException compileError(
      @Nullable String attribute, String text, int offset, String problem) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int lineStart = text.lastIndexOf('\n', clamped - 1) + 1;
    return new MappingCompileException(
        attribute,
        format(attribute, text, clamped, problem),
        lineNumber(text, clamped),
        clamped - lineStart + 1,
        text);
  }

  /** Creates an evaluation-time error at an offset of the expression text. */
  static MappingException evaluationError(
      MappingException.Reason reason, @Nullable String attribute, String text, int offset,
      String problem) {
    return new MappingException(reason, attribute, format(attribute, text, offset, problem));
  }

  /**
   * Returns the candidate closest to {@code name} by edit distance (case-insensitive), or {@code
   * null} when none is close enough to be a plausible typo.
   */
  static @Nullable String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT),
          candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, name.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
