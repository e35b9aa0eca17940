package io.github.albauth.core.internal;

/**
 * Checks an access token's signature with a key from the IdP's JWKS. The implementation uses
 * nimbus-jose-jwt, an optional dependency; this interface keeps every nimbus type out of the
 * public {@code AccessTokenVerifier}, so that loading it never needs nimbus. Thread-safe.
 */
public interface AccessTokenSignatures extends AutoCloseable {
  /**
   * Checks the signature of an access token whose header and payload were already parsed.
   *
   * @param token the compact JWS
   * @throws io.github.albauth.core.AlbTokenException when the key or the signature is not accepted
   */
  void verify(String token);

  /** Stops the JWKS client and its threads; idempotent. */
  @Override
  void close();
}
