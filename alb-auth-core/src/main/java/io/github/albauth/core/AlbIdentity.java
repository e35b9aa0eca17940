package io.github.albauth.core;

import io.github.albauth.core.internal.Texts;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a verified {@code x-amzn-oidc-data} token says about the user: the payload's claims (the
 * IdP's userinfo response, typed as the JSON gave them) and the ALB's header fields.
 *
 * <p>Claim values are {@link String}, {@link Boolean}, {@link Long} (integral numbers that fit),
 * {@link Double} (every other number), {@link java.util.List}, {@link Map} or {@code null}; maps and
 * lists are unmodifiable at every depth.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbIdentity {
  private final String subject;
  private final String username;
  private final Map<String, @Nullable Object> claims;
  private final String issuer;
  private final String signer;
  private final String clientId;
  private final Instant expiresAt;
  private final String keyId;

  AlbIdentity(
      String subject,
      String username,
      Map<String, @Nullable Object> claims,
      String issuer,
      String signer,
      String clientId,
      Instant expiresAt,
      String keyId) {
    this.subject = subject;
    this.username = username;
    this.claims = claims;
    this.issuer = issuer;
    this.signer = signer;
    this.clientId = clientId;
    this.expiresAt = expiresAt;
    this.keyId = keyId;
  }

  /**
   * Returns the {@code sub} claim: the IdP's stable, unique id of the user.
   *
   * @return the subject, never empty
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the username: the value of the username claim chosen by the {@link IdpPreset} or
   * {@link AlbTokenVerifier.Builder#usernameClaim(String)} when the token carries it as a
   * non-empty string, otherwise the {@link #subject()} — the same username as the preset's
   * default claim mapping ({@link IdpPreset#claimMappings()}).
   *
   * @return the username, never empty
   */
  public String username() {
    return username;
  }

  /**
   * Returns every payload claim, typed as the JSON gave them.
   *
   * @return the claims, unmodifiable, in token order
   */
  public Map<String, @Nullable Object> claims() {
    return claims;
  }

  /**
   * Returns one claim.
   *
   * @param name the claim name
   * @return the value, or null if absent or JSON null
   */
  public @Nullable Object claim(String name) {
    return claims.get(name);
  }

  /**
   * Returns a claim if it is a string.
   *
   * @param name the claim name
   * @return the string value, or null if absent or not a string
   */
  public @Nullable String stringClaim(String name) {
    Object value = claims.get(name);
    return value instanceof String s ? s : null;
  }

  /**
   * Returns the issuer: the header's {@code iss}, the IdP's issuer URL.
   *
   * @return the issuer
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the header's {@code signer}: the ARN of the load balancer that signed the token (one
   * of the expected signers).
   *
   * @return the signer ARN
   */
  public String signer() {
    return signer;
  }

  /**
   * Returns the header's {@code client}: the OAuth client id the ALB used with the IdP.
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns when the token expires (the earlier of the header's and the payload's {@code exp}).
   *
   * @return the expiry
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Returns the header's {@code kid}: the id of the ALB key that signed the token.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * {@return a short description with subject and issuer, quoted and escaped (safe to log); claims
   * are left out (they are personal data)}
   */
  @Override
  public String toString() {
    return "AlbIdentity[subject=" + Texts.quote(subject) + ", issuer=" + Texts.quote(issuer) + ", expiresAt=" + expiresAt + "]";
  }
}
