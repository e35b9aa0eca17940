package io.github.albauth.core;

import static java.util.Objects.requireNonNull;

/**
 * Why a token was rejected. Unchecked; the only exception type {@link AlbTokenVerifier} and
 * {@link AccessTokenVerifier} throw for bad input. {@link #reason()} is the machine-readable
 * cause (log it, map it to a status code); the message names the observed value, the limit and
 * the time where that helps, but never contains the token or key material.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlbTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Machine-readable rejection causes. New constants may be added in minor releases.
   *
   * <p>Two kinds: the token was refused (forged, tampered, expired, not for us: answer 401 or
   * 403), or it could not be judged because a dependency of ours is down ({@link
   * #serviceUnavailable()}: answer 503 with {@code Retry-After}; the same token may pass once
   * the dependency is back). Never present an outage as a bad token.
   */
  public enum Reason {
    /** Not a well-formed token: wrong segment count, illegal characters, bad base64 or JSON,
     *  duplicate JSON keys, missing or mistyped required fields (e.g. {@code kid}, {@code sub}). */
    MALFORMED,
    /** Longer than the configured maximum token size; rejected before any parsing. */
    TOO_LARGE,
    /** The header's {@code alg} is anything but {@code ES256}. */
    UNSUPPORTED_ALGORITHM,
    /** The header carries {@code crit}; no critical extension is understood, so none is accepted. */
    CRITICAL_HEADER,
    /** An access token's header {@code typ} says it is something else, e.g. {@code dpop+jwt} (a
     *  DPoP proof); accepted: absent, {@code JWT}, {@code at+jwt}, {@code application/at+jwt}. */
    TYPE_MISMATCH,
    /** The key server does not know the key id (HTTP 404, or 403 from S3 in GovCloud); for an
     *  access token: no key in the IdP's JWKS matches its {@code kid} and {@code alg}. */
    UNKNOWN_KEY,
    /** The key could not be had right now: timeout, refused connection, 5xx, garbage, a key that
     *  is not EC P-256. Uncached key ids only; cached ones keep working. The message names the
     *  host and the HTTP status or the timeout. {@link #serviceUnavailable()}. */
    KEY_UNAVAILABLE(true),
    /** The key id is not cached and was not fetched, because this second's key-fetch budget is
     *  spent (someone may be spraying random key ids); key ids many requests ask for get the next
     *  slots, so a genuine new key id gets in within about a second. For an access token: its kid
     *  is not in the JWKS we have, which was refreshed moments ago (at most twice in 30 s).
     *  {@link #serviceUnavailable()}: the token was not judged; retry later. */
    KEY_FETCH_THROTTLED(true),
    /** The signature does not verify with the key (forged, tampered, truncated, wrong format). */
    BAD_SIGNATURE,
    /** The header's {@code signer} is missing or is not one of the expected ALB ARNs. */
    SIGNER_MISMATCH,
    /** The {@code iss} is not one of the expected issuers (or header and payload disagree). */
    ISSUER_MISMATCH,
    /** The header's {@code client} is not one of the expected client ids. */
    CLIENT_MISMATCH,
    /** An access token's audience / {@code client_id} is not one of the expected ones. */
    AUDIENCE_MISMATCH,
    /** An access token's {@code token_use} is not {@code access} (Cognito). */
    TOKEN_USE_MISMATCH,
    /** {@code exp} (header or payload) is in the past, beyond the allowed clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future, beyond the allowed clock skew. */
    NOT_YET_VALID,
    /** The {@code x-amzn-oidc-identity} value does not equal the token's {@code sub}. */
    IDENTITY_MISMATCH;

    private final boolean serviceUnavailable;

    Reason() {
      this(false);
    }

    Reason(boolean serviceUnavailable) {
      this.serviceUnavailable = serviceUnavailable;
    }

    /**
     * Tells whether this reason means that a dependency of ours (the ALB key endpoint, the IdP's
     * JWKS endpoint) is down or unusable, or was not asked because of the fetch budget, so that
     * the token was not judged: answer 503 with {@code Retry-After}, not 401. False for every
     * reason that means the token itself was refused.
     *
     * @return true only for {@link #KEY_UNAVAILABLE} and {@link #KEY_FETCH_THROTTLED}
     */
    public boolean serviceUnavailable() {
      return serviceUnavailable;
    }
  }

  /** Why the token was refused; part of the serialized form. */
  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason the machine-readable cause
   * @param message what was wrong; must not contain the token
   */
  public AlbTokenException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  /**
   * Creates an exception with a cause.
   *
   * @param reason the machine-readable cause
   * @param message what was wrong; must not contain the token
   * @param cause the underlying failure
   */
  public AlbTokenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /**
   * Returns the machine-readable cause.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }

  /**
   * {@return what was wrong, never null: every constructor takes a message}
   */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage(), "message");
  }

  // toString, not getMessage, carries the reason code: getMessage stays the plain text that callers
  // show or log, while toString (what a stack trace prints) names the reason too.
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    return "AlbTokenException[" + reason + "]: " + getMessage();
  }
}
