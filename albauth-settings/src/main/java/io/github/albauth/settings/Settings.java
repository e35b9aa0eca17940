package io.github.albauth.settings;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A validated set of {@code albauth.*} settings: every key is declared in the {@link
 * SettingsRegistry} it was read with and every value parsed. Made by {@link
 * SettingsRegistry#read(Map)}; builders take it apart with {@link #get(Setting)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Settings {

  private static final Settings EMPTY = new Settings(Map.of(), Map.of());

  private final Map<String, String> raw;
  private final Map<String, Object> parsed;

  Settings(Map<String, String> raw, Map<String, Object> parsed) {
    this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    this.parsed = Map.copyOf(parsed);
  }

  /** {@return no settings} */
  public static Settings empty() {
    return EMPTY;
  }

  /**
   * The parsed value of a key, if it was given.
   *
   * @param setting the key's declaration
   * @param <T> its type
   * @return the value, or empty when the key was not given
   */
  @SuppressWarnings("unchecked") // read() stored setting.parse(...)'s result under its name
  public <T> Optional<T> get(Setting<T> setting) {
    requireNonNull(setting, "setting");
    return Optional.ofNullable((T) parsed.get(setting.name()));
  }

  /**
   * The members of a key family given, e.g. {@code username → "email"} for {@code
   * albauth.mapping.username=email}.
   *
   * @param family the family's declaration
   * @return member name to value, in the order given
   */
  public Map<String, String> family(Setting<String> family) {
    if (!family.isFamily()) {
      throw new IllegalArgumentException(family.name() + " is not a key family");
    }
    Map<String, String> members = new LinkedHashMap<>();
    raw.forEach((key, value) -> {
      if (family.declares(key)) {
        members.put(key.substring(family.name().length()), value.strip());
      }
    });
    return Collections.unmodifiableMap(members);
  }

  /**
   * Whether a key was given.
   *
   * @param setting the key's declaration (for a family: any member)
   * @return whether it was given
   */
  public boolean contains(Setting<?> setting) {
    return setting.isFamily() ? !family(castFamily(setting)).isEmpty() : raw.containsKey(setting.name());
  }

  /** {@return the settings as given: key to raw value, in the order given} */
  public Map<String, String> asMap() {
    return raw;
  }

  /** {@return whether no key was given} */
  public boolean isEmpty() {
    return raw.isEmpty();
  }

  @SuppressWarnings("unchecked") // families are Setting<String> by construction
  private static Setting<String> castFamily(Setting<?> setting) {
    return (Setting<String>) setting;
  }

  /** These settings and another batch's parsed values, with {@code raw} already merged. */
  Settings combine(Settings other, Map<String, String> mergedRaw) {
    Map<String, Object> values = new java.util.HashMap<>(parsed);
    other.parsed.forEach(values::putIfAbsent);
    return new Settings(mergedRaw, values);
  }

  @Override
  public String toString() {
    return "Settings" + raw.keySet();
  }
}
