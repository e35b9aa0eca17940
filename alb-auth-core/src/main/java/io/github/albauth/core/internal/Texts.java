package io.github.albauth.core.internal;

import org.jspecify.annotations.Nullable;

/** Small text helpers for messages and validation. Stateless and thread-safe. */
public final class Texts {
  /** Longest value quoted verbatim in a message. */
  private static final int MAX_QUOTED = 200;

  private Texts() {}

  /**
   * Quotes an untrusted value for a message or log line: control and non-ASCII characters are
   * escaped (no log injection), long values are cut.
   *
   * @param value the value
   * @return the value in double quotes, safe to log
   */
  public static String quote(String value) {
    return '"' + escape(value, true) + '"';
  }

  /**
   * Escapes a text for a message or log line without quoting it: CR, LF and every other control
   * character, bidi controls and all other non-ASCII characters become <code>&#92;uXXXX</code>; long texts
   * are cut.
   *
   * @param value the text
   * @return the text, safe to log
   */
  public static String escape(String value) {
    return escape(value, false);
  }

  private static String escape(String value, boolean quoted) {
    int n = Math.min(value.length(), MAX_QUOTED);
    StringBuilder sb = new StringBuilder(n + 8);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || (quoted && (c == '"' || c == '\\'))) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > MAX_QUOTED) {
      sb.append("...(").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Returns the canonical form of a valid key id: lower case, as AWS publishes keys and as a UUID
   * is written canonically (RFC 9562); the same instance when it is already canonical.
   *
   * @param kid a key id for which {@link #isValidKeyId} holds
   * @return the key id in lower case
   */
  public static String canonicalKeyId(String kid) {
    for (int i = 0; i < kid.length(); i++) {
      char c = kid.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return kid.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return kid;
  }

  /**
   * Tells whether a key id has the shape of a real ALB key id (a UUID).
   *
   * @param kid the key id
   * @return true if it is a UUID
   */
  public static boolean isValidKeyId(String kid) {
    // [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}, checked by hand:
    // this runs for every token, and a regex match costs more than the rest of the key lookup
    if (kid.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = kid.charAt(i);
      boolean ok = (i == 8 || i == 13 || i == 18 || i == 23)
          ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Describes a failure for a message: its message, or its class name when it has none (a refused
   * connection's {@code ConnectException} has none), so that a message never ends in "null".
   *
   * @param failure the failure, or null
   * @return a short description, never null or empty
   */
  public static String describe(@Nullable Throwable failure) {
    if (failure == null) {
      return "unknown failure";
    }
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : message;
  }
}
