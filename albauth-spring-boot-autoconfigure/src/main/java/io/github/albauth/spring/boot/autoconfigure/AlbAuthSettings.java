package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every {@code albauth.*} setting of the Spring environment, validated by the settings registry:
 * the one bean albauth's auto-configurations (and an application's own beans) build albauth's
 * components from, e.g. {@code AlbTokenVerifier.builder().configure(settings.asMap())}.
 *
 * <p>The keys are the registry's, whatever spelling the application used: {@code
 * albauth.expected-signers}, {@code albauth.expectedSigners}, {@code ALBAUTH_EXPECTED_SIGNERS} and
 * the YAML sequence {@code albauth.expected-signers: [...]} all arrive as {@code
 * albauth.expected-signers}; {@code albauth.mapping.display-name} and {@code
 * ALBAUTH_MAPPING_DISPLAY_NAME} as {@code albauth.mapping.displayName}. An unknown key or a bad
 * value fails startup with the registry's message (nearest valid key, what is accepted) and the
 * property source it came from.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbAuthSettings {

  private final Settings settings;

  /**
   * Wraps validated settings (the auto-configuration makes this bean; tests may make their own).
   *
   * @param settings settings read by the registry
   */
  public AlbAuthSettings(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** {@return the validated settings, to take apart with {@link Settings#get}} */
  public Settings settings() {
    return settings;
  }

  /**
   * {@return canonical key to value as given, for the builders' {@code configure(Map)}}
   */
  public Map<String, String> asMap() {
    return settings.asMap();
  }

  /**
   * The parsed value of a key, if given.
   *
   * @param setting the key's declaration
   * @param <T> its type
   * @return the value, or empty when the key was not given
   */
  public <T> Optional<T> get(Setting<T> setting) {
    return settings.get(setting);
  }

  @Override
  public String toString() {
    // the keys only: values may be secrets
    return "AlbAuthSettings" + settings.asMap().keySet();
  }
}
