package io.github.albauth.core.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builder preconditions shared by the public builders. Stateless and thread-safe. */
public final class Checks {
  /** Largest clock skew a builder accepts. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private Checks() {}

  /**
   * Throws {@link IllegalStateException} with the message unless {@code ok}.
   *
   * @param ok the condition
   * @param message what to fix
   */
  public static void state(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} with the message unless {@code ok}: a bad value given
   * to a builder.
   *
   * @param ok the condition
   * @param message what is wrong with the value
   */
  public static void argument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Returns {@code value}, or throws {@link IllegalStateException} with the message if it is null.
   *
   * @param value a value the builder needs
   * @param message what to fix
   * @param <T> the value's type
   * @return {@code value}, never null
   */
  public static <T> T required(@Nullable T value, String message) {
    if (value == null) {
      throw new IllegalStateException(message);
    }
    return value;
  }

  /**
   * Validates a clock skew.
   *
   * @param skew the skew
   * @return the skew, between zero and {@link #MAX_CLOCK_SKEW}
   */
  public static Duration clockSkew(Duration skew) {
    requireNonNull(skew, "skew");
    argument(!skew.isNegative() && skew.compareTo(MAX_CLOCK_SKEW) <= 0,
        "clock skew must be between PT0S and PT5M but was " + skew);
    return skew;
  }

  /**
   * Validates a positive duration.
   *
   * @param value the duration
   * @param what its name, for the message
   * @return the duration
   */
  public static Duration positive(Duration value, String what) {
    requireNonNull(value, what);
    argument(!value.isNegative() && !value.isZero(), what + " must be positive but was " + value);
    return value;
  }
}
