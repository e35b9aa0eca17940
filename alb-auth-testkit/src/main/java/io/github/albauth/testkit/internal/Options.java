package io.github.albauth.testkit.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Helpers for builders whose options may be set once. */
public final class Options {

  private Options() {}

  /**
   * Returns {@code value} for an option that is still unset.
   *
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalStateException when the option was already set
   */
  public static <T> T once(String option, @Nullable T current, T value) {
    Objects.requireNonNull(value, option);
    if (current != null) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
    return value;
  }
}
