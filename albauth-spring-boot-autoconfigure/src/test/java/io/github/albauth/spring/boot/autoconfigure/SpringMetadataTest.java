package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.spring.boot.autoconfigure.internal.SettingKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata describes every key of the settings registry and nothing else: {@code
 * additional-spring-configuration-metadata.json} is generated from the registry (type, description,
 * default, environment variable, hints for choices and mapping attributes) and Spring Boot's
 * processor merges it into {@code spring-configuration-metadata.json}. When a module adds or
 * changes a key, this test fails and writes the new file to {@code target/}.
 */
class SpringMetadataTest {

  private static final Path SOURCE =
      Path.of("src", "main", "resources", "META-INF", "additional-spring-configuration-metadata.json");
  private static final Path PROCESSED =
      Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final SettingsRegistry registry = SettingsRegistry.discover();

  @Test
  void theAdditionalMetadataIsGeneratedFromTheRegistry() throws IOException {
    String generated = JSON.writeValueAsString(generate()) + "\n";
    String committed = Files.readString(SOURCE, StandardCharsets.UTF_8);
    if (!committed.equals(generated)) {
      Path expected = Path.of("target", "additional-spring-configuration-metadata.json");
      Files.writeString(expected, generated, StandardCharsets.UTF_8);
      throw new AssertionError(SOURCE + " differs from the settings registry; replace it with "
          + expected.toAbsolutePath());
    }
  }

  @Test
  void theProcessorsMetadataHasTheAlbauthGroupAndEveryKey() throws IOException {
    JsonNode processed = JSON.readTree(PROCESSED.toFile());
    assertThat(processed.get("groups").findValuesAsText("name")).contains("albauth");
    Set<String> names = new TreeSet<>(processed.get("properties").findValuesAsText("name"));
    Set<String> keys = new TreeSet<>();
    for (Setting<?> setting : registry.settings()) {
      keys.add(name(setting));
    }
    assertThat(names).isEqualTo(keys);
    assertThat(processed.get("hints").findValuesAsText("name"))
        .contains("albauth.idp", "albauth.mapping.keys", "albauth.filter.dispatcher-types");
  }

  private ObjectNode generate() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode properties = root.putArray("properties");
    ArrayNode hints = root.putArray("hints");
    for (Setting<?> setting : registry.settings()) {
      SettingKind kind = SettingKind.of(setting);
      ObjectNode property = properties.addObject();
      property.put("name", name(setting));
      property.put("type", kind.javaType());
      property.put("description", description(setting));
      putDefault(property, setting, kind);
      if (kind == SettingKind.CHOICE) {
        hint(hints, setting.name(), SettingKind.choices(setting));
      }
    }
    Set<String> attributes = new TreeSet<>();
    for (IdpPreset preset : IdpPreset.values()) {
      attributes.addAll(preset.claimMappings().keySet());
    }
    hint(hints, "albauth.mapping.keys", new ArrayList<>(attributes));
    hint(hints, "albauth.filter.dispatcher-types",
        List.of("REQUEST", "ASYNC", "ERROR", "FORWARD", "INCLUDE"));
    return root;
  }

  /** A family's map property is its prefix without the dot: {@code albauth.mapping}. */
  private static String name(Setting<?> setting) {
    return setting.isFamily() ? setting.name().substring(0, setting.name().length() - 1)
        : setting.name();
  }

  private String description(Setting<?> setting) {
    String text = setting.description();
    StringBuilder out = new StringBuilder(Character.toUpperCase(text.charAt(0)) + text.substring(1));
    out.append(". Accepts: ").append(setting.accepts()).append('.');
    if (!setting.defaultText().equals("—")) {
      out.append(" Default: ").append(setting.defaultText()).append('.');
    }
    out.append(" Environment variable: ").append(Setting.environmentVariable(setting.name()))
        .append(setting.isFamily() ? "<NAME>" : "").append('.');
    out.append(" Declared by ").append(registry.moduleOf(setting)).append('.');
    return out.toString();
  }

  /** A default the IDE can show as a value: only where the documented default parses. */
  private static void putDefault(ObjectNode property, Setting<?> setting, SettingKind kind) {
    Object value;
    try {
      value = setting.parse(setting.name(), setting.defaultText());
    } catch (IllegalArgumentException notAValue) {
      return;
    }
    switch (kind) {
      case BOOLEAN -> property.put("defaultValue", (Boolean) value);
      case INTEGER -> property.put("defaultValue", (Integer) value);
      case DURATION -> property.put("defaultValue", ((Duration) value).toString());
      case SIZE, CHOICE -> property.put("defaultValue", setting.defaultText());
      default -> { } // text and lists: the documented default is prose ("none", "the preset's")
    }
  }

  private static void hint(ArrayNode hints, String name, List<String> values) {
    ObjectNode hint = hints.addObject();
    hint.put("name", name);
    ArrayNode array = hint.putArray("values");
    for (String value : values) {
      array.addObject().put("value", value);
    }
  }
}
