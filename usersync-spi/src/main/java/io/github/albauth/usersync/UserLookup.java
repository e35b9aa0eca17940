package io.github.albauth.usersync;

import java.util.Optional;

/**
 * Capability of a {@link DirectorySource} that looks one user up, for login-time lookup (Entra by
 * {@code oid} or {@code userPrincipalName}, others by {@code email}).
 *
 * <p>Implementations must be thread-safe.
 */
public interface UserLookup {

  /**
   * Finds the user whose attribute has the value.
   *
   * @param attribute the lookup attribute, as the source names it
   * @param value the value (from the login's claims)
   * @return the full record, or empty when no user matches
   * @throws UserSyncException with {@link UserSyncException.Reason#SOURCE_FAILED} when the source
   *     fails, or {@link UserSyncException.Reason#CONFLICT} when several users match
   */
  Optional<SourceUser> lookup(String attribute, String value);
}
