package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.internal.LogSafe;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a login ended ({@link SyncEngine#login}): signed in to an account, or refused with a reason.
 *
 * <p>A login is signed in only after the engine created, updated, confirmed unchanged or
 * reactivated the account for the login's subject ({@link UserOutcome.Kind#CREATED}, {@code
 * UPDATED}, {@code UNCHANGED}, {@code REACTIVATED}), read it back by (source, external id), found
 * it active, and bound it to the subject or found it bound to that subject. Everything else is a
 * {@link Refusal}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account the account signed in to, or null when refused
 * @param groups the account's groups when the store is a {@code GroupStore} (else empty); empty
 *     when refused
 * @param refusal why the login was refused, or null when signed in
 * @param message what happened, for logs: values from the IdP are escaped (control, bidi and other
 *     non-ASCII characters as {@code \\uXXXX}) and long ones cut
 * @param outcome what the engine did to the store for this login, or null when it refused before
 *     reconciling the user
 */
public record LoginResult(
    @Nullable StoredUser account,
    Set<String> groups,
    @Nullable Refusal refusal,
    String message,
    @Nullable UserOutcome outcome) {

  /** Why a login was refused. */
  public enum Refusal {
    /** A lookup by a claim the IdP does not vouch for (such as {@code email_verified=false}). */
    UNVERIFIED_SELECTOR,
    /** The directory has no user with the looked-up value. */
    NOT_FOUND,
    /** The engine's {@code filter} excludes the user. */
    FILTERED,
    /** The mapping skips the user (a rule, or a missing-value policy). */
    SKIPPED,
    /** The mapped username is missing or has no canonical form ({@code Usernames}). */
    INVALID_USERNAME,
    /** The mapping failed. */
    MAPPING_FAILED,
    /** The account is inactive, or the directory says the user is disabled. */
    DEACTIVATED,
    /**
     * The username is taken by another account of this or another source, the account could not
     * be renamed, or the directory has several users with the looked-up value.
     */
    CONFLICT,
    /**
     * The account is bound to another subject, or this subject to another account: a possible
     * account takeover, logged at WARN.
     */
    SUBJECT_MISMATCH,
    /**
     * The username belongs to a local account (no source), which a login may not take over unless
     * the engine links accounts by username ({@link SyncEngine.Builder#linkAccountsByUsername()}).
     */
    LOCAL_ACCOUNT,
    /**
     * With {@link MatchKey#USERNAME}: the account was found by username only (its external id is
     * not the login's) and is bound to no subject yet; linking it needs {@link
     * SyncEngine.Builder#linkAccountsByUsername()}.
     */
    UNCONFIRMED_ACCOUNT,
    /** The user store failed (a 503: the store may recover). */
    STORE_UNAVAILABLE,
    /** The directory failed or timed out during a lookup (a 503). */
    SOURCE_UNAVAILABLE
  }

  /**
   * Validates, copies the groups and makes the message safe to log.
   *
   * @param account the account signed in to, or null when refused
   * @param groups the account's groups; empty when refused
   * @param refusal why the login was refused, or null when signed in
   * @param message what happened (escaped here)
   * @param outcome what the engine did to the store, or null
   * @throws IllegalArgumentException unless exactly one of account and refusal is set, or when a
   *     refusal has groups
   */
  public LoginResult {
    if ((account == null) == (refusal == null)) {
      throw new IllegalArgumentException("a login result has either an account or a refusal");
    }
    if (refusal != null && !groups.isEmpty()) {
      throw new IllegalArgumentException("a refused login has no groups");
    }
    groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    message = LogSafe.escape(Objects.requireNonNull(message, "message"));
  }

  /**
   * A signed-in login.
   *
   * @param account the account
   * @param groups its groups
   * @param outcome what the engine did to the store
   * @param message what happened
   * @return the result
   */
  public static LoginResult signedIn(
      StoredUser account, Set<String> groups, UserOutcome outcome, String message) {
    return new LoginResult(account, groups, null, message, outcome);
  }

  /**
   * A refused login.
   *
   * @param refusal why
   * @param message what happened, for logs
   * @param outcome what the engine did to the store, or null
   * @return the result
   */
  public static LoginResult refused(Refusal refusal, String message, @Nullable UserOutcome outcome) {
    return new LoginResult(null, Set.of(), refusal, message, outcome);
  }

  /** {@return whether the login is signed in to {@link #account()}} */
  public boolean isSignedIn() {
    return account != null;
  }
}
