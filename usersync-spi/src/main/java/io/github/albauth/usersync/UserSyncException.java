package io.github.albauth.usersync;

import java.util.Objects;

/**
 * A UserSync operation failed. {@link #reason()} says which kind of problem it is, for code; the
 * message says what is wrong, for people (never a secret).
 *
 * <p>Stores and sources throw it too. A store throws {@link Reason#STORE_UNAVAILABLE} when it is
 * down (the engine aborts the run); any other failure of a store call for one user ({@link
 * Reason#CONFLICT} when a username is taken, {@link Reason#STORE_FAILED}, or any other runtime
 * exception) fails only that user, and the run goes on.
 */
public class UserSyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Machine-readable kinds of failure. */
  public enum Reason {
    /** The directory source failed (network, authentication, paging); the run is aborted. */
    SOURCE_FAILED,
    /**
     * A store call for one user failed; a sync fails that user and goes on with the others (a
     * configured number of consecutive failures aborts it).
     */
    STORE_FAILED,
    /**
     * The store is down (no connection, read-only, out of space): a sync stops at once, with
     * nothing more written or deprovisioned. Throw it rather than {@link #STORE_FAILED} when no
     * other user could succeed either.
     */
    STORE_UNAVAILABLE,
    /**
     * The directory source did not answer within the engine's per-call timeout or its run's time
     * budget (a hanging connection); the run is aborted and nothing is deprovisioned.
     */
    SOURCE_TIMEOUT,
    /**
     * A {@link DeltaSource} no longer accepts the saved delta token or cursor (Graph {@code 410
     * Gone}/{@code syncStateNotFound}, an Okta or OneLogin timestamp older than the change log): a
     * full sync is needed, which the engine runs at once by default.
     */
    DELTA_EXPIRED,
    /** A username or group name is already taken by another user or group. */
    CONFLICT,
    /** A user record is invalid (for example the mapping yielded no username). */
    INVALID_USER,
    /** A user or group that an operation names does not exist. */
    NOT_FOUND,
    /** The source or store lacks a capability that the configuration needs. */
    UNSUPPORTED,
    /** An input file is not valid JSON or CSV. */
    MALFORMED_FILE,
    /** An input file is larger than the configured bound. */
    FILE_TOO_LARGE,
    /** An input file has no id column or a record without an id. */
    MISSING_ID,
    /** An input file has two records with the same id. */
    DUPLICATE_ID,
    /** An optional library that the operation needs (such as Jackson) is not on the class path. */
    MISSING_DEPENDENCY
  }

  /** The kind of failure; part of the serialized form. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the kind of failure
   * @param message what is wrong and how to fix it
   */
  public UserSyncException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason the kind of failure
   * @param message what is wrong and how to fix it
   * @param cause the underlying failure
   */
  public UserSyncException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return the kind of failure} */
  public Reason reason() {
    return reason;
  }
}
