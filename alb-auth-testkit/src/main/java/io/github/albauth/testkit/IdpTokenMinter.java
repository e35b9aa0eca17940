package io.github.albauth.testkit;

import io.github.albauth.testkit.internal.AbstractMinterBuilder;
import io.github.albauth.testkit.internal.AbstractTokenBuilder;
import io.github.albauth.testkit.internal.KeyRing;
import io.github.albauth.testkit.internal.Keys;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints IdP access tokens, the kind the ALB passes through in {@code x-amzn-oidc-accesstoken}: RS256
 * JWTs shaped like Amazon Cognito's (header {@code {"kid":…,"alg":"RS256"}}, payload with
 * {@code iss}, {@code client_id}, {@code token_use: "access"}, {@code scope}, {@code iat},
 * {@code exp}, {@code jti}), or Keycloak's with {@link TokenBuilder#keycloak()}. Segments are
 * standard unpadded base64url. Serve the keys as a JWKS with {@link AlbKeyServer#serveJwks}.
 *
 * <pre>{@code
 * IdpTokenMinter idp = IdpTokenMinter.create();
 * String accessToken = idp.token().subject("alice").cognitoGroups("admins").sign();
 * }</pre>
 *
 * <p>Thread-safe; each {@link TokenBuilder} is not.
 */
public final class IdpTokenMinter {

  private final String issuer;
  private final String clientId;
  private final Clock clock;
  private final Duration tokenLifetime;
  private final KeyRing keys = new KeyRing(() -> Keys.rsaKeyPair(2048));

  private IdpTokenMinter(DefaultBuilder builder) {
    this.issuer = builder.issuer();
    this.clientId = builder.clientId();
    this.clock = builder.clock();
    this.tokenLifetime = builder.tokenLifetime();
  }

  /** {@return a builder for a minter; every option has a default} */
  public static Builder builder() {
    return new DefaultBuilder();
  }

  /**
   * Creates a minter with the defaults: issuer {@code https://idp.example.test}, client id
   * {@code test-client}, one RSA 2048 key, tokens valid for one hour (Cognito's default) on
   * {@link Clock#systemUTC()}.
   *
   * @return the minter
   */
  public static IdpTokenMinter create() {
    return builder().build();
  }

  /** {@return the issuer ({@code iss})} */
  public String issuer() {
    return issuer;
  }

  /** {@return the client id ({@code client_id}, Keycloak {@code azp})} */
  public String clientId() {
    return clientId;
  }

  /** {@return the kid of the key new tokens are signed with (a random UUID)} */
  public String currentKeyId() {
    return keys.currentKid();
  }

  /**
   * Looks up a public key, also one that was rotated out.
   *
   * @param kid a key id this minter signed with
   * @return the public key for {@code kid}
   * @throws IllegalArgumentException when this minter never had that kid
   */
  public RSAPublicKey publicKey(String kid) {
    return keys.publicKey(kid, RSAPublicKey.class);
  }

  /** {@return every key this minter ever signed with, by kid, oldest first (a snapshot)} */
  public Map<String, RSAPublicKey> publicKeys() {
    return keys.publicKeys(RSAPublicKey.class);
  }

  /**
   * Makes a new RSA key under a new kid the current one; older keys stay in the JWKS.
   *
   * @return the new kid
   */
  public String rotateKey() {
    return keys.rotate();
  }

  /** {@return the JWKS document ({@code {"keys":[…]}}) with every key, as the IdP serves it} */
  public String jwksJson() {
    return Keys.jwks(publicKeys());
  }

  /**
   * Starts a token signed with the current key, expiring after the token lifetime.
   *
   * @return a builder for one token
   */
  public TokenBuilder token() {
    return new IdpTokenBuilder();
  }

  /**
   * Mints a token in one call: {@code token().subject(subject).claims(claims).sign()}.
   *
   * @param subject the {@code sub} claim
   * @param claims further claims, added after the defaults (and replacing them)
   * @return the signed token
   */
  public String mint(String subject, Map<String, ?> claims) {
    return token().subject(subject).claims(claims).sign();
  }

  /** Options of an {@link IdpTokenMinter}; each may be set once; tokens live one hour by default. Not thread-safe. */
  public interface Builder extends MinterBuilder<Builder, IdpTokenMinter> {}

  /** One access token (RS256, unpadded segments); every part overridable. Not thread-safe; use one per token. */
  public interface TokenBuilder extends JwsBuilder<TokenBuilder> {
    /**
     * Sets {@code token_use} (Cognito: {@code access} by default, {@code id} for an ID token).
     *
     * @param tokenUse the claim's value
     * @return this builder
     */
    TokenBuilder tokenUse(String tokenUse);

    /**
     * Sets {@code client_id} (Cognito access tokens carry it instead of {@code aud}).
     *
     * @param clientId the claim's value
     * @return this builder
     */
    TokenBuilder clientId(String clientId);

    /**
     * Sets {@code aud}.
     *
     * @param audiences one audience (written as a string) or several (written as an array)
     * @return this builder
     */
    TokenBuilder audience(String... audiences);

    /**
     * Sets the space-separated {@code scope} claim.
     *
     * @param values the scopes, joined by spaces in this order
     * @return this builder
     */
    TokenBuilder scope(String... values);

    /**
     * Sets {@code username} (Cognito).
     *
     * @param username the claim's value
     * @return this builder
     */
    TokenBuilder username(String username);

    /**
     * Sets {@code cognito:groups} (Cognito user pool groups).
     *
     * @param groups the group names, written as an array
     * @return this builder
     */
    TokenBuilder cognitoGroups(String... groups);

    /**
     * Sets {@code groups} (Entra ID group object ids, Okta group names).
     *
     * @param groups the groups, written as an array
     * @return this builder
     */
    TokenBuilder groups(String... groups);

    /**
     * Sets {@code roles} (Entra ID app roles).
     *
     * @param roles the role values, written as an array
     * @return this builder
     */
    TokenBuilder roles(String... roles);

    /**
     * Sets {@code realm_access.roles} (Keycloak realm roles).
     *
     * @param roles the realm roles, written as an array
     * @return this builder
     */
    TokenBuilder realmRoles(String... roles);

    /**
     * Sets {@code resource_access.<client>.roles} (Keycloak client roles); call once per client.
     *
     * @param client the client id the roles belong to
     * @param roles the client roles, written as an array
     * @return this builder
     */
    TokenBuilder clientRoles(String client, String... roles);

    /**
     * Switches to Keycloak's shape instead of Cognito's: header {@code typ: "JWT"}, payload
     * {@code typ: "Bearer"}, {@code azp} (the client id), {@code aud: "account"}, no
     * {@code token_use}/{@code client_id}.
     *
     * @return this builder
     */
    TokenBuilder keycloak();
  }

  private final class IdpTokenBuilder extends AbstractTokenBuilder<TokenBuilder>
      implements TokenBuilder {

    private final Map<String, Object> resourceAccess = new LinkedHashMap<>();

    IdpTokenBuilder() {
      super(keys, clock, IdpTokenMinter.this.defaultHeader(keys.currentKid()), IdpTokenMinter.this.defaultClaims(clock.instant()), false, false);
    }

    @Override
    protected TokenBuilder self() {
      return this;
    }

    @Override
    public TokenBuilder tokenUse(String tokenUse) {
      return claim("token_use", tokenUse);
    }

    @Override
    public TokenBuilder clientId(String id) {
      return claim("client_id", id);
    }

    @Override
    public TokenBuilder audience(String... audiences) {
      return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    @Override
    public TokenBuilder scope(String... values) {
      return claim("scope", String.join(" ", values));
    }

    @Override
    public TokenBuilder username(String username) {
      return claim("username", username);
    }

    @Override
    public TokenBuilder cognitoGroups(String... groups) {
      return claim("cognito:groups", List.of(groups));
    }

    @Override
    public TokenBuilder groups(String... groups) {
      return claim("groups", List.of(groups));
    }

    @Override
    public TokenBuilder roles(String... roles) {
      return claim("roles", List.of(roles));
    }

    @Override
    public TokenBuilder realmRoles(String... roles) {
      return claim("realm_access", Map.of("roles", List.of(roles)));
    }

    @Override
    public TokenBuilder clientRoles(String client, String... roles) {
      resourceAccess.put(client, Map.of("roles", List.of(roles)));
      return claim("resource_access", new LinkedHashMap<>(resourceAccess));
    }

    @Override
    public TokenBuilder keycloak() {
      header("typ", "JWT");
      withoutClaim("token_use");
      withoutClaim("client_id");
      defaultClaim("typ", "Bearer");
      defaultClaim("azp", clientId);
      return defaultClaim("aud", "account");
    }
  }

  private Map<String, Object> defaultHeader(String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("kid", kid);
    header.put("alg", "RS256");
    return header;
  }

  private Map<String, Object> defaultClaims(Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("client_id", clientId);
    claims.put("token_use", "access");
    claims.put("scope", "openid");
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(tokenLifetime).getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    return claims;
  }

  private static final class DefaultBuilder extends AbstractMinterBuilder<Builder, IdpTokenMinter>
      implements Builder {
    DefaultBuilder() {
      super(Duration.ofHours(1));
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    public IdpTokenMinter build() {
      return new IdpTokenMinter(this);
    }
  }
}
