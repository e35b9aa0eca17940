package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;

/**
 * Turns the attributes of a source (token claims, an IdP user record) into the attributes of a
 * local user. A compiled mapping-DSL document is one; code can supply its own.
 *
 * <p>Implementations must be thread-safe: the sync engine and the servlet filter call one instance
 * from many threads at once.
 */
@FunctionalInterface
public interface UserAttributeMapper {

  /**
   * Maps one user. Never returns {@code null}.
   *
   * @param source the attributes to read
   * @return the mapped attributes, or a result saying the user is to be skipped
   * @throws MappingException when an expression cannot be evaluated for this input (for example a
   *     list where a single string is required); the message names the attribute
   */
  MappingResult map(AttributeSource source);
}
