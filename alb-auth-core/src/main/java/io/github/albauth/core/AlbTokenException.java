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

  /** Machine-readable rejection causes. New constants may be added in minor releases. */
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
    /** The key server does not know the key id (HTTP 404, or 403 from S3 in GovCloud). */
    UNKNOWN_KEY,
    /** The key could not be had right now: timeout, refused connection, 5xx, garbage, a key that
     *  is not EC P-256, or the fetch-rate cap. Uncached key ids only; cached ones keep working. */
    KEY_UNAVAILABLE,
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
    IDENTITY_MISMATCH
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
