package io.github.albauth.usersync.engine.internal;

/**
 * Makes text from the IdP (subjects, claims, usernames) safe for a log line: no character can
 * break the line, reorder it or hide in it. Stateless and thread-safe.
 */
public final class LogSafe {

  /** Longest text kept; a claim may be long, a log line should not be. */
  private static final int MAX_LENGTH = 1000;

  private LogSafe() {}

  /**
   * Escapes every character outside printable ASCII (controls, bidi and zero-width characters,
   * lookalike letters) as {@code \\uXXXX} and cuts the text at 1000 characters.
   *
   * @param text the text
   * @return the text, safe to log; {@code text} itself when nothing needed escaping
   */
  public static String escape(String text) {
    int n = Math.min(text.length(), MAX_LENGTH);
    int first = 0;
    while (first < n && text.charAt(first) >= 0x20 && text.charAt(first) <= 0x7E) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 16).append(text, 0, first);
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E) {
        out.append(c);
      } else {
        out.append("\\u").append(Character.forDigit(c >> 12, 16))
            .append(Character.forDigit((c >> 8) & 0xF, 16))
            .append(Character.forDigit((c >> 4) & 0xF, 16))
            .append(Character.forDigit(c & 0xF, 16));
      }
    }
    if (text.length() > n) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
