package io.github.albauth.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code albauth.*} configuration key: its name, what its value may be, its default and a
 * one-line description. Each key is declared once, by the module that reads it (see {@link
 * SettingsProvider}), and every entry point parses it with the same code, so a value means the same
 * thing and is refused with the same message everywhere: {@code albauth.clock-skew: "ten" is not a
 * duration; give ISO-8601 (PT10S, PT2M) or a number with ms, s, m, h or d (10s, 500ms)}.
 *
 * <p>A blank value is refused, never read as "unset": an empty {@code albauth.expected-issuers}
 * must not quietly turn the issuer check off. Remove the key instead. (A family member's value is
 * free text and may be empty, with a meaning its module documents.)
 *
 * <p>A <em>family</em> ({@link #family}) declares keys that share a prefix, such as {@code
 * albauth.mapping.<attribute>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,9})\\s*(k|kib|m|mib)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern FAMILY_MEMBER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final String DURATION_FORMS =
      "ISO-8601 (PT10S, PT2M) or a number with ms, s, m, h or d (10s, 500ms)";

  private final String name;
  private final String accepts;
  private final String defaultText;
  private final String description;
  private final boolean family;
  private final Function<String, T> parser;

  private Setting(String name, String accepts, String defaultText, String description,
      boolean family, Function<String, T> parser) {
    requireNonNull(name, "name");
    if (!name.startsWith(SettingsRegistry.PREFIX) || name.length() <= SettingsRegistry.PREFIX.length()) {
      throw new IllegalArgumentException("setting name " + name + " must start with albauth.");
    }
    if (family != name.endsWith(".")) {
      throw new IllegalArgumentException(family
          ? "family prefix " + name + " must end with '.'" : "setting name " + name + " ends with '.'");
    }
    this.name = name;
    this.accepts = requireNonNull(accepts, "accepts");
    this.defaultText = requireNonNull(defaultText, "defaultText");
    this.description = requireNonNull(description, "description");
    this.family = family;
    this.parser = parser;
  }

  /**
   * A free-text value, e.g. a URL or a header name.
   *
   * @param name the key, e.g. {@code albauth.token-header}
   * @param defaultText the default as the README shows it ({@code —} for none)
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<String> text(String name, String defaultText, String description) {
    return new Setting<>(name, "text", defaultText, description, false, value -> value);
  }

  /**
   * A comma-separated list; items are trimmed, duplicates dropped, order kept; an empty item
   * ({@code a,,b}) is refused.
   *
   * @param name the key
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<List<String>> list(String name, String defaultText, String description) {
    return new Setting<>(name, "comma-separated list", defaultText, description, false,
        Setting::parseList);
  }

  /**
   * {@code key=value} pairs, comma-separated ({@code Admins=admin, Staff=user}).
   *
   * @param name the key
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting; the map keeps the order given
   */
  public static Setting<Map<String, String>> pairs(String name, String defaultText,
      String description) {
    return new Setting<>(name, "comma-separated key=value pairs", defaultText, description, false,
        value -> {
          Map<String, String> pairs = new LinkedHashMap<>();
          for (String pair : parseList(value)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
              throw new IllegalArgumentException(quote(pair) + " is not key=value; write e.g."
                  + " \"Admins=admin, Staff=user\"");
            }
            String key = pair.substring(0, eq).strip();
            if (pairs.put(key, pair.substring(eq + 1).strip()) != null) {
              throw new IllegalArgumentException(quote(key) + " is given twice");
            }
          }
          return Collections.unmodifiableMap(pairs);
        });
  }

  /**
   * A duration between {@code min} and {@code max}: ISO-8601 ({@code PT10S}) or a number with a
   * unit ({@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d}).
   *
   * @param name the key
   * @param min the shortest allowed
   * @param max the longest allowed
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<Duration> duration(String name, Duration min, Duration max,
      String defaultText, String description) {
    return new Setting<>(name, "duration " + min + ".." + max, defaultText, description, false,
        value -> within(parseDuration(value), min, max));
  }

  /**
   * A whole number between {@code min} and {@code max}.
   *
   * @param name the key
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<Integer> integer(String name, int min, int max, String defaultText,
      String description) {
    return new Setting<>(name, "integer " + min + ".." + max, defaultText, description, false,
        value -> {
          int parsed;
          try {
            parsed = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(value) + " is not a whole number", e);
          }
          return within(parsed, min, max);
        });
  }

  /**
   * A size between {@code min} and {@code max}: a number, or one with {@code k}/{@code KiB}
   * (×1024) or {@code m}/{@code MiB} (×1048576), e.g. {@code 16k}.
   *
   * @param name the key
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<Integer> size(String name, int min, int max, String defaultText,
      String description) {
    return new Setting<>(name, "size " + min + ".." + max + " (k, m suffixes)", defaultText,
        description, false, value -> {
          Matcher m = SIZE.matcher(value);
          if (!m.matches()) {
            throw new IllegalArgumentException(quote(value)
                + " is not a size; give a number, optionally with k or m (16384, 16k)");
          }
          long number = Long.parseLong(m.group(1));
          String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
          long scaled = unit.startsWith("k") ? number << 10 : unit.startsWith("m") ? number << 20 : number;
          return (int) (long) within(Math.min(scaled, Integer.MAX_VALUE + 1L), (long) min, (long) max);
        });
  }

  /**
   * {@code true} or {@code false} (any case); anything else ({@code yes}, {@code 1}) is refused.
   *
   * @param name the key
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<Boolean> bool(String name, String defaultText, String description) {
    return new Setting<>(name, "true or false", defaultText, description, false, value -> {
      String lower = value.toLowerCase(Locale.ROOT);
      if (!lower.equals("true") && !lower.equals("false")) {
        throw new IllegalArgumentException(quote(value) + " is not true or false");
      }
      return lower.equals("true");
    });
  }

  /**
   * One of a fixed set of names (any case); the value is returned in the case declared.
   *
   * @param name the key
   * @param choices the allowed values
   * @param defaultText the default as the README shows it
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<String> choice(String name, List<String> choices, String defaultText,
      String description) {
    List<String> allowed = List.copyOf(choices);
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("setting " + name + " needs at least one choice");
    }
    return new Setting<>(name, "one of " + String.join(", ", allowed), defaultText, description, false,
        value -> {
          for (String choice : allowed) {
            if (choice.equalsIgnoreCase(value)) {
              return choice;
            }
          }
          String nearest = Suggestions.nearest(value.toLowerCase(Locale.ROOT), allowed);
          throw new IllegalArgumentException(quote(value) + " is not one of " + allowed
              + (nearest == null ? "" : "; did you mean " + nearest + "?"));
        });
  }

  /**
   * A family of keys that share a prefix and take free text, e.g. {@code albauth.mapping.} for
   * {@code albauth.mapping.username}; the rest of the key is a name of letters, digits, {@code _}
   * and {@code -}.
   *
   * @param prefix the shared prefix, ending in {@code .}
   * @param description one line for the key table
   * @return the setting
   */
  public static Setting<String> family(String prefix, String description) {
    return new Setting<>(prefix, "text per name", "—", description, true, value -> value);
  }

  /** {@return the key, or a family's prefix (ending in {@code .})} */
  public String name() {
    return name;
  }

  /** {@return what values the key accepts, for the key table} */
  public String accepts() {
    return accepts;
  }

  /** {@return the default as documentation shows it} */
  public String defaultText() {
    return defaultText;
  }

  /** {@return the one-line description} */
  public String description() {
    return description;
  }

  /** {@return whether this declares a family of keys sharing the prefix {@link #name()}} */
  public boolean isFamily() {
    return family;
  }

  /**
   * Whether a key is this setting or, for a family, one of its members.
   *
   * @param key an {@code albauth.*} key
   * @return whether it is declared by this setting
   */
  public boolean declares(String key) {
    return family
        ? key.startsWith(name) && FAMILY_MEMBER.matcher(key.substring(name.length())).matches()
        : key.equals(name);
  }

  /**
   * Parses a value of this setting.
   *
   * @param key the key it was given under (a family member's full key)
   * @param value the raw value; surrounding white space is ignored
   * @return the parsed value
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"} when the value is blank (but
   *     for a family member) or not what this setting accepts
   */
  public T parse(String key, String value) {
    requireNonNull(value, key);
    String stripped = value.strip();
    if (stripped.isEmpty() && !family) {
      throw new IllegalArgumentException(key + ": the value is empty; remove the key or give "
          + accepts);
    }
    try {
      return requireNonNull(parser.apply(stripped), key);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The environment variable of a key: {@code ALBAUTH_} and the rest in upper snake case ({@code
   * albauth.access-token.jwks-url} is {@code ALBAUTH_ACCESS_TOKEN_JWKS_URL}); for a family the
   * member name's camel case becomes snake case ({@code albauth.mapping.displayName} is {@code
   * ALBAUTH_MAPPING_DISPLAY_NAME}).
   *
   * @param key an {@code albauth.*} key
   * @return its variable name
   */
  public static String environmentVariable(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.' || c == '-') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return name;
  }

  private static List<String> parseList(String value) {
    LinkedHashSet<String> items = new LinkedHashSet<>();
    for (String item : value.split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException(quote(value)
            + " has an empty item; separate items with single commas");
      }
      items.add(item.strip());
    }
    return List.copyOf(new ArrayList<>(items));
  }

  private static Duration parseDuration(String value) {
    Matcher simple = SIMPLE_DURATION.matcher(value);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(quote(value) + " is not a duration; give " + DURATION_FORMS, e);
    }
  }

  private static <C extends Comparable<C>> C within(C value, C min, C max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(value + " is out of range; give " + min + " to " + max);
    }
    return value;
  }

  static String quote(String value) {
    return "\"" + Suggestions.printable(value) + "\"";
  }
}
