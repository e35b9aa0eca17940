package io.github.albauth.usersync;

import java.util.Optional;

/**
 * Capability of a {@link UserStore} that records which IdP subject ({@link IdpSubject}: issuer and
 * {@code sub}) may sign in to each account. The engine's login ({@code SyncEngine.login}) needs it:
 * the first login binds its subject to the account, and a later login with another subject is
 * refused as a possible takeover.
 *
 * <p>One binding per account, and one account per subject: two columns on the users table
 * ({@code idp_issuer}, {@code idp_subject}, null until bound) with a unique index on the pair are
 * enough. The binding belongs to the account: it follows renames, survives updates, deactivation
 * and reactivation, and goes when the account is deleted. The engine never removes or replaces a
 * binding; an administrator who must let another subject in (the person was re-created in the IdP,
 * a move to another IdP) clears it in the store.
 *
 * <p>Implementations must be thread-safe, and {@link #bind} atomic: of two concurrent first binds
 * of one account with different subjects exactly one wins ({@code UPDATE users SET idp_issuer = ?,
 * idp_subject = ? WHERE username = ? AND idp_subject IS NULL}, then read the row back).
 */
public interface SubjectBindings {

  /**
   * Reads the subject bound to an account.
   *
   * @param username the account's username
   * @return the bound subject, or empty when the account is unbound or does not exist
   */
  Optional<IdpSubject> boundSubject(String username);

  /**
   * Binds a subject to an account unless the account is already bound, atomically, and returns
   * the subject bound afterwards: {@code subject} when this call bound it or it was bound before
   * (binding again is a no-op), or the other subject the account is bound to, which the caller
   * compares and refuses.
   *
   * @param username the account's username
   * @param subject the subject to bind
   * @return the subject the account is bound to now
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when there is no such
   *     account, or {@link UserSyncException.Reason#CONFLICT} when {@code subject} is bound to
   *     another account
   */
  IdpSubject bind(String username, IdpSubject subject);
}
