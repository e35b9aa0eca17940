package io.github.albauth.usersync.connectors.onelogin;

import org.jspecify.annotations.Nullable;

/**
 * OneLogin's integer codes as Jackson parses them: {@code Integer} or {@code Long} (a number beyond
 * a long is no code; a text or a fraction is not an integer).
 */
final class Codes {

  private Codes() {}

  static boolean is(@Nullable Object value, int code) {
    return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == code;
  }
}
