package io.github.albauth.usersync.mapping;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.internal.FunctionTable;
import io.github.albauth.usersync.mapping.internal.Json;
import io.github.albauth.usersync.mapping.internal.MappingSettings;
import io.github.albauth.usersync.mapping.internal.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A compiled mapping document: for each local attribute ({@code username}, {@code email}, {@code
 * displayName}, {@code groups}, {@code active}, any custom one), an expression of the mapping DSL
 * that computes it from the source's attributes. Expressions are parsed and checked once, when the
 * mapping is built; {@link #map} only evaluates.
 *
 * <pre>{@code
 * AttributeMapping mapping = AttributeMapping.builder()
 *     .defaults("entra", IdpPreset.ENTRA.claimMappings()) // alb-auth-core's table of IdP presets
 *     .map("username", "upn | before(\"@\") | lower")
 *     .map("groups", "append(filter(groups, g -> startsWith(g, \"jira-\")), \"jira-software-users\")")
 *     .build();
 * MappingResult result = mapping.map(AttributeSource.of(claims));
 * }</pre>
 *
 * <p>Immutable and thread-safe: build once, share, call {@link #map} from any thread.
 */
public final class AttributeMapping implements UserAttributeMapper {

  /** Prefix of the Properties keys that map one attribute each. */
  public static final String PROPERTY_PREFIX = "albauth.mapping.";
  /** Properties key for {@link Builder#maxStringLength(int)}. */
  public static final String MAX_STRING_LENGTH_PROPERTY = "albauth.mapping-max-string-length";
  /** Properties key for {@link Builder#maxListSize(int)}. */
  public static final String MAX_LIST_SIZE_PROPERTY = "albauth.mapping-max-list-size";
  /** Default bound on the length of any string read or built: 4096 characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 4096;
  /** Default bound on the size of any list read or built: 1000 values. */
  public static final int DEFAULT_MAX_LIST_SIZE = 1000;

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final Map<String, String> expressions;
  private final Program program;
  private final int maxStringLength;
  private final int maxListSize;

  private AttributeMapping(Map<String, String> expressions, Program program, int maxStringLength,
      int maxListSize) {
    this.expressions = expressions;
    this.program = program;
    this.maxStringLength = maxStringLength;
    this.maxListSize = maxListSize;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a mapping from {@code java.util.Properties}: each {@code albauth.mapping.<attribute>}
   * sets an attribute, {@code albauth.mapping-max-string-length} and {@code
   * albauth.mapping-max-list-size} set the bounds. No preset applies: use {@link #builder()} with
   * {@link Builder#defaults(String, Map)} or {@link Builder#preset(DirectoryPreset)} for one (the
   * servlet filter starts from the {@code albauth.idp} preset's claim mappings). Custom functions
   * are discovered with {@link ServiceLoader}.
   *
   * @param properties the configuration
   * @return the compiled mapping
   * @throws MappingException when an expression does not compile or {@code username} has none
   * @throws IllegalArgumentException when a key has an invalid value
   */
  public static AttributeMapping fromProperties(Properties properties) {
    return builder().discoverFunctions().properties(properties).build();
  }

  /**
   * Builds a mapping from a JSON document (needs jackson-databind on the class path):
   *
   * <pre>{@code
   * {
   *   "preset": "okta",               // optional: a DirectoryPreset (directory records)
   *   "attributes": {
   *     "username": "profile.login | before(\"@\")",
   *     "groups": ["append(",          // an array of strings is one multi-line expression
   *                "  groups,",
   *                "  \"jira-software-users\")"]
   *   },
   *   "required": ["email"],          // optional, username is always required
   *   "maxStringLength": 4096,        // optional
   *   "maxListSize": 1000             // optional
   * }
   * }</pre>
   *
   * Custom functions are discovered with {@link ServiceLoader}.
   *
   * @param json the document
   * @return the compiled mapping
   * @throws MappingException when an expression does not compile or {@code username} has none
   * @throws IllegalArgumentException when the document is malformed
   * @throws IllegalStateException when jackson-databind is not on the class path
   */
  public static AttributeMapping fromJson(String json) {
    return builder().discoverFunctions().json(json).build();
  }

  /**
   * Maps one user: evaluates every attribute's expression in document order.
   *
   * @throws MappingException when an expression cannot be evaluated for this input; {@link
   *     MappingException.Reason#INPUT_TOO_LARGE} when a value exceeds the bounds
   */
  @Override
  public MappingResult map(AttributeSource source) {
    Objects.requireNonNull(source, "source");
    return program.evaluate(source, MappingResult::wrap);
  }

  /** {@return attribute name to expression text, in output order; unmodifiable} */
  public Map<String, String> expressions() {
    return expressions;
  }

  /** {@return the bound on the length of strings read or built} */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** {@return the bound on the size of lists read or built} */
  public int maxListSize() {
    return maxListSize;
  }

  /** The compiled form, for {@link MappingDryRun}. */
  Program program() {
    return program;
  }

  @Override
  public String toString() {
    return "AttributeMapping" + expressions;
  }

  /**
   * Collects the attributes, presets, custom functions and bounds of a mapping; {@link #build()}
   * compiles them. Not thread-safe; single use.
   */
  public static final class Builder {

    private @Nullable Map<String, String> presetExpressions;
    private @Nullable String presetName;
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>(List.of("username"));
    private final List<MappingFunction> functions = new ArrayList<>();
    private @Nullable ClassLoader discoverWith;
    private boolean discover;
    private int maxStringLength = -1;
    private int maxListSize = -1;
    private Settings configuration = Settings.empty();

    private Builder() {}

    /**
     * Starts from a directory preset (user records of an IdP's directory API): its attributes apply
     * unless mapped explicitly; equal to {@code defaults(preset.id() + " (directory)",
     * preset.expressions())}.
     *
     * @param preset the directory preset
     * @return this builder
     * @throws IllegalStateException when a preset or defaults were already chosen
     */
    public Builder preset(DirectoryPreset preset) {
      Objects.requireNonNull(preset, "preset");
      return defaults(preset.id() + " (directory)", preset.expressions());
    }

    /**
     * Starts from default expressions that apply unless mapped explicitly: for the claims the ALB
     * forwards, the {@code albauth.idp} preset's ({@code IdpPreset.claimMappings()} in {@code
     * alb-auth-core}, the one table of IdP presets).
     *
     * @param name what the defaults are, for messages (e.g. {@code okta})
     * @param expressions attribute name to expression
     * @return this builder
     * @throws IllegalStateException when a preset or defaults were already chosen
     */
    public Builder defaults(String name, Map<String, String> expressions) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expressions, "expressions");
      if (presetName != null) {
        throw new IllegalStateException("preset was already set to " + presetName);
      }
      presetName = name;
      presetExpressions = new LinkedHashMap<>(expressions);
      return this;
    }

    /**
     * Maps one attribute. An empty or blank expression removes the attribute (for example one a
     * preset would set).
     *
     * @param attribute the local attribute name: letters, digits, {@code _} and {@code -}
     * @param expression the expression computing it
     * @return this builder
     * @throws IllegalArgumentException when the name is invalid
     * @throws IllegalStateException when the attribute was already mapped
     */
    public Builder map(String attribute, String expression) {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(expression, "expression");
      if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
        throw new IllegalArgumentException("attribute name '" + attribute + "' is not valid; use "
            + "letters, digits, _ and -, starting with a letter or _");
      }
      if (explicit.containsKey(attribute)) {
        throw new IllegalStateException("attribute '" + attribute + "' is already mapped to "
            + explicit.get(attribute));
      }
      explicit.put(attribute, expression);
      return this;
    }

    /**
     * Requires attributes to have an expression; {@code username} is always required.
     *
     * @param attributes attribute names that must be mapped; a missing one fails {@link #build()}
     * @return this builder
     * @throws IllegalArgumentException when a name is invalid
     */
    public Builder require(String... attributes) {
      for (String a : attributes) {
        if (!ATTRIBUTE_NAME.matcher(Objects.requireNonNull(a, "attribute")).matches()) {
          throw new IllegalArgumentException("attribute name '" + a + "' is not valid; use "
              + "letters, digits, _ and -, starting with a letter or _");
        }
        required.add(a);
      }
      return this;
    }

    /**
     * Registers a custom function.
     *
     * @param function the function expressions may call by its {@link MappingFunction#name()}
     * @return this builder
     * @throws IllegalArgumentException (at {@link #build()}) when its name is invalid, a
     *     built-in's, or registered twice
     */
    public Builder function(MappingFunction function) {
      functions.add(Objects.requireNonNull(function, "function"));
      return this;
    }

    /** Also registers every {@link MappingFunction} that {@link ServiceLoader} finds with the
     * thread's context class loader (or this library's, when there is none).
     *
     * @return this builder
     */
    public Builder discoverFunctions() {
      Thread t = Thread.currentThread();
      return discoverFunctions(t.getContextClassLoader() != null
          ? t.getContextClassLoader() : AttributeMapping.class.getClassLoader());
    }

    /**
     * Also registers every {@link MappingFunction} that {@link ServiceLoader} finds with this class
     * loader.
     *
     * @param classLoader the loader {@link ServiceLoader} searches
     * @return this builder
     * @throws IllegalStateException when discovery was already requested
     */
    public Builder discoverFunctions(ClassLoader classLoader) {
      if (discover) {
        throw new IllegalStateException("function discovery was already requested");
      }
      discover = true;
      discoverWith = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Bounds the length (in UTF-16 characters) of every string read from the source or built by
     * an expression; larger ones fail with {@link MappingException.Reason#INPUT_TOO_LARGE}.
     * Default {@value AttributeMapping#DEFAULT_MAX_STRING_LENGTH}.
     *
     * @param characters the longest string accepted, positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when already set
     */
    public Builder maxStringLength(int characters) {
      if (maxStringLength != -1) {
        throw new IllegalStateException("maxStringLength was already set to " + maxStringLength);
      }
      if (characters <= 0) {
        throw new IllegalArgumentException("maxStringLength must be positive, got " + characters);
      }
      maxStringLength = characters;
      return this;
    }

    /**
     * Bounds the size of every list read from the source or built by an expression; larger ones
     * fail with {@link MappingException.Reason#INPUT_TOO_LARGE}. Default {@value
     * AttributeMapping#DEFAULT_MAX_LIST_SIZE}.
     *
     * @param values the most elements a list may have, positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when already set
     */
    public Builder maxListSize(int values) {
      if (maxListSize != -1) {
        throw new IllegalStateException("maxListSize was already set to " + maxListSize);
      }
      if (values <= 0) {
        throw new IllegalArgumentException("maxListSize must be positive, got " + values);
      }
      maxListSize = values;
      return this;
    }

    /**
     * Reads {@code albauth.mapping.<attribute>}, {@code albauth.mapping-max-string-length} and
     * {@code albauth.mapping-max-list-size}. Every {@code albauth.*} key is checked against the
     * settings registry of the albauth modules present (a typo fails with the nearest valid key);
     * keys of other modules are left to them. An attribute or bound given both here and in code
     * must have the same value, or {@link #build()} fails naming both.
     *
     * @param settings key to value
     * @return this builder
     * @throws IllegalArgumentException for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      configuration = Precedence.merge(configuration, SettingsRegistry.discover().read(settings));
      return this;
    }

    /**
     * Reads the {@code albauth.*} entries of a {@link Properties}, as {@link #configure(Map)}.
     *
     * @param properties the configuration
     * @return this builder
     * @throws IllegalArgumentException for an unknown key or a bad value
     */
    public Builder properties(Properties properties) {
      return configure(SettingsRegistry.fromProperties(properties));
    }

    /**
     * Reads a JSON mapping document (see {@link AttributeMapping#fromJson(String)}); needs
     * jackson-databind.
     *
     * @param json the mapping document
     * @return this builder
     * @throws IllegalArgumentException when the document is malformed
     * @throws IllegalStateException when jackson-databind is not on the class path
     */
    public Builder json(String json) {
      Object doc = Json.parse(Objects.requireNonNull(json, "json"), "the mapping document");
      if (!(doc instanceof Map<?, ?> root)) {
        throw new IllegalArgumentException("the mapping document must be a JSON object");
      }
      for (Object key : root.keySet()) {
        if (!List.of("preset", "attributes", "required", "maxStringLength",
            "maxListSize").contains(key)) {
          throw new IllegalArgumentException("the mapping document has an unknown field '" + key
              + "'; known fields: preset, attributes, required, maxStringLength, maxListSize");
        }
      }
      Object preset = root.get("preset");
      if (preset != null) {
        preset(DirectoryPreset.forId(text(preset, "preset")));
      }
      Object attributes = root.get("attributes");
      if (attributes != null) {
        if (!(attributes instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException("the mapping document's attributes must be an object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          map((String) e.getKey(), expression(e.getKey(), e.getValue()));
        }
      }
      Object req = root.get("required");
      if (req != null) {
        if (!(req instanceof List<?> names)) {
          throw new IllegalArgumentException("the mapping document's required must be an array");
        }
        for (Object name : names) {
          require(text(name, "required"));
        }
      }
      Object maxString = root.get("maxStringLength");
      if (maxString != null) {
        maxStringLength(number(maxString, "maxStringLength"));
      }
      Object maxList = root.get("maxListSize");
      if (maxList != null) {
        maxListSize(number(maxList, "maxListSize"));
      }
      return this;
    }

    private static String expression(Object attribute, @Nullable Object value) {
      if (value instanceof String s) {
        return s;
      }
      if (value instanceof List<?> lines) {
        List<String> out = new ArrayList<>();
        for (Object line : lines) {
          if (!(line instanceof String s)) {
            throw new IllegalArgumentException("the expression of attribute '" + attribute
                + "' must be a string or an array of strings");
          }
          out.add(s);
        }
        return String.join("\n", out);
      }
      throw new IllegalArgumentException("the expression of attribute '" + attribute
          + "' must be a string or an array of strings");
    }

    private static String text(@Nullable Object value, String field) {
      if (value instanceof String s) {
        return s;
      }
      throw new IllegalArgumentException("the mapping document's " + field + " must be a string, "
          + "got " + value);
    }

    private static int number(Object value, String field) {
      if (value instanceof Integer i) {
        return i;
      }
      throw new IllegalArgumentException("the mapping document's " + field + " must be a whole "
          + "number, got " + value);
    }

    /**
     * Compiles the mapping.
     *
     * @return the compiled mapping: immutable and thread-safe
     * @throws MappingCompileException when an expression is invalid
     * @throws MappingException with {@link MappingException.Reason#MISSING_REQUIRED_ATTRIBUTE}
     *     when a required attribute has no expression
     * @throws IllegalArgumentException when a custom function is invalid
     * @throws IllegalStateException when a discovered custom function cannot be loaded
     */
    public AttributeMapping build() {
      Map<String, String> configured = new TreeMap<>(configuration.family(MappingSettings.ATTRIBUTES));
      configured.forEach((attribute, expression) -> {
        String inCode = explicit.get(attribute);
        if (inCode != null && !inCode.strip().equals(expression)) {
          throw new IllegalStateException("attribute '" + attribute + "' is mapped twice, in code to "
              + inCode + " and by " + PROPERTY_PREFIX + attribute + " to " + expression
              + "; remove one of them");
        }
      });
      Map<String, String> mapped = new LinkedHashMap<>(explicit);
      configured.forEach(mapped::putIfAbsent);
      Map<String, String> expressions = new LinkedHashMap<>();
      if (presetExpressions != null) {
        presetExpressions.forEach((name, expr) ->
            expressions.put(name, mapped.getOrDefault(name, expr)));
      }
      mapped.forEach(expressions::putIfAbsent);
      expressions.values().removeIf(String::isBlank);
      for (String name : required) {
        if (!expressions.containsKey(name)) {
          throw new MappingException(MappingException.Reason.MISSING_REQUIRED_ATTRIBUTE, name,
              "attribute '" + name + "' is required but has no expression; set "
                  + PROPERTY_PREFIX + name + " or start from a preset");
        }
      }
      List<MappingFunction> all = new ArrayList<>(functions);
      if (discover) {
        try {
          for (MappingFunction f : ServiceLoader.load(MappingFunction.class, discoverWith)) {
            if (all.stream().noneMatch(g -> g.getClass() == f.getClass())) {
              all.add(f);
            }
          }
        } catch (ServiceConfigurationError e) {
          throw new IllegalStateException("a custom mapping function listed in META-INF/services/"
              + MappingFunction.class.getName() + " could not be loaded: " + e.getMessage(), e);
        }
      }
      Integer stringBound = Precedence.resolve("max string length",
          maxStringLength == -1 ? null : maxStringLength, MappingSettings.STRING_LENGTH, configuration);
      Integer listBound = Precedence.resolve("max list size",
          maxListSize == -1 ? null : maxListSize, MappingSettings.LIST_SIZE, configuration);
      int maxString = stringBound == null ? DEFAULT_MAX_STRING_LENGTH : stringBound;
      int maxList = listBound == null ? DEFAULT_MAX_LIST_SIZE : listBound;
      Program program = Program.compile(expressions, FunctionTable.with(all), maxString, maxList);
      return new AttributeMapping(Collections.unmodifiableMap(expressions), program, maxString,
          maxList);
    }
  }
}
