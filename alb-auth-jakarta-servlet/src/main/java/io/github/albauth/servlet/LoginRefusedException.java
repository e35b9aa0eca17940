package io.github.albauth.servlet;

/**
 * Thrown by a {@link LoginProvisioner} when the user store or the directory refuses this user (a
 * username taken by a local account, an account bound to another subject, not found in the
 * directory, a mapping failure), as opposed to the store being down. The filter answers 403 with
 * {@link #failure()} ({@link AlbAuthFailure#PROVISIONING_REFUSED} unless said otherwise); any other
 * exception is a store failure (503).
 */
public final class LoginRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The reason code the filter answers with. */
  private final AlbAuthFailure failure;

  /**
   * Creates the exception: 403 {@link AlbAuthFailure#PROVISIONING_REFUSED}.
   *
   * @param reason why, for the log line (never a secret)
   */
  public LoginRefusedException(String reason) {
    this(AlbAuthFailure.PROVISIONING_REFUSED, reason);
  }

  /**
   * Creates the exception with a reason code of its own.
   *
   * @param failure a 403 reason, e.g. {@link AlbAuthFailure#USER_DEACTIVATED}
   * @param reason why, for the log line (never a secret)
   * @throws IllegalArgumentException when {@code failure} is not a 403
   */
  public LoginRefusedException(AlbAuthFailure failure, String reason) {
    super(reason, null, false, false);
    if (failure.status() != 403) {
      throw new IllegalArgumentException("a refused login is a 403, not " + failure);
    }
    this.failure = failure;
  }

  /** {@return the reason code the filter answers with} */
  public AlbAuthFailure failure() {
    return failure;
  }
}
