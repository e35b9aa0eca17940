package io.github.albauth.testkit;

import static io.github.albauth.testkit.internal.Options.once;

import io.github.albauth.testkit.internal.AbstractTokenBuilder;
import io.github.albauth.testkit.internal.KeyRing;
import io.github.albauth.testkit.internal.Keys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
    this.issuer = builder.issuer != null ? builder.issuer : "https://idp.example.test";
    this.clientId = builder.clientId != null ? builder.clientId : "test-client";
    this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
    this.tokenLifetime = builder.tokenLifetime != null ? builder.tokenLifetime : Duration.ofHours(1);
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
    PublicKey key = keys.publicKey(kid);
    if (key == null) {
      throw new IllegalArgumentException("unknown kid: " + kid + "; see publicKeys() for the known ones");
    }
    return (RSAPublicKey) key;
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

  /** Options of an {@link IdpTokenMinter}; each may be set once. Not thread-safe. */
  public interface Builder {
    /** The issuer ({@code iss}). */
    Builder issuer(String iss);

    /** The client id ({@code client_id}). */
    Builder clientId(String client);

    /** The clock for {@code iat} and {@code exp}; default {@link Clock#systemUTC()}. */
    Builder clock(Clock clock);

    /** How long minted tokens are valid; default one hour. */
    Builder tokenLifetime(Duration lifetime);

    /** The minter. */
    IdpTokenMinter build();
  }

  /** One access token; every part overridable. Not thread-safe; use one per token. */
  public interface TokenBuilder {
    /** The {@code sub} claim (absent unless set). */
    TokenBuilder subject(String sub);

    /** A payload claim: String, Number, Boolean, List, Map or null. */
    TokenBuilder claim(String name, @Nullable Object value);

    /** Every claim of the map, in its iteration order. */
    TokenBuilder claims(Map<String, ?> claims);

    /** Sets {@code exp}. */
    TokenBuilder expiresAt(Instant exp);

    /** Expires this long after the minter clock's now (negative: already expired). */
    TokenBuilder expiresIn(Duration lifetime);

    /** Adds or overrides a header member. */
    TokenBuilder header(String name, @Nullable Object value);

    /** Drops a header member. */
    TokenBuilder withoutHeader(String name);

    /** Drops a payload claim (also a default one). */
    TokenBuilder withoutClaim(String name);

    /** The header {@code kid}; signs with that kid's key if the minter has it, else the current key. */
    TokenBuilder keyId(String kid);

    /** Signs with this key instead (RSA: RS256; EC: R||S). */
    TokenBuilder signWith(PrivateKey key);

    /** This exact header JSON text. */
    TokenBuilder rawHeaderJson(String json);

    /** This exact payload JSON text. */
    TokenBuilder rawPayloadJson(String json);

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

    /** {@code headerSegment + "." + payloadSegment} as emitted: what the signature covers. */
    String signingInput();

    /** {@code header.payload.signature}, RS256 with the minter's current key. */
    String sign();

    /** The same segments with exactly these signature bytes. */
    String signature(byte[] signatureBytes);
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

  private static final class DefaultBuilder implements Builder {
    private @Nullable String issuer;
    private @Nullable String clientId;
    private @Nullable Clock clock;
    private @Nullable Duration tokenLifetime;

    @Override
    public Builder issuer(String iss) {
      issuer = once("issuer", issuer, iss);
      return this;
    }

    @Override
    public Builder clientId(String client) {
      clientId = once("client id", clientId, client);
      return this;
    }

    @Override
    public Builder clock(Clock value) {
      clock = once("clock", clock, value);
      return this;
    }

    @Override
    public Builder tokenLifetime(Duration lifetime) {
      tokenLifetime = once("token lifetime", tokenLifetime, lifetime);
      return this;
    }

    @Override
    public IdpTokenMinter build() {
      return new IdpTokenMinter(this);
    }
  }
}
