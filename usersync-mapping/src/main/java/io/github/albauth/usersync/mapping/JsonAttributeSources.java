package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.internal.Json;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link AttributeSource}s over JSON text: a claims object or an IdP's user record. Needs
 * jackson-databind on the class path (an optional dependency of this module); without it these
 * methods fail with an {@link IllegalStateException} that says to add it. For a Jackson tree you
 * already have, use {@link JsonNodeAttributeSources}.
 *
 * <p>Stateless and thread-safe; the sources returned are immutable.
 */
public final class JsonAttributeSources {

  private JsonAttributeSources() {}

  /**
   * Parses a JSON object, such as {@code {"upn": "a.example@domain.com", "groups": ["a"]}}.
   * Arrays become lists, nested objects become maps (reachable with paths such as {@code
   * profile.login}).
   *
   * @param json the JSON text of an object
   * @return a source over the parsed values
   * @throws IllegalArgumentException when the text is not a JSON object
   * @throws IllegalStateException when jackson-databind is not on the class path
   */
  public static AttributeSource fromJson(String json) {
    return wrap(Json.parse(Objects.requireNonNull(json, "json"), "the attribute JSON"));
  }

  /** Wraps parsed JSON, which must be an object. */
  static AttributeSource wrap(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      String got = value == null ? "null" : value instanceof java.util.List<?> ? "an array"
          : value instanceof String ? "a string" : value instanceof Boolean ? "a boolean"
          : "a number";
      throw new IllegalArgumentException("the attribute JSON must be an object, got " + got);
    }
    @SuppressWarnings("unchecked") // Jackson reads a JSON object into a map with String keys
    Map<String, ?> attributes = (Map<String, ?>) map;
    return AttributeSource.of(attributes);
  }
}
