package io.github.albauth.usersync.mapping.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything that touches Jackson. Loaded only after {@link Json} checked Jackson is present. */
final class JacksonSupport {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JacksonSupport() {}

  static @Nullable Object parse(String json, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage()
          + where, e);
    }
    return fromNode(node);
  }

  static @Nullable Object fromNode(Object value) {
    JsonNode node = (JsonNode) value;
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    } else if (node.isTextual()) {
      return node.textValue();
    } else if (node.isBoolean()) {
      return node.booleanValue();
    } else if (node.isNumber()) {
      return node.numberValue();
    } else if (node.isArray()) {
      List<@Nullable Object> list = new ArrayList<>(node.size());
      for (JsonNode e : node) {
        list.add(fromNode(e));
      }
      return java.util.Collections.unmodifiableList(list);
    } else if (node.isObject()) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), fromNode(e.getValue()));
      }
      return java.util.Collections.unmodifiableMap(map);
    }
    return node.asText();
  }
}
