package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Values of keys whose declarations are another module's internals, looked up by name. */
public final class Keys {

  private Keys() {}

  /**
   * A list key's value.
   *
   * @param settings the settings
   * @param key a key the registry declares as a list
   * @return its items, none when not given
   */
  @SuppressWarnings("unchecked") // the declaring module made it a Setting<List<String>>
  public static List<String> list(Settings settings, String key) {
    return declared(key).flatMap(s -> settings.get((Setting<List<String>>) s)).orElse(List.of());
  }

  /**
   * A text key's value.
   *
   * @param settings the settings
   * @param key a key the registry declares as text
   * @return its value, if given
   */
  @SuppressWarnings("unchecked") // the declaring module made it a Setting<String>
  public static Optional<String> text(Settings settings, String key) {
    return declared(key).flatMap(s -> settings.get((Setting<String>) s));
  }

  /**
   * A duration key's value.
   *
   * @param settings the settings
   * @param key a key the registry declares as a duration
   * @return its value, if given
   */
  @SuppressWarnings("unchecked") // the declaring module made it a Setting<Duration>
  public static Optional<Duration> duration(Settings settings, String key) {
    return declared(key).flatMap(s -> settings.get((Setting<Duration>) s));
  }

  private static Optional<Setting<?>> declared(String key) {
    Optional<Setting<?>> setting = SettingsRegistry.discover().find(key);
    if (setting.isEmpty()) {
      throw new IllegalStateException(key + " is not declared: is its module on the class path?");
    }
    return setting;
  }
}
