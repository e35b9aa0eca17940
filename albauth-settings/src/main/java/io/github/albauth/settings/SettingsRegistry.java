package io.github.albauth.settings;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code albauth.*} key the albauth modules present declare ({@link SettingsProvider}s),
 * and the one way to read settings: {@link #read(Map)} refuses an unknown key with the nearest
 * valid one ({@code unknown key albauth.required-group; did you mean albauth.required-groups?})
 * and parses every value, so that a typo can never turn a check off silently.
 *
 * <p>Environment variables map onto the same keys ({@link #fromEnvironment(Map)}): {@code
 * ALBAUTH_} and the key in upper snake case.
 *
 * <p>Immutable and thread-safe.
 */
public final class SettingsRegistry {

  /** The prefix of every key: {@code albauth.}. */
  public static final String PREFIX = "albauth.";

  private static final String ENV_PREFIX = "ALBAUTH_";

  private final Map<String, Setting<?>> keys;
  private final List<Setting<?>> families;
  private final Map<Setting<?>, String> modules;
  /** Environment variable to key, for the keys (families are matched by prefix). */
  private final Map<String, String> variables;

  private SettingsRegistry(List<SettingsProvider> providers) {
    Map<String, Setting<?>> byName = new TreeMap<>();
    Map<Setting<?>, String> owners = new HashMap<>();
    List<Setting<?>> prefixes = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    for (SettingsProvider provider : providers) {
      for (Setting<?> setting : provider.settings()) {
        Setting<?> earlier = byName.putIfAbsent(setting.name(), setting);
        if (earlier != null) {
          throw new IllegalStateException("albauth setting " + setting.name() + " is declared by "
              + owners.get(earlier) + " and by " + provider.module() + "; a key has one owner");
        }
        owners.put(setting, provider.module());
        if (setting.isFamily()) {
          prefixes.add(setting);
        } else {
          env.put(Setting.environmentVariable(setting.name()), setting.name());
        }
      }
    }
    // the longest prefix first, so that a nested family wins over its parent
    prefixes.sort(Comparator.comparingInt((Setting<?> s) -> s.name().length()).reversed());
    this.keys = Collections.unmodifiableMap(byName);
    this.families = List.copyOf(prefixes);
    this.modules = Map.copyOf(owners);
    this.variables = Map.copyOf(env);
  }

  /**
   * The registry of the albauth modules visible to this class's class loader (or module layer).
   *
   * @return the registry
   * @throws IllegalStateException when two modules declare the same key
   */
  public static SettingsRegistry discover() {
    return Discovered.REGISTRY;
  }

  /**
   * A registry of these providers only (tests, and hosts that assemble their own).
   *
   * @param providers the providers
   * @return the registry
   * @throws IllegalStateException when two providers declare the same key
   */
  public static SettingsRegistry of(List<? extends SettingsProvider> providers) {
    return new SettingsRegistry(List.copyOf(providers));
  }

  /** {@return every declared key and family, by name} */
  public List<Setting<?>> settings() {
    return List.copyOf(keys.values());
  }

  /**
   * The artifact that declared a setting.
   *
   * @param setting a setting of this registry
   * @return e.g. {@code alb-auth-core}
   */
  public String moduleOf(Setting<?> setting) {
    String module = modules.get(setting);
    if (module == null) {
      throw new IllegalArgumentException(setting.name() + " is not declared in this registry");
    }
    return module;
  }

  /**
   * The declaration of a key.
   *
   * @param key an {@code albauth.*} key, e.g. {@code albauth.mapping.username}
   * @return its setting (a family for a family member), or empty when unknown
   */
  public Optional<Setting<?>> find(String key) {
    Setting<?> exact = keys.get(key);
    if (exact != null && !exact.isFamily()) {
      return Optional.of(exact);
    }
    for (Setting<?> family : families) {
      if (family.declares(key)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  /**
   * Validates and parses settings. Entries whose key does not start with {@code albauth.} are
   * ignored (a map may hold other things); every {@code albauth.*} key must be declared and its
   * value valid.
   *
   * @param settings key to raw value
   * @return the validated settings
   * @throws IllegalArgumentException naming the first unknown key (with the nearest declared one)
   *     or the first bad value (with what is accepted)
   */
  public Settings read(Map<String, String> settings) {
    requireNonNull(settings, "settings");
    Map<String, String> raw = new LinkedHashMap<>();
    Map<String, Object> parsed = new HashMap<>();
    for (Map.Entry<String, String> entry : settings.entrySet()) {
      String key = requireNonNull(entry.getKey(), "key");
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      Setting<?> setting = find(key).orElseThrow(() -> unknownKey(key));
      Object value = setting.parse(key, requireNonNull(entry.getValue(), key));
      raw.put(key, entry.getValue());
      if (!setting.isFamily()) {
        parsed.put(key, value);
      }
    }
    return new Settings(raw, parsed);
  }

  /**
   * Reads settings from a {@link Properties} (its {@code albauth.*} entries).
   *
   * @param properties e.g. {@link System#getProperties()} or a loaded file
   * @return key to raw value, not yet validated: pass it to {@link #read(Map)}
   */
  public static Map<String, String> fromProperties(Properties properties) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        result.put(name, properties.getProperty(name));
      }
    }
    return result;
  }

  /**
   * Maps {@code ALBAUTH_*} environment variables onto keys: {@code ALBAUTH_REQUIRED_GROUPS} is
   * {@code albauth.required-groups}; for a key family the rest is camel-cased ({@code
   * ALBAUTH_MAPPING_DISPLAY_NAME} is {@code albauth.mapping.displayName}). A variable that names no
   * declared key is refused like an unknown key.
   *
   * @param environment e.g. {@link System#getenv()}
   * @return key to raw value, not yet validated: pass it to {@link #read(Map)}
   * @throws IllegalArgumentException naming an {@code ALBAUTH_*} variable that is no key's
   */
  public Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String variable = entry.getKey();
      if (!variable.startsWith(ENV_PREFIX)) {
        continue;
      }
      String key = keyOfVariable(variable);
      if (key == null) {
        String nearest = Suggestions.nearest(variable, variables.keySet());
        throw new IllegalArgumentException("unknown environment variable "
            + Suggestions.printable(variable) + (nearest == null
                ? "; the albauth keys are listed in the README's configuration table"
                : "; did you mean " + nearest + " (" + variables.get(nearest) + ")?"));
      }
      result.put(key, entry.getValue());
    }
    return result;
  }

  private @Nullable String keyOfVariable(String variable) {
    String key = variables.get(variable);
    if (key != null) {
      return key;
    }
    for (Setting<?> family : families) {
      String prefix = Setting.environmentVariable(family.name());
      if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
        String member = family.name() + camelCase(variable.substring(prefix.length()));
        if (family.declares(member)) {
          return member;
        }
      }
    }
    return null;
  }

  private IllegalArgumentException unknownKey(String key) {
    for (Setting<?> family : families) {
      if (key.startsWith(family.name())) {
        return new IllegalArgumentException("invalid key " + Suggestions.printable(key) + ": after "
            + family.name() + " comes a name of letters, digits, _ and -");
      }
    }
    String nearest = nearestKey(key);
    return new IllegalArgumentException("unknown key " + Suggestions.printable(key) + (nearest == null
        ? "; the albauth keys are listed in the README's configuration table"
        : "; did you mean " + nearest + "?"));
  }

  private @Nullable String nearestKey(String key) {
    String nearest = Suggestions.nearest(key, variables.values());
    if (nearest != null) {
      return nearest;
    }
    // a family member whose prefix has the typo: albauth.maping.username
    int dot = key.indexOf('.', PREFIX.length());
    for (Setting<?> family : families) {
      if (dot > 0 && Suggestions.distance(key.substring(0, dot + 1), family.name()) <= 2) {
        return family.name() + key.substring(dot + 1);
      }
    }
    return null;
  }

  private static String camelCase(String upperSnake) {
    StringBuilder out = new StringBuilder(upperSnake.length());
    boolean upperNext = false;
    for (char c : upperSnake.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upperNext = out.length() > 0;
      } else {
        out.append(upperNext ? Character.toUpperCase(c) : c);
        upperNext = false;
      }
    }
    return out.toString();
  }

  /** Lazily discovered once: the providers on the path do not change while the JVM runs. */
  private static final class Discovered {
    static final SettingsRegistry REGISTRY = load();

    private static SettingsRegistry load() {
      Map<String, SettingsProvider> providers = new LinkedHashMap<>();
      // a jar present twice on the class path yields its provider twice: one per class name
      for (SettingsProvider provider
          : ServiceLoader.load(SettingsProvider.class, SettingsRegistry.class.getClassLoader())) {
        providers.putIfAbsent(provider.getClass().getName(), provider);
      }
      return new SettingsRegistry(new ArrayList<>(providers.values()));
    }
  }
}
