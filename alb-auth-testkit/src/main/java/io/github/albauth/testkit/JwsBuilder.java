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
  /** The {@code sub} claim (absent unless set). */
  B subject(String sub);

  /** A payload claim: String, Number, Boolean, List, Map or null (written as JSON null). */
  B claim(String name, @Nullable Object value);

  /** Every claim of the map, in its iteration order. */
  B claims(Map<String, ?> claims);

  /** Sets {@code exp} (for ALB tokens: in the header and the payload). */
  B expiresAt(Instant exp);

  /** Expires this long after the minter clock's now (negative: already expired). */
  B expiresIn(Duration lifetime);

  /** Adds or overrides any header member ({@code alg, kid, crit, jku, …}). */
  B header(String name, @Nullable Object value);

  /** Drops a header member. */
  B withoutHeader(String name);

  /** Drops a payload claim, also one the minter adds by default (such as {@code exp}, {@code iss}). */
  B withoutClaim(String name);

  /** The header {@code kid}; signs with that kid's key if the minter has it, else the current key. */
  B keyId(String kid);

  /** Signs with this key instead (key substitution): an EC key signs R||S ES256-style, an RSA key RS256. */
  B signWith(PrivateKey key);

  /** This exact header JSON text (duplicate keys, odd whitespace, …). */
  B rawHeaderJson(String json);

  /** This exact payload JSON text. */
  B rawPayloadJson(String json);

  /** {@code headerSegment + "." + payloadSegment} as emitted: what the signature covers. */
  String signingInput();

  /** {@code header.payload.signature}, signed over {@link #signingInput()} exactly as emitted. */
  String sign();

  /** The same segments with exactly these signature bytes (all-zero, r=s=0, DER, truncated, …). */
  String signature(byte[] signatureBytes);
}
