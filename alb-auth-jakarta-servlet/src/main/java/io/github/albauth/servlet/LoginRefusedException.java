package io.github.albauth.servlet;

/**
 * Thrown by a {@link LoginProvisioner} when the user store or the directory refuses this user (a
 * username taken by a local account, not found in the directory, a mapping failure), as opposed to
 * the store being down. The filter answers 403 with {@link AlbAuthFailure#PROVISIONING_REFUSED}; any
 * other exception is a store failure (503).
 */
public final class LoginRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason why, for the log line (never a secret)
   */
  public LoginRefusedException(String reason) {
    super(reason, null, false, false);
  }
}
