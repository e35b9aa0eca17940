package io.github.albauth.usersync.connectors.onelogin;

import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * OneLogin's integer codes as Jackson parses them: {@code Integer} or {@code Long} (a number beyond
 * a long is no code; a text or a fraction is not an integer).
 */
final class Codes {

  private Codes() {}

  /** {@return the constant whose code the value is, or null when it is no code in the table} */
  static <E> @Nullable E find(E[] table, ToIntFunction<E> code, @Nullable Object value) {
    if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      for (E constant : table) {
        if (code.applyAsInt(constant) == number) {
          return constant;
        }
      }
    }
    return null;
  }
}
