package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import java.util.Arrays;
import java.util.List;

/**
 * What kind of value a registry setting takes, as far as Spring's property forms and the IDE
 * metadata care. Read from {@link Setting#accepts()}, which each of the registry's factories
 * writes in a fixed form; {@link #of} fails for a form it does not know, so that a new factory
 * cannot slip through unnoticed (SpringMetadataTest runs it over every key).
 */
public enum SettingKind {
  /** {@link Setting#text}. */
  TEXT("java.lang.String"),
  /** {@link Setting#list}: also given as an indexed list ({@code key[0]}, YAML sequences). */
  LIST("java.util.List<java.lang.String>"),
  /** {@link Setting#pairs}: also given as a map ({@code key.<name>} or {@code key[<name>]}). */
  PAIRS("java.util.Map<java.lang.String,java.lang.String>"),
  /** {@link Setting#duration}. */
  DURATION("java.time.Duration"),
  /** {@link Setting#integer}. */
  INTEGER("java.lang.Integer"),
  /** {@link Setting#size}: {@code 16k}, which is not Spring's {@code DataSize} syntax, so text. */
  SIZE("java.lang.String"),
  /** {@link Setting#bool}. */
  BOOLEAN("java.lang.Boolean"),
  /** {@link Setting#choice}: text with value hints. */
  CHOICE("java.lang.String"),
  /** {@link Setting#family}: a map from member name to text. */
  FAMILY("java.util.Map<java.lang.String,java.lang.String>");

  private static final String CHOICES = "one of ";

  private final String javaType;

  SettingKind(String javaType) {
    this.javaType = javaType;
  }

  /** {@return the type the IDE metadata declares for a key of this kind} */
  public String javaType() {
    return javaType;
  }

  /**
   * The kind of a setting.
   *
   * @param setting a registry setting
   * @return its kind
   * @throws IllegalArgumentException for a form of {@code accepts()} this class does not know
   */
  public static SettingKind of(Setting<?> setting) {
    String accepts = setting.accepts();
    if (setting.isFamily()) {
      return FAMILY;
    }
    if (accepts.equals("text")) {
      return TEXT;
    }
    if (accepts.equals("comma-separated list")) {
      return LIST;
    }
    if (accepts.equals("comma-separated key=value pairs")) {
      return PAIRS;
    }
    if (accepts.equals("true or false")) {
      return BOOLEAN;
    }
    if (accepts.startsWith("duration ")) {
      return DURATION;
    }
    if (accepts.startsWith("integer ")) {
      return INTEGER;
    }
    if (accepts.startsWith("size ")) {
      return SIZE;
    }
    if (accepts.startsWith(CHOICES)) {
      return CHOICE;
    }
    throw new IllegalArgumentException(setting.name() + " accepts \"" + accepts
        + "\", a form the Spring integration does not know; teach SettingKind about it");
  }

  /**
   * The values a choice setting allows.
   *
   * @param setting a setting of kind {@link #CHOICE}
   * @return its choices, in the declared order
   */
  public static List<String> choices(Setting<?> setting) {
    if (of(setting) != CHOICE) {
      throw new IllegalArgumentException(setting.name() + " is not a choice");
    }
    return Arrays.stream(setting.accepts().substring(CHOICES.length()).split(", ")).toList();
  }
}
