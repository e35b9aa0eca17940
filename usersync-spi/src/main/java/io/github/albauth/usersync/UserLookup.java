package io.github.albauth.usersync;

import java.util.Optional;

/**
 * Capability of a {@link DirectorySource} that looks one user up: for login-time lookup (Entra by
 * {@code oid} or {@code userPrincipalName}, others by {@code email}), and for confirming, before
 * the engine deprovisions a user missing from a listing, that the user is really gone, disabled or
 * out of scope ({@link #lookupById}).
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

  /**
   * Finds a user by its immutable id ({@link SourceUser#id()}), within the scope that {@link
   * DirectorySource#users()} lists. The engine asks before it deprovisions a user that a listing or
   * a delta round no longer returned, and acts only when the answer confirms it: empty (no such
   * user, or outside the source's scope), a record the engine's filter or mapping leaves out, or one
   * that maps to an inactive user. A record of an active user in scope keeps the user, and so does
   * an exception.
   *
   * @param id the user's immutable id in the source (Graph {@code GET /users/{id}}, Keycloak {@code
   *     GET /users/{id}}, Okta {@code GET /users/{id}})
   * @return the full record, or empty when there is no such user in scope
   * @throws UserSyncException with {@link UserSyncException.Reason#SOURCE_FAILED} when the source
   *     fails
   */
  Optional<SourceUser> lookupById(String id);
}
