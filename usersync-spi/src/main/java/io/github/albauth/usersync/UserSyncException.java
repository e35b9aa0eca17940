package io.github.albauth.usersync;

import java.util.Objects;

/**
 * A UserSync operation failed. {@link #reason()} says which kind of problem it is, for code; the
 * message says what is wrong, for people (never a secret).
 *
 * <p>Stores and sources throw it too: a store throws {@link Reason#CONFLICT} when a username is
 * taken (the engine then fails only that user), and any other reason aborts a run.
 */
public class UserSyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Machine-readable kinds of failure. */
  public enum Reason {
    /** The directory source failed (network, authentication, paging); the run is aborted. */
    SOURCE_FAILED,
    /** The user store failed; the run is aborted. */
    STORE_FAILED,
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
