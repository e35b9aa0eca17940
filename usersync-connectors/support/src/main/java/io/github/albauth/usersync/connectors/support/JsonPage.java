package io.github.albauth.usersync.connectors.support;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One page of a JSON listing as {@link ApiClient#getPage} read it: the items, the other top-level
 * fields of the body (Graph's {@code @odata.nextLink}, {@code @odata.deltaLink}, {@code
 * @odata.count}), and the response headers (Okta's {@code Link}).
 *
 * <p>Immutable and thread-safe when the field values are not changed.
 *
 * @param items the items, each mapped from its JSON object
 * @param fields the other top-level fields of the body (empty when the body is an array)
 * @param headers the response headers
 * @param <T> the item type
 */
public record JsonPage<T>(List<T> items, Map<String, @Nullable Object> fields, HttpHeaders headers) {

  /**
   * Copies the items and fields.
   *
   * @param items the items, each mapped from its JSON object
   * @param fields the other top-level fields of the body (empty when the body is an array)
   * @param headers the response headers
   */
  public JsonPage {
    items = List.copyOf(items);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /**
   * Returns a top-level field as text.
   *
   * @param name the field name
   * @return the value as a string, or null when absent, null, or an object or array
   */
  public @Nullable String field(String name) {
    Object value = fields.get(name);
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString() : null;
  }
}
