package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.albauth.usersync.mapping.internal.Json;
import java.util.Objects;

/**
 * An {@link AttributeSource} over a Jackson {@link JsonNode}, such as the user record a connector
 * already parsed. Kept apart from {@link JsonAttributeSources} so that no class without Jackson in
 * its signatures refers to Jackson types.
 *
 * <p>Stateless and thread-safe; the sources returned are immutable copies.
 */
// Jackson is optional (requires static): only callers that already hold a JsonNode use this class.
@SuppressWarnings("exports")
public final class JsonNodeAttributeSources {

  private JsonNodeAttributeSources() {}

  /**
   * Wraps a Jackson object node (copied into plain values: arrays become lists, objects maps).
   *
   * @param node an object node
   * @return a source over the copied values; later changes to the node do not show
   * @throws IllegalArgumentException when the node is not an object
   */
  public static AttributeSource of(JsonNode node) {
    return JsonAttributeSources.wrap(Json.fromNode(Objects.requireNonNull(node, "node")));
  }
}
