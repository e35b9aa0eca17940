package io.github.albauth.usersync.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link UserAttributeMapper} made of one user: either the mapped attributes, or a decision
 * to skip the user (a mapping rule said so).
 *
 * <p>Attribute values are {@link String}, {@link java.util.List} of {@link String}, {@link Boolean}
 * or {@link Number}; an attribute whose expression yielded nothing is present with a {@code null}
 * value, so that the caller can apply its configured outcome (keep, leave unchanged, clear, skip).
 *
 * <p>Immutable and thread-safe.
 */
public final class MappingResult {

  private final Map<String, @Nullable Object> attributes;
  private final @Nullable String skipReason;

  private MappingResult(Map<String, @Nullable Object> attributes, @Nullable String skipReason) {
    this.attributes = attributes;
    this.skipReason = skipReason;
  }

  /**
   * A mapped user.
   *
   * @param attributes attribute name to value (null when the expression yielded nothing); copied,
   *     iteration order kept
   * @return a result that is not skipped
   */
  public static MappingResult mapped(Map<String, ? extends @Nullable Object> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new MappingResult(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), null);
  }

  /** For {@link AttributeMapping}: wraps a map that is already immutable and ordered, uncopied. */
  static MappingResult wrap(Map<String, @Nullable Object> immutableAttributes) {
    return new MappingResult(immutableAttributes, null);
  }

  /**
   * A user that the mapping says to skip.
   *
   * @param reason why, for reports and logs (never a secret)
   * @return a result with no attributes and {@link #isSkipped()} true
   */
  public static MappingResult skipped(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new MappingResult(Map.of(), reason);
  }

  /** {@return whether the mapping decided to skip this user} */
  public boolean isSkipped() {
    return skipReason != null;
  }

  /** {@return why the user is skipped, or {@code null} when it is not} */
  public @Nullable String skipReason() {
    return skipReason;
  }

  /** {@return the mapped attributes (empty when skipped); unmodifiable} */
  public Map<String, @Nullable Object> attributes() {
    return attributes;
  }

  /**
   * {@return one attribute's value when it is a string, else {@code null}}
   *
   * @param name the attribute name
   */
  public @Nullable String string(String name) {
    Object value = attributes.get(name);
    return value instanceof String s ? s : null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MappingResult other
        && attributes.equals(other.attributes)
        && Objects.equals(skipReason, other.skipReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attributes, skipReason);
  }

  @Override
  public String toString() {
    return isSkipped() ? "MappingResult[skipped: " + skipReason + "]" : "MappingResult" + attributes;
  }
}
