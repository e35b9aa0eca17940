package io.github.albauth.usersync;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host application's user store, as the sync engine needs it. This base interface is all a
 * store must implement; it declares further capabilities by also implementing {@link
 * UserDeletion}, {@link GroupStore} and {@link SubjectBindings}, which the engine detects with
 * {@code instanceof} (a configuration that needs a missing capability fails when the engine is
 * built).
 *
 * <p>The engine serialises its own calls per user, but the store may be called from several
 * threads at once (a scheduled sync and logins), so implementations must be thread-safe. Usernames
 * are unique, compared as {@link #caseSensitiveUsernames()} declares; (source, external id) pairs
 * are unique. A failure of one call fails only the user it
 * concerns and the sync goes on; throw {@link UserSyncException} with {@link
 * UserSyncException.Reason#STORE_UNAVAILABLE} when the store is down, which aborts the run. {@code
 * usersync-testkit} holds a compliance test that checks an implementation.
 */
public interface UserStore {

  /**
   * Declares how this store compares usernames, in lookups and in its uniqueness rule; the engine
   * compares them the same way ({@link Usernames#key}) when it matches users, detects renames and
   * reports two source users with one name as a conflict. The default, {@code true}, is the exact
   * comparison this interface has always asked for. A store whose unique index ignores case (a
   * case-insensitive collation, a {@code lower(username)} index) must return {@code false}; the
   * compliance kit checks that the declaration matches what the store does.
   *
   * @return {@code true} when {@code Alice} and {@code alice} are two usernames, {@code false} when
   *     they are one
   */
  default boolean caseSensitiveUsernames() {
    return true;
  }

  /**
   * Finds a user by username.
   *
   * @param username the username, compared as {@link #caseSensitiveUsernames()} declares
   * @return the user, or empty when there is none by that name
   */
  Optional<StoredUser> findByUsername(String username);

  /**
   * Finds a user by the source that manages it and its immutable id there.
   *
   * @param source the source id
   * @param externalId the user's id in the source
   * @return the user, or empty when the source manages no user with that id
   */
  Optional<StoredUser> findByExternalId(String source, String externalId);

  /**
   * Creates a user.
   *
   * @param user the new user
   * @throws UserSyncException with {@link UserSyncException.Reason#CONFLICT} when the username or
   *     the (source, external id) pair is taken
   */
  void create(StoredUser user);

  /**
   * Applies changes to a user: only the attributes listed change.
   *
   * @param username the user's current username
   * @param update the changes, possibly a new username
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when there is no such
   *     user, or {@link UserSyncException.Reason#CONFLICT} when the new username is taken
   */
  void update(String username, UserUpdate update);

  /**
   * Marks a user inactive (it can no longer log in); idempotent.
   *
   * @param username the username
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when absent
   */
  void deactivate(String username);

  /**
   * Marks a user active again; idempotent.
   *
   * @param username the username
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when absent
   */
  void reactivate(String username);

  /**
   * Streams the users that a source manages (active and inactive), for cleanup; the engine closes
   * the stream and does not change the store while reading it.
   *
   * @param source the source id
   * @return the users whose {@link StoredUser#source()} is {@code source}
   */
  Stream<StoredUser> managedBy(String source);
}
