package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.UserSyncException;
import org.jspecify.annotations.Nullable;

/**
 * A call to the Cognito user pools API failed for good (after the retries the configuration
 * allows). {@link #reason()} tells the engine what it means: as a source, {@link
 * UserSyncException.Reason#SOURCE_FAILED} (or {@link UserSyncException.Reason#SOURCE_TIMEOUT});
 * as a store, {@link UserSyncException.Reason#CONFLICT} ({@code UsernameExistsException}, {@code
 * GroupExistsException}, {@code AliasExistsException}), {@link UserSyncException.Reason#NOT_FOUND}
 * ({@code UserNotFoundException}, a missing group), {@link UserSyncException.Reason#INVALID_USER}
 * ({@code InvalidParameterException}, {@code InvalidPasswordException}), {@link
 * UserSyncException.Reason#STORE_FAILED} ({@code TooManyRequestsException} after the retries,
 * {@code LimitExceededException}) or {@link UserSyncException.Reason#STORE_UNAVAILABLE} (missing
 * permissions, a missing pool, server errors, timeouts: no other user could succeed either). The
 * message names the operation, the HTTP status, AWS's error code and what to fix; it never holds a
 * password or credentials.
 *
 * <p>Immutable and thread-safe.
 */
public final class CognitoCallException extends UserSyncException {

  private static final long serialVersionUID = 1L;

  /** The operation, e.g. {@code AdminCreateUser}. */
  private final String operation;
  /** The HTTP status of the last response, or 0 when none arrived. */
  private final int status;
  /** AWS's error code, or null when no response arrived. */
  private final @Nullable String errorCode;

  /**
   * Creates the exception.
   *
   * @param reason what the failure means to the engine
   * @param operation the operation, e.g. {@code ListUsers}
   * @param status the HTTP status of the last response, or 0 when none arrived
   * @param errorCode AWS's error code (e.g. {@code TooManyRequestsException}), or null
   * @param message what went wrong and what to fix; never a secret
   * @param cause the SDK's exception, or null
   */
  public CognitoCallException(Reason reason, String operation, int status,
      @Nullable String errorCode, String message, @Nullable Throwable cause) {
    super(reason, message);
    this.operation = operation;
    this.status = status;
    this.errorCode = errorCode;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** {@return the operation that failed, e.g. {@code AdminCreateUser}} */
  public String operation() {
    return operation;
  }

  /** {@return the HTTP status of the last response, or 0 when no response arrived} */
  public int status() {
    return status;
  }

  /** {@return AWS's error code, e.g. {@code UserNotFoundException}, or null} */
  public @Nullable String errorCode() {
    return errorCode;
  }
}
