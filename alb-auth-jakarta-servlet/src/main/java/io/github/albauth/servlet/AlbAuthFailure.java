package io.github.albauth.servlet;

/**
 * Why {@link AlbAuthenticationFilter} refused a request: logged as the reason code and stored as
 * the request attribute {@link #REQUEST_ATTRIBUTE} (visible to an error page or an outer filter).
 */
public enum AlbAuthFailure {
  /** No token header on a protected path (401). */
  MISSING_TOKEN(401),
  /** The ALB token did not verify; the log line carries the verifier's reason (401). */
  INVALID_TOKEN(401),
  /** Access-token groups are required but the access token is missing or invalid (401). */
  INVALID_ACCESS_TOKEN(401),
  /**
   * A header the ALB sends once ({@code x-amzn-oidc-data}, {@code -identity}, {@code -accesstoken},
   * or the configured token header) came more than once; the log line names it (401).
   */
  MALFORMED(401),
  /**
   * The access token is valid but not bound to the ALB token: another {@code sub}, or the
   * configured claim pair ({@code albauth.access-token.bind-claims}) differs or is missing — one
   * user's ALB token with another user's access token (403).
   */
  ACCESS_TOKEN_MISMATCH(403),
  /** The claims could not be mapped to a local user (403). */
  MAPPING_FAILED(403),
  /**
   * The mapped username is missing, not a string, or not canonical (empty, blank, a control,
   * bidi or zero-width character, an unpaired surrogate); nothing falls back to another claim (403).
   */
  INVALID_USERNAME(403),
  /** A mapping rule said to skip this user (403). */
  USER_SKIPPED(403),
  /** The user is in none of the required groups (403). */
  NOT_IN_REQUIRED_GROUP(403),
  /** The user is deactivated in the application's store (403). */
  USER_DEACTIVATED(403),
  /** The store or directory refused the user at login (conflict, not in the directory) (403). */
  PROVISIONING_REFUSED(403),
  /**
   * The application's own access rules refused a signed-in user (403). The filter never gives it:
   * the Spring Security integration answers Spring's access denials ({@code @PreAuthorize},
   * {@code hasRole}, a missing CSRF token) with it, like albauth's own refusals.
   */
  ACCESS_DENIED(403),
  /**
   * The token could not be judged because a dependency of ours is down: the ALB's key endpoint or
   * the IdP's JWKS endpoint did not answer usably, or the key-fetch budget was spent (503 with
   * {@code Retry-After}; the log line names the host, status or timeout). Never a forged token.
   */
  KEY_UNAVAILABLE(503),
  /** The user store failed while provisioning at login (503, try again). */
  PROVISIONING_FAILED(503),
  /**
   * Something failed outside the steps that have a reason of their own (a bug, or a container
   * facility such as the HTTP session store); the log line names the failure's class (503).
   */
  INTERNAL_ERROR(503);

  /** The request attribute holding the failure, when the filter refused a request. */
  public static final String REQUEST_ATTRIBUTE = AlbAuthFailure.class.getName();

  private final int status;

  AlbAuthFailure(int status) {
    this.status = status;
  }

  /** {@return the HTTP status the filter answers with} */
  public int status() {
    return status;
  }
}
