package io.github.albauth.usersync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.albauth.usersync.mapping.internal.Json;
import java.util.Map;
import java.util.Objects;

/**
 * {@link AttributeSource}s over JSON: a claims object or an IdP's user record, as text or as a
 * Jackson tree. Needs jackson-databind on the class path (an optional dependency of this module);
 * without it these methods fail with an {@link IllegalStateException} that says to add it.
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
   * @throws IllegalArgumentException when the text is not a JSON object
   * @throws IllegalStateException when jackson-databind is not on the class path
   */
  public static AttributeSource fromJson(String json) {
    return wrap(Json.parse(Objects.requireNonNull(json, "json"), "the attribute JSON"));
  }

  /**
   * Wraps a Jackson object node (copied into plain values).
   *
   * @param node an object node
   * @throws IllegalArgumentException when the node is not an object
   */
  public static AttributeSource of(JsonNode node) {
    return wrap(Json.fromNode(Objects.requireNonNull(node, "node")));
  }

  private static AttributeSource wrap(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the attribute JSON must be an object, got "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> attributes = (Map<String, ?>) map;
    return AttributeSource.of(attributes);
  }
}
