package io.github.albauth.core.internal;

import java.util.regex.Pattern;

/** Small text helpers for messages and validation. Stateless and thread-safe. */
public final class Texts {
  /** Longest value quoted verbatim in a message. */
  private static final int MAX_QUOTED = 200;

  /** A real ALB key id is a UUID; nothing else gets near a URL. */
  private static final Pattern KEY_ID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Texts() {}

  /**
   * Quotes an untrusted value for a message or log line: control and non-ASCII characters are
   * escaped (no log injection), long values are cut.
   *
   * @param value the value
   * @return the value in double quotes, safe to log
   */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
    int n = Math.min(value.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > MAX_QUOTED) {
      sb.append("...(").append(value.length()).append(" chars)");
    }
    return sb.append('"').toString();
  }

  /**
   * Tells whether a key id has the shape of a real ALB key id (a UUID).
   *
   * @param kid the key id
   * @return true if it is a UUID
   */
  public static boolean isValidKeyId(String kid) {
    return kid.length() == 36 && KEY_ID.matcher(kid).matches();
  }
}
