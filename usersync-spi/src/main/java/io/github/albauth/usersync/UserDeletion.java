package io.github.albauth.usersync;

/**
 * Capability of a {@link UserStore} that can delete users. Only used when the engine is configured
 * with {@code CleanupAction.DELETE} (not recommended: deactivation is reversible, deletion is
 * not).
 *
 * <p>Implementations must be thread-safe.
 */
public interface UserDeletion {

  /**
   * Deletes a user and its group memberships; idempotent.
   *
   * @param username the username
   */
  void delete(String username);
}
