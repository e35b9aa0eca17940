package io.github.albauth.usersync.engine.internal;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Builder helpers shared by the public builders. Stateless. */
public final class Options {

  private Options() {}

  /**
   * Returns the value of an option that may be set once.
   *
   * @param current the value set so far, or null
   * @param value the new value
   * @param option the option's name, for the message
   * @throws IllegalStateException when the option was already set
   */
  public static <T> T once(@Nullable T current, T value, String option) {
    Objects.requireNonNull(value, option);
    if (current != null) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
    return value;
  }

  /**
   * Sets a per-key option that may be set once per key.
   *
   * @param options the values set so far, by key
   * @param key the key
   * @param value the new value
   * @param option the option's name, for the message
   * @throws IllegalStateException when the option was already set for this key
   */
  public static <K, V> void onceFor(Map<K, V> options, K key, V value, String option) {
    Objects.requireNonNull(key, option);
    V current = options.get(key);
    options.put(key, once(current, value, option + " for " + key));
  }
}
