package io.github.albauth.usersync.connectors.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.albauth.usersync.UserSyncException.Reason;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) as an {@link Authorization}: fetches an
 * access token, caches it, fetches a new one shortly before it expires (and after a {@code 401}),
 * with one request at a time however many threads ask. The client authenticates with a client
 * secret ({@code client_secret_post}) or a signed assertion ({@code private_key_jwt}, RFC 7523;
 * RS256 for RSA keys, ES256/ES384/ES512 for EC keys), which Okta service apps require.
 *
 * <pre>{@code
 * ClientCredentials tokens = ClientCredentials.builder()
 *     .tokenEndpoint(URI.create("https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token"))
 *     .clientId(clientId)
 *     .clientSecret(System.getenv("ALBAUTH_ENTRA_CLIENT_SECRET"))
 *     .scopes("https://graph.microsoft.com/.default")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. Neither the secret, the key, the assertion nor the token is ever logged or put in
 * a message.
 */
public final class ClientCredentials implements Authorization {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCredentials.class);
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final URI tokenEndpoint;
  private final String clientId;
  private final @Nullable String clientSecret;
  private final @Nullable PrivateKey privateKey;
  private final @Nullable String keyId;
  private final @Nullable Base64URL thumbprint;
  private final List<String> scopes;
  private final Duration refreshBefore;
  private final HttpSettings http;
  private final ApiClient client;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Token token;

  private record Token(String header, Instant refreshAt) {}

  private ClientCredentials(Builder b, URI tokenEndpoint, String clientId, HttpSettings http) {
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.clientSecret = b.clientSecret;
    this.privateKey = b.privateKey;
    this.keyId = b.keyId;
    this.thumbprint = b.thumbprint;
    this.scopes = List.copyOf(b.scopes);
    this.refreshBefore = b.refreshBefore;
    this.http = http;
    this.client = ApiClient.builder(http, ErrorFormat.OAUTH2).build();
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String header() {
    Token t = token;
    if (t != null && http.clock().instant().isBefore(t.refreshAt())) {
      return t.header();
    }
    lock.lock();
    try {
      t = token;
      if (t != null && http.clock().instant().isBefore(t.refreshAt())) {
        return t.header(); // another thread fetched it while this one waited
      }
      t = fetch();
      token = t;
      return t.header();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean rejected(String rejected) {
    lock.lock();
    try {
      Token t = token;
      if (t != null && t.header().equals(rejected)) {
        token = null;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private Token fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    if (clientSecret != null) {
      form.put("client_secret", clientSecret);
    } else {
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.put("client_assertion", assertion());
    }
    Instant asked = http.clock().instant();
    String call = "fetch an access token for " + clientId;
    Map<String, @Nullable Object> body = client.postForm(call, tokenEndpoint, form);
    Object accessToken = body.get("access_token");
    if (!(accessToken instanceof String value) || value.isBlank()) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 200, null, call
          + ": the token endpoint answered without an access_token; check the token endpoint URL",
          null);
    }
    Object type = body.get("token_type");
    String scheme = type instanceof String s && !s.equalsIgnoreCase("bearer") ? s : "Bearer";
    Duration lifetime = body.get("expires_in") instanceof Number n && n.longValue() > 0
        ? Duration.ofSeconds(n.longValue()) : DEFAULT_LIFETIME;
    // refresh early (a token must not expire between our check and the IdP's), but never before
    // half its lifetime, so a short-lived token is not fetched on every call
    Duration early = refreshBefore.compareTo(lifetime.dividedBy(2)) > 0
        ? lifetime.dividedBy(2) : refreshBefore;
    LOG.debug("fetched an access token for client {} valid for {}", clientId, lifetime);
    return new Token(scheme + " " + value, asked.plus(lifetime).minus(early));
  }

  private String assertion() {
    PrivateKey key = Objects.requireNonNull(privateKey, "built with a private key");
    Instant now = http.clock().instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(tokenEndpoint.toString())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
        .build();
    try {
      JWSSigner signer;
      JWSAlgorithm alg;
      if (key instanceof ECPrivateKey ec) {
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        alg = bits <= 256 ? JWSAlgorithm.ES256 : bits <= 384 ? JWSAlgorithm.ES384 : JWSAlgorithm.ES512;
        signer = new ECDSASigner(ec);
      } else {
        alg = JWSAlgorithm.RS256;
        signer = new RSASSASigner(key);
      }
      JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT);
      if (keyId != null) {
        header.keyID(keyId);
      }
      if (thumbprint != null) {
        header.x509CertSHA256Thumbprint(thumbprint);
      }
      SignedJWT jwt = new SignedJWT(header.build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new SourceCallException(Reason.SOURCE_FAILED, "sign a client assertion", 0, null,
          "signing the private_key_jwt client assertion for " + clientId + " failed ("
              + e.getClass().getSimpleName() + "); check that the key is an RSA (2048 bits or more)"
              + " or EC P-256/P-384/P-521 private key", e);
    }
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + " at " + tokenEndpoint + ", "
        + (clientSecret != null ? "client_secret_post" : "private_key_jwt") + "]";
  }

  /**
   * Builds {@link ClientCredentials}: a token endpoint, a client id, and either a client secret or a
   * private key.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable URI tokenEndpoint;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable PrivateKey privateKey;
    private @Nullable String keyId;
    private @Nullable Base64URL thumbprint;
    private List<String> scopes = List.of();
    private boolean scopesSet;
    private Duration refreshBefore = Duration.ofMinutes(1);
    private boolean refreshBeforeSet;
    // built on demand: each HttpSettings owns an HttpClient (and its selector thread)
    private @Nullable HttpSettings http;

    private Builder() {}

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * Sets the token endpoint (Okta {@code https://{org}/oauth2/v1/token}, Entra {@code
     * https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}).
     *
     * @param uri an https address (http only for localhost tests)
     * @return this builder
     */
    public Builder tokenEndpoint(URI uri) {
      requireUnset(tokenEndpoint != null, "tokenEndpoint");
      Records.requireHttps(uri, "token endpoint");
      tokenEndpoint = uri;
      return this;
    }

    /**
     * Sets the client id.
     *
     * @param id the OAuth 2.0 client id
     * @return this builder
     */
    public Builder clientId(String id) {
      requireUnset(clientId != null, "clientId");
      if (Objects.requireNonNull(id, "id").isBlank()) {
        throw new IllegalArgumentException("clientId is blank");
      }
      clientId = id;
      return this;
    }

    /**
     * Authenticates with a client secret, sent in the form body ({@code client_secret_post}).
     *
     * @param secret the secret (from the host's configuration; never logged)
     * @return this builder
     */
    public Builder clientSecret(String secret) {
      requireUnset(clientSecret != null, "clientSecret");
      if (Objects.requireNonNull(secret, "secret").isBlank()) {
        throw new IllegalArgumentException("clientSecret is blank; pass the secret from the"
            + " configuration");
      }
      clientSecret = secret;
      return this;
    }

    /**
     * Authenticates with a signed assertion ({@code private_key_jwt}) whose header names the key
     * by id (Okta: the {@code kid} of the public key registered with the service app).
     *
     * @param key an RSA or EC private key
     * @param id the key id, or null to send none
     * @return this builder
     */
    public Builder privateKeyJwt(PrivateKey key, @Nullable String id) {
      requireUnset(privateKey != null, "privateKeyJwt");
      privateKey = requireSigningKey(key);
      keyId = id;
      return this;
    }

    /**
     * Authenticates with a signed assertion whose header names the key by its certificate's
     * SHA-256 thumbprint ({@code x5t#S256}; Entra certificate credentials).
     *
     * @param key the certificate's RSA or EC private key
     * @param certificate the certificate uploaded to the app registration
     * @return this builder
     */
    public Builder privateKeyJwt(PrivateKey key, X509Certificate certificate) {
      requireUnset(privateKey != null, "privateKeyJwt");
      privateKey = requireSigningKey(key);
      try {
        thumbprint = Base64URL.encode(
            MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
        throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
      }
      return this;
    }

    private static PrivateKey requireSigningKey(PrivateKey key) {
      Objects.requireNonNull(key, "key");
      if (!(key instanceof RSAPrivateKey) && !(key instanceof ECPrivateKey)) {
        throw new IllegalArgumentException("the private key is " + key.getAlgorithm()
            + "; private_key_jwt needs an RSA or EC key");
      }
      return key;
    }

    /**
     * Asks for these scopes (Okta {@code okta.users.read okta.groups.read}; Entra {@code
     * https://graph.microsoft.com/.default}).
     *
     * @param scope the scopes
     * @return this builder
     */
    public Builder scopes(String... scope) {
      requireUnset(scopesSet, "scopes");
      scopes = List.of(scope);
      scopesSet = true;
      return this;
    }

    /**
     * Sets how long before expiry a token is replaced (default 1 minute; at most half the
     * token's lifetime is used).
     *
     * @param early a positive duration
     * @return this builder
     */
    public Builder refreshBefore(Duration early) {
      requireUnset(refreshBeforeSet, "refreshBefore");
      if (early.isNegative() || early.isZero()) {
        throw new IllegalArgumentException("refreshBefore is " + early + "; give a positive duration");
      }
      refreshBefore = early;
      refreshBeforeSet = true;
      return this;
    }

    /**
     * Sets the timeouts, retries and clock of token requests (default {@link
     * HttpSettings#defaults()}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder http(HttpSettings settings) {
      requireUnset(http != null, "http");
      http = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Builds the token cache; no token is fetched until the first call needs one.
     *
     * @return the credentials
     * @throws IllegalStateException when the endpoint, the client id or the credential is missing,
     *     or both a secret and a key were given
     */
    public ClientCredentials build() {
      if (tokenEndpoint == null) {
        throw new IllegalStateException("tokenEndpoint is not set; set the IdP's token endpoint");
      }
      if (clientId == null) {
        throw new IllegalStateException("clientId is not set");
      }
      if ((clientSecret == null) == (privateKey == null)) {
        throw new IllegalStateException(clientSecret == null
            ? "no client credential; set clientSecret or privateKeyJwt"
            : "both clientSecret and privateKeyJwt were set; use one");
      }
      return new ClientCredentials(this, tokenEndpoint, clientId,
          http != null ? http : HttpSettings.defaults());
    }
  }
}
