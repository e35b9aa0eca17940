package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.mapping.AttributeMapping;
import java.util.List;

/** The declarations of usersync-mapping's {@code albauth.*} keys. Stateless and thread-safe. */
public final class MappingSettings implements SettingsProvider {
  /** Largest string bound a configuration may set. */
  public static final int MAX_STRING_LENGTH = 1 << 20;
  /** Largest list bound a configuration may set. */
  public static final int MAX_LIST_SIZE = 1_000_000;

  /** {@code albauth.mapping.<attribute>}: one expression per attribute. */
  public static final Setting<String> ATTRIBUTES = Setting.family(AttributeMapping.PROPERTY_PREFIX,
      "a mapping-DSL expression per attribute (`username`, `email`, `groups`, …); empty removes a"
          + " preset's attribute");
  /** {@code albauth.mapping-max-string-length}. */
  public static final Setting<Integer> STRING_LENGTH = Setting.size(
      AttributeMapping.MAX_STRING_LENGTH_PROPERTY, 1, MAX_STRING_LENGTH,
      String.valueOf(AttributeMapping.DEFAULT_MAX_STRING_LENGTH),
      "longest string a mapping reads or builds, in characters");
  /** {@code albauth.mapping-max-list-size}. */
  public static final Setting<Integer> LIST_SIZE = Setting.integer(
      AttributeMapping.MAX_LIST_SIZE_PROPERTY, 1, MAX_LIST_SIZE,
      String.valueOf(AttributeMapping.DEFAULT_MAX_LIST_SIZE),
      "most values in a list a mapping reads or builds");

  /** For {@link java.util.ServiceLoader}. */
  public MappingSettings() {}

  @Override
  public String module() {
    return "usersync-mapping";
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(ATTRIBUTES, STRING_LENGTH, LIST_SIZE);
  }
}
