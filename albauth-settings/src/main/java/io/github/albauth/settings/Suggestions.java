package io.github.albauth.settings;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Nearest-name suggestions and printable echoes of what a user typed. Stateless. */
final class Suggestions {

  private static final int MAX_ECHO = 100;

  private Suggestions() {}

  /**
   * The candidate closest to {@code typed} by edit distance (insertions, deletions, substitutions
   * and swaps of neighbours), if it is close enough to be a typo: at most a third of its length.
   */
  static @Nullable String nearest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * What a user typed, safe to put in a message or log line: control, bidi and other invisible
   * characters as backslash-u escapes, at most 100 characters.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO) + 8);
    for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || type == Character.FORMAT
          || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return text.length() > MAX_ECHO ? out + "…" : out.toString();
  }
}
