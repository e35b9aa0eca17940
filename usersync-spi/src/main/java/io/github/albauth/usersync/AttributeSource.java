package io.github.albauth.usersync;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of named attributes that a mapping reads: the claims of a verified token, or the
 * JSON record of a user in an IdP's directory.
 *
 * <p>Values are as JSON gives them: {@code null} when absent, a {@link String}, a {@link Boolean},
 * a {@link Number}, a {@link java.util.List} of such values (a JSON array), or a {@link Map} from
 * {@link String} to such values (a nested JSON object).
 *
 * <p>Implementations must be safe to read from several threads when the underlying data does not
 * change; the ones returned by {@link #of(Map)} are.
 */
public interface AttributeSource {

  /**
   * Returns the value of the named attribute, or {@code null} when it is absent.
   *
   * @param name the attribute (claim) name, case-sensitive
   * @return the value (String, Number, Boolean, List, Map), or {@code null}
   */
  @Nullable Object get(String name);

  /** {@return the names of the attributes present, for diagnostics such as a dry run} */
  Set<String> names();

  /**
   * Wraps a map, such as a token's claims. The map is not copied; do not change it while a mapping
   * reads it.
   *
   * @param attributes attribute name to JSON-typed value
   * @return a view of {@code attributes}
   */
  static AttributeSource of(Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new AttributeSource() {
      @Override
      public @Nullable Object get(String name) {
        return attributes.get(name);
      }

      @Override
      public Set<String> names() {
        return attributes.keySet();
      }

      @Override
      public String toString() {
        return "AttributeSource" + attributes.keySet();
      }
    };
  }
}
