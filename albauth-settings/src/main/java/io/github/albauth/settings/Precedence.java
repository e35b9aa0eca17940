package io.github.albauth.settings;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one precedence rule of albauth's builders, for options that can be given both in code (a
 * builder method) and in configuration (an {@code albauth.*} key):
 *
 * <ul>
 *   <li>either source may give an option; when both give it, the values must be equal, or {@code
 *       build()} fails with an {@link IllegalStateException} that names both values — never a
 *       silent merge or override;
 *   <li>a builder method called twice for a single-valued option fails at once with an {@link
 *       IllegalStateException} ("already set");
 *   <li>a component given in code (a verifier, a mapper) replaces the keys that would build it, and
 *       those keys given as well fail {@code build()} ({@link #refuseIgnored}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Precedence {

  private Precedence() {}

  /**
   * Sets a single-valued option in code, once.
   *
   * @param option what the option is, for the message, e.g. {@code "clock skew"}
   * @param current the value set so far, or null
   * @param value the new value
   * @param <T> the option's type
   * @return {@code value}
   * @throws IllegalStateException when the option was already set
   */
  public static <T> T setOnce(String option, @Nullable T current, T value) {
    requireNonNull(value, option);
    if (current != null) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
    return value;
  }

  /**
   * Resolves an option from what code and configuration gave.
   *
   * @param option what the option is, e.g. {@code "expected signers"}
   * @param inCode the value given in code, or null
   * @param setting the option's key
   * @param configuration the configuration
   * @param <T> the option's type
   * @return the value given (by either or both), or null when neither gave one
   * @throws IllegalStateException when both gave it with different values
   */
  public static <T> @Nullable T resolve(String option, @Nullable T inCode, Setting<T> setting,
      Settings configuration) {
    T configured = configuration.get(setting).orElse(null);
    if (inCode != null && configured != null && !inCode.equals(configured)) {
      throw new IllegalStateException(option + " is set twice, in code to " + inCode + " and by "
          + setting.name() + " to " + configured + "; remove one of them");
    }
    return inCode != null ? inCode : configured;
  }

  /**
   * Fails when configuration gives keys that a component given in code makes meaningless.
   *
   * @param component what was given in code, e.g. {@code "verifier(...)"}
   * @param configuration the configuration
   * @param ignored the keys the component replaces
   * @throws IllegalStateException naming the first such key that is present
   */
  public static void refuseIgnored(String component, Settings configuration, Setting<?>... ignored) {
    for (Setting<?> setting : ignored) {
      if (configuration.contains(setting)) {
        throw new IllegalStateException(component + " was given in code, so " + setting.name()
            + " would be ignored; remove the setting or configure " + component + " instead");
      }
    }
  }

  /**
   * Combines two batches of configuration given to one builder (e.g. {@code configure} called
   * twice): the same key with two different values is a conflict.
   *
   * @param first the earlier settings
   * @param second the later settings
   * @return both
   * @throws IllegalStateException when a key has different values in the two
   */
  public static Settings merge(Settings first, Settings second) {
    if (first.isEmpty()) {
      return second;
    }
    Map<String, String> raw = new LinkedHashMap<>(first.asMap());
    second.asMap().forEach((key, value) -> {
      String earlier = raw.putIfAbsent(key, value);
      if (earlier != null && !earlier.strip().equals(value.strip())) {
        throw new IllegalStateException(key + " is configured twice, as " + Setting.quote(earlier)
            + " and as " + Setting.quote(value) + "; remove one of them");
      }
    });
    return first.combine(second, raw);
  }
}
