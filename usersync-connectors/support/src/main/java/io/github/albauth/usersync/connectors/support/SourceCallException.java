package io.github.albauth.usersync.connectors.support;

import io.github.albauth.usersync.UserSyncException;
import org.jspecify.annotations.Nullable;

/**
 * A call to an IdP's API failed for good (after the retries its settings allow). The message names
 * the call, the HTTP status and the vendor's error code; it never contains a token or secret.
 * {@link #reason()} is {@link UserSyncException.Reason#SOURCE_TIMEOUT} when the last attempt timed
 * out and {@link UserSyncException.Reason#SOURCE_FAILED} otherwise; connectors translate statuses
 * that mean something else (for example Graph's {@code 410} to {@link
 * UserSyncException.Reason#DELTA_EXPIRED}).
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceCallException extends UserSyncException {

  private static final long serialVersionUID = 1L;

  /** The call, as the connector names it. */
  private final String call;
  /** The HTTP status of the last response, or 0 when none arrived. */
  private final int status;
  /** The vendor's error code, or null. */
  private final @Nullable String vendorCode;

  /**
   * Creates the exception.
   *
   * @param reason the kind of failure
   * @param call the call, as the connector names it (e.g. {@code "GET /api/v1/users"})
   * @param status the HTTP status of the last response, or 0 when none arrived
   * @param vendorCode the vendor's error code from the response body, or null
   * @param message what went wrong and what to do about it; never a secret
   * @param cause the underlying failure, or null
   */
  public SourceCallException(Reason reason, String call, int status, @Nullable String vendorCode,
      String message, @Nullable Throwable cause) {
    super(reason, message);
    this.call = call;
    this.status = status;
    this.vendorCode = vendorCode;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** {@return the call that failed, as the connector names it} */
  public String call() {
    return call;
  }

  /** {@return the HTTP status of the last response, or 0 when no response arrived} */
  public int status() {
    return status;
  }

  /** {@return the vendor's error code (Okta {@code errorCode}, Graph {@code error.code}), or null} */
  public @Nullable String vendorCode() {
    return vendorCode;
  }
}
