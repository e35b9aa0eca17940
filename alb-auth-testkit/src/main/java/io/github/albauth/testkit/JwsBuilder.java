package io.github.albauth.testkit;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every token builder of the test kit can do: claims, header members, expiry, the signing key,
 * exact JSON text, and the signature itself. {@link AlbTokenMinter.TokenBuilder} and
 * {@link IdpTokenMinter.TokenBuilder} add what their tokens need. Not thread-safe; use one per
 * token.
 *
 * @param <B> the builder type each option returns
 */
public interface JwsBuilder<B extends JwsBuilder<B>> {
  /**
   * Sets the {@code sub} claim (absent unless set).
   *
   * @param sub the subject, the IdP's id for the user
   * @return this builder
   */
  B subject(String sub);

  /**
   * Sets a payload claim, replacing one the minter adds by default.
   *
   * @param name the claim name
   * @param value a String, Number, Boolean, List, Map, or null for a JSON {@code null}
   * @return this builder
   */
  B claim(String name, @Nullable Object value);

  /**
   * Sets every claim of the map, in its iteration order, as {@link #claim} would.
   *
   * @param claims claim names to values
   * @return this builder
   */
  B claims(Map<String, ?> claims);

  /**
   * Sets {@code exp} (for ALB tokens: in the header and the payload).
   *
   * @param exp the expiry, written in whole seconds since the epoch
   * @return this builder
   */
  B expiresAt(Instant exp);

  /**
   * Sets {@code exp} relative to the minter clock's now.
   *
   * @param lifetime how long the token stays valid; negative for a token already expired
   * @return this builder
   */
  B expiresIn(Duration lifetime);

  /**
   * Adds or overrides any header member ({@code alg, kid, crit, jku, …}).
   *
   * @param name the header member
   * @param value a String, Number, Boolean, List, Map, or null for a JSON {@code null}
   * @return this builder
   */
  B header(String name, @Nullable Object value);

  /**
   * Drops a header member, also one the minter writes by default.
   *
   * @param name the header member
   * @return this builder
   */
  B withoutHeader(String name);

  /**
   * Drops a payload claim, also one the minter adds by default (such as {@code exp}, {@code iss}).
   *
   * @param name the claim name
   * @return this builder
   */
  B withoutClaim(String name);

  /**
   * Sets the header {@code kid}; signs with that kid's key if the minter has it, else the current
   * key.
   *
   * @param kid the key id to write
   * @return this builder
   */
  B keyId(String kid);

  /**
   * Signs with this key instead (key substitution): an EC key signs R||S ES256-style, an RSA key
   * RS256.
   *
   * @param key the private key to sign with; the header is not changed to match it
   * @return this builder
   */
  B signWith(PrivateKey key);

  /**
   * Uses this exact header JSON text (duplicate keys, odd whitespace, …) instead of the members.
   *
   * @param json the header text, base64url-encoded as given
   * @return this builder
   */
  B rawHeaderJson(String json);

  /**
   * Uses this exact payload JSON text instead of the claims.
   *
   * @param json the payload text, base64url-encoded as given
   * @return this builder
   */
  B rawPayloadJson(String json);

  /**
   * {@return {@code headerSegment + "." + payloadSegment} as emitted: what the signature covers}
   */
  String signingInput();

  /**
   * {@return the token, {@code header.payload.signature}, signed over {@link #signingInput()}
   * exactly as emitted}
   */
  String sign();

  /**
   * Builds the token with a signature of the caller's choosing.
   *
   * @param signatureBytes the signature to encode as the third segment (all-zero, r=s=0, DER,
   *     truncated, …), not checked
   * @return the same header and payload segments as {@link #sign()}, with these signature bytes
   */
  String signature(byte[] signatureBytes);
}
