package io.github.albauth.core;

import io.github.albauth.core.internal.Texts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A verified IdP access token ({@code x-amzn-oidc-accesstoken}): who it was issued to and the
 * groups and scopes it carries. Claims are typed as in {@link AlbIdentity#claims()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessToken {
  private final @Nullable String subject;
  private final @Nullable String clientId;
  private final String issuer;
  private final Instant expiresAt;
  private final List<String> scopes;
  private final List<String> groups;
  private final Map<String, @Nullable Object> claims;

  AccessToken(
      @Nullable String subject,
      @Nullable String clientId,
      String issuer,
      Instant expiresAt,
      List<String> scopes,
      List<String> groups,
      Map<String, @Nullable Object> claims) {
    this.subject = subject;
    this.clientId = clientId;
    this.issuer = issuer;
    this.expiresAt = expiresAt;
    this.scopes = scopes;
    this.groups = groups;
    this.claims = claims;
  }

  /**
   * Returns the {@code sub} claim.
   *
   * @return the subject, or null if the token has none
   */
  public @Nullable String subject() {
    return subject;
  }

  /**
   * Returns the client the token was issued to ({@code client_id}, else {@code azp}, else
   * {@code appid}).
   *
   * @return the client id, or null
   */
  public @Nullable String clientId() {
    return clientId;
  }

  /**
   * Returns the {@code iss} claim (equal to the configured issuer).
   *
   * @return the issuer
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the {@code exp} claim.
   *
   * @return the expiry
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Returns the scopes ({@code scope} or Entra's {@code scp}, space-separated, or a list).
   *
   * @return the scopes, unmodifiable, possibly empty
   */
  public List<String> scopes() {
    return scopes;
  }

  /**
   * Returns the groups and roles found under the preset's (or configured) group claims, e.g.
   * {@code cognito:groups}, Entra {@code groups}/{@code roles}, Okta {@code groups}, Keycloak
   * {@code realm_access.roles} and {@code resource_access.<client>.roles}, without duplicates.
   *
   * @return the groups, unmodifiable, possibly empty
   */
  public List<String> groups() {
    return groups;
  }

  /**
   * Returns every claim.
   *
   * @return the claims, unmodifiable
   */
  public Map<String, @Nullable Object> claims() {
    return claims;
  }

  /** {@return a short description without claims; values are quoted and escaped (safe to log)} */
  @Override
  public String toString() {
    return "AccessToken[subject=" + quote(subject) + ", clientId=" + quote(clientId) + ", issuer=" + Texts.quote(issuer) + "]";
  }

  private static String quote(@Nullable String value) {
    return value == null ? "none" : Texts.quote(value);
  }
}
