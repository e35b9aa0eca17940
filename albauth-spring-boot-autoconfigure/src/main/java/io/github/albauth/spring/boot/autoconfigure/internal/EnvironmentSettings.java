package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads the {@code albauth.*} settings of a Spring environment into the registry's canonical keys,
 * so that the registry validates them as it does everywhere else.
 *
 * <p>Spring's relaxed binding cannot be used as is: it turns {@code ALBAUTH_EXPECTED_SIGNERS}
 * into {@code albauth.expected.signers}, which no key is, and keeps map keys as written. Instead,
 * per property source (highest precedence first, the first source that gives a key wins, as in
 * Spring):
 *
 * <ul>
 *   <li>{@code ALBAUTH_*} environment variables are mapped by {@link
 *       SettingsRegistry#fromEnvironment} ({@code ALBAUTH_MAPPING_DISPLAY_NAME} is {@code
 *       albauth.mapping.displayName}; a variable that is no key's is refused with the nearest);
 *   <li>other names match a key in any of Spring's relaxed spellings ({@code expected-signers},
 *       {@code expectedSigners}, {@code expected_signers}, any case); a key-family member written
 *       in kebab case becomes camel case ({@code albauth.mapping.display-name} is {@code
 *       albauth.mapping.displayName}), in brackets it is kept verbatim;
 *   <li>a list key may be given as an indexed list ({@code albauth.expected-signers[0]}, a YAML
 *       sequence) and a pairs key as a map ({@code albauth.role-mapping.Admins=admin});
 *   <li>a name that matches nothing is passed on as written, so the registry refuses it with the
 *       nearest valid key; every failure names the property source.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class EnvironmentSettings {

  private static final String ENVIRONMENT_PREFIX = "ALBAUTH_";

  private final SettingsRegistry registry;
  /** The keys (not families), each as its relaxed elements. */
  private final Map<Setting<?>, List<String>> keys = new LinkedHashMap<>();
  /** The families, each as the relaxed elements of its prefix. */
  private final Map<Setting<?>, List<String>> families = new LinkedHashMap<>();

  /**
   * A reader for the keys of a registry.
   *
   * @param registry the registry that declares the keys and validates the values
   */
  public EnvironmentSettings(SettingsRegistry registry) {
    this.registry = registry;
    for (Setting<?> setting : registry.settings()) {
      String name = setting.name();
      if (setting.isFamily()) {
        families.put(setting, relaxed(elements(name.substring(0, name.length() - 1))));
      } else {
        keys.put(setting, relaxed(elements(name)));
      }
    }
  }

  /**
   * Reads and validates every {@code albauth.*} setting of an environment.
   *
   * @param environment the application's environment
   * @return the validated settings under their canonical keys
   * @throws IllegalArgumentException for an unknown key or a bad value, naming the property source
   * @throws IllegalStateException when one property source gives a key twice with different values
   */
  public Settings read(ConfigurableEnvironment environment) {
    Map<String, String> merged = new TreeMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> enumerable) {
        read(enumerable, environment).forEach(merged::putIfAbsent);
      }
    }
    return registry.read(merged);
  }

  private Map<String, String> read(EnumerablePropertySource<?> source,
      ConfigurableEnvironment environment) {
    SourceEntries entries = new SourceEntries(source.getName());
    Map<String, String> variables = new TreeMap<>();
    try {
      for (String name : source.getPropertyNames()) {
        if (source instanceof SystemEnvironmentPropertySource && name.startsWith(ENVIRONMENT_PREFIX)) {
          variables.put(name, text(source, name, environment));
        } else if (name.regionMatches(true, 0, SettingsRegistry.PREFIX, 0,
            SettingsRegistry.PREFIX.length())) {
          entries.add(match(name), name, text(source, name, environment));
        }
      }
      registry.fromEnvironment(variables).forEach((key, value) ->
          entries.add(new Match(key, Form.VALUE, ""), variableOf(key, variables), value));
      Map<String, String> settings = entries.settings();
      registry.read(settings);
      return settings;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (property source '" + source.getName()
          + "')", e);
    }
  }

  /** The variable that gave a key, for messages. */
  private static String variableOf(String key, Map<String, String> variables) {
    String variable = Setting.environmentVariable(key);
    return variables.containsKey(variable) ? variable : key;
  }

  private static String text(EnumerablePropertySource<?> source, String name,
      ConfigurableEnvironment environment) {
    Object value = source.getProperty(name);
    if (value == null) {
      return "";
    }
    if (value instanceof CharSequence text) {
      return environment.resolvePlaceholders(text.toString());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw new IllegalArgumentException(name + ": a " + value.getClass().getSimpleName()
        + " is not a value albauth reads; give text");
  }

  /** How a property name gives a key's value. */
  enum Form {
    /** The whole value. */
    VALUE,
    /** One item of a list key ({@code key[0]}). */
    ITEM,
    /** One pair of a pairs key ({@code key.name} or {@code key[name]}). */
    PAIR
  }

  /** A property name matched to a key: the key, how, and the index or pair name. */
  record Match(String key, Form form, String part) {}

  /**
   * Matches a property name (starting with {@code albauth.} in any case) to a key.
   *
   * @param name the property name as written
   * @return the match; an unknown name matches itself, for the registry to refuse
   */
  Match match(String name) {
    List<String> elements = elements(name);
    List<String> relaxed = relaxed(elements);
    for (Map.Entry<Setting<?>, List<String>> key : keys.entrySet()) {
      if (relaxed.equals(key.getValue())) {
        return new Match(key.getKey().name(), Form.VALUE, "");
      }
    }
    if (elements.size() < 2) {
      return new Match(name, Form.VALUE, "");
    }
    List<String> parent = relaxed.subList(0, relaxed.size() - 1);
    String last = elements.get(elements.size() - 1);
    boolean bracketed = last.startsWith("[");
    String part = bracketed ? last.substring(1, last.length() - 1) : last;
    for (Map.Entry<Setting<?>, List<String>> key : keys.entrySet()) {
      if (parent.equals(key.getValue())) {
        SettingKind kind = SettingKind.of(key.getKey());
        if (kind == SettingKind.LIST && bracketed && part.matches("\\d{1,9}")) {
          return new Match(key.getKey().name(), Form.ITEM, part);
        }
        if (kind == SettingKind.PAIRS) {
          return new Match(key.getKey().name(), Form.PAIR, part);
        }
      }
    }
    for (Map.Entry<Setting<?>, List<String>> family : families.entrySet()) {
      if (parent.equals(family.getValue())) {
        return new Match(family.getKey().name() + (bracketed ? part : camelCase(part)), Form.VALUE,
            "");
      }
    }
    return new Match(name, Form.VALUE, "");
  }

  /** A name's elements: the dot-separated words, and each {@code [bracketed]} part verbatim. */
  static List<String> elements(String name) {
    List<String> elements = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '[') {
        int close = name.indexOf(']', i);
        if (close < 0) {
          word.append(name, i, name.length());
          break;
        }
        addWord(elements, word);
        elements.add(name.substring(i, close + 1));
        i = close;
      } else if (c == '.') {
        addWord(elements, word);
      } else {
        word.append(c);
      }
    }
    addWord(elements, word);
    return elements;
  }

  private static void addWord(List<String> elements, StringBuilder word) {
    if (word.length() > 0) {
      elements.add(word.toString());
      word.setLength(0);
    }
  }

  /** Spring's relaxed form of each element: lower case without dashes and underscores. */
  private static List<String> relaxed(List<String> elements) {
    return elements.stream()
        .map(e -> e.startsWith("[") ? e
            : e.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""))
        .toList();
  }

  /** Kebab case to camel case, as the mapping names attributes: {@code display-name}. */
  private static String camelCase(String kebab) {
    StringBuilder out = new StringBuilder(kebab.length());
    boolean upperNext = false;
    for (int i = 0; i < kebab.length(); i++) {
      char c = kebab.charAt(i);
      if (c == '-' && out.length() > 0) {
        upperNext = true;
      } else {
        out.append(upperNext ? Character.toUpperCase(c) : c);
        upperNext = false;
      }
    }
    return out.toString();
  }

  /** The entries of one property source, assembled per key. Not thread-safe. */
  private static final class SourceEntries {
    private final String source;
    private final Map<String, String> values = new LinkedHashMap<>();
    /** Key to the property name that gave its whole value, for messages. */
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, String>> items = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> pairs = new LinkedHashMap<>();

    SourceEntries(String source) {
      this.source = source;
    }

    void add(Match match, String name, String value) {
      String key = match.key();
      switch (match.form()) {
        case VALUE -> {
          String earlier = values.putIfAbsent(key, value);
          if (earlier != null && !earlier.strip().equals(value.strip())) {
            throw new IllegalStateException(key + " is given twice in property source '" + source
                + "', as " + names.get(key) + " and as " + name + ", with different values;"
                + " remove one of them");
          }
          names.putIfAbsent(key, name);
        }
        case ITEM -> items.computeIfAbsent(key, k -> new TreeMap<>())
            .put(Integer.parseInt(match.part()), single(name, value, "item"));
        case PAIR -> {
          String pairName = single(name, match.part(), "name");
          if (pairName.contains("=")) {
            throw new IllegalArgumentException(name + ": a pair's name cannot contain '='");
          }
          pairs.computeIfAbsent(key, k -> new LinkedHashMap<>())
              .put(pairName, single(name, value, "value"));
        }
      }
    }

    /** A list item or pair part: a comma would split it in two when the parts are joined. */
    private static String single(String name, String value, String what) {
      if (value.contains(",")) {
        throw new IllegalArgumentException(name + ": the " + what + " \"" + value
            + "\" contains a comma; give one " + what + " per entry");
      }
      return value;
    }

    Map<String, String> settings() {
      Map<String, String> settings = new LinkedHashMap<>(values);
      items.forEach((key, list) -> put(settings, key, String.join(", ", list.values()), "list"));
      pairs.forEach((key, map) -> {
        List<String> joined = new ArrayList<>();
        map.forEach((name, value) -> joined.add(name + "=" + value));
        put(settings, key, String.join(", ", joined), "map");
      });
      return settings;
    }

    private void put(Map<String, String> settings, String key, String value, String form) {
      @Nullable String name = names.get(key);
      if (name != null) {
        throw new IllegalStateException(key + " is given twice in property source '" + source
            + "', as " + name + " and as a " + form + "; use one form");
      }
      settings.put(key, value);
    }
  }
}
