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

  /** A builder for a minter; every option has a default. */
  public static Builder builder() {
    return new DefaultBuilder();
  }

  /**
   * A minter with the defaults: issuer {@code https://idp.example.test}, client id
   * {@code test-client}, one RSA 2048 key, tokens valid for one hour (Cognito's default) on
   * {@link Clock#systemUTC()}.
   */
  public static IdpTokenMinter create() {
    return builder().build();
  }

  /** The issuer ({@code iss}). */
  public String issuer() {
    return issuer;
  }

  /** The client id ({@code client_id}, Keycloak {@code azp}). */
  public String clientId() {
    return clientId;
  }

  /** The kid of the key new tokens are signed with (a random UUID). */
  public String currentKeyId() {
    return keys.currentKid();
  }

  /**
   * The public key for {@code kid}.
   *
   * @throws IllegalArgumentException when this minter never had that kid
   */
  public RSAPublicKey publicKey(String kid) {
    return keys.publicKey(kid, RSAPublicKey.class);
  }

  /** Every key this minter ever signed with, by kid, oldest first (a snapshot). */
  public Map<String, RSAPublicKey> publicKeys() {
    return keys.publicKeys(RSAPublicKey.class);
  }

  /** A new RSA key under a new kid becomes current; older keys stay in the JWKS. Returns the new kid. */
  public String rotateKey() {
    return keys.rotate();
  }

  /** The JWKS document ({@code {"keys":[…]}}) with every key, as the IdP serves it. */
  public String jwksJson() {
    return Keys.jwks(publicKeys());
  }

  /** Starts a token signed with the current key, expiring after the token lifetime. */
  public TokenBuilder token() {
    return new IdpTokenBuilder();
  }

  /** Shortcut for {@code token().subject(subject).claims(claims).sign()}. */
  public String mint(String subject, Map<String, ?> claims) {
    return token().subject(subject).claims(claims).sign();
  }

  /** Options of an {@link IdpTokenMinter}; each may be set once; tokens live one hour by default. Not thread-safe. */
  public interface Builder extends MinterBuilder<Builder, IdpTokenMinter> {}

  /** One access token (RS256, unpadded segments); every part overridable. Not thread-safe; use one per token. */
  public interface TokenBuilder extends JwsBuilder<TokenBuilder> {
    /** {@code token_use} (Cognito: {@code access} by default, {@code id} for an ID token). */
    TokenBuilder tokenUse(String tokenUse);

    /** {@code client_id} (Cognito access tokens carry it instead of {@code aud}). */
    TokenBuilder clientId(String clientId);

    /** {@code aud}: a string for one audience, an array for several. */
    TokenBuilder audience(String... audiences);

    /** {@code scope}: the scopes joined by spaces. */
    TokenBuilder scope(String... scopes);

    /** {@code username} (Cognito). */
    TokenBuilder username(String username);

    /** {@code cognito:groups} (Cognito user pool groups). */
    TokenBuilder cognitoGroups(String... groups);

    /** {@code groups} (Entra ID group object ids, Okta group names). */
    TokenBuilder groups(String... groups);

    /** {@code roles} (Entra ID app roles). */
    TokenBuilder roles(String... roles);

    /** {@code realm_access.roles} (Keycloak realm roles). */
    TokenBuilder realmRoles(String... roles);

    /** {@code resource_access.<client>.roles} (Keycloak client roles); call once per client. */
    TokenBuilder clientRoles(String client, String... roles);

    /**
     * Keycloak's shape instead of Cognito's: header {@code typ: "JWT"}, payload {@code typ: "Bearer"},
     * {@code azp} (the client id), {@code aud: "account"}, no {@code token_use}/{@code client_id}.
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
    public TokenBuilder scope(String... scopes) {
      return claim("scope", String.join(" ", scopes));
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
