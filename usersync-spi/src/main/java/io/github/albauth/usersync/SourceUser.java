package io.github.albauth.usersync;

import io.github.albauth.usersync.AttributeSource;
import java.util.Map;
import java.util.Objects;

/**
 * One user as a directory source (or a login's claims) delivers it: the source's immutable id for
 * the user, and the raw record as an {@link AttributeSource} that the mapping reads (nested JSON
 * objects as maps, arrays as lists).
 *
 * <p>Immutable and thread-safe when the attributes are not changed after creation.
 *
 * @param id the user's immutable id in the source (Entra {@code id}, Okta {@code id}, Google
 *     {@code id}, Cognito {@code sub}, …)
 * @param attributes the raw record
 */
public record SourceUser(String id, AttributeSource attributes) {

  /**
   * Validates the fields.
   *
   * @param id the user's immutable id in the source (Entra {@code id}, Okta {@code id}, Google
   *     {@code id}, Cognito {@code sub}, …)
   * @param attributes the raw record
   */
  public SourceUser {
    StoredUser.requireText(id, "source user id");
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * Wraps a parsed record.
   *
   * @param id the immutable id
   * @param record the record, as Jackson parses JSON into a map (not copied)
   * @return the user, reading its attributes from {@code record}
   */
  public static SourceUser of(String id, Map<String, ?> record) {
    return new SourceUser(id, AttributeSource.of(record));
  }
}
