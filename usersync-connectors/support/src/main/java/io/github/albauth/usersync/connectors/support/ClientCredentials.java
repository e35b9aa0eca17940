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
 * RS256 for RSA keys, ES256/ES384/ES512 for EC keys), which Okta service apps require. With
 * {@link Builder#jwtBearer} it uses the JWT bearer grant instead (RFC 7523 section 2.1): the signed
 * assertion is the grant and carries the scopes and the user to act as, as Google service accounts
 * with domain-wide delegation need.
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
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final URI tokenEndpoint;
  private final String clientId;
  private final @Nullable String clientSecret;
  private final @Nullable PrivateKey privateKey;
  private final @Nullable String keyId;
  private final @Nullable Base64URL thumbprint;
  private final boolean jwtBearer;
  private final @Nullable String subject;
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
    this.jwtBearer = b.jwtBearer;
    this.subject = b.subject;
    this.scopes = List.copyOf(b.scopes);
    this.refreshBefore = b.refreshBefore;
    this.http = http;
    ApiClient.Builder api = ApiClient.builder(http, ErrorFormat.OAUTH2);
    if (b.advice != null) {
      api.advice(b.advice);
    }
    this.client = api.build();
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
    if (jwtBearer) { // the assertion is the grant, and carries the scopes
      form.put("grant_type", JWT_BEARER);
      form.put("assertion", grantAssertion());
    } else {
      form.put("grant_type", "client_credentials");
      form.put("client_id", clientId);
      if (!scopes.isEmpty()) {
        form.put("scope", String.join(" ", scopes));
      }
      if (clientSecret != null) {
        form.put("client_secret", clientSecret);
      } else {
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", clientAssertion());
      }
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

  /** RFC 7523 section 2.2: the client authenticates as itself. */
  private String clientAssertion() {
    Instant now = http.clock().instant();
    return sign(new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(tokenEndpoint.toString())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
        .build());
  }

  /** RFC 7523 section 2.1: the grant, for the subject (if any) and the scopes. */
  private String grantAssertion() {
    Instant now = http.clock().instant();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(clientId)
        .audience(tokenEndpoint.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)));
    if (subject != null) {
      claims.subject(subject);
    }
    if (!scopes.isEmpty()) {
      claims.claim("scope", String.join(" ", scopes));
    }
    return sign(claims.build());
  }

  private String sign(JWTClaimsSet claims) {
    PrivateKey key = Objects.requireNonNull(privateKey, "built with a private key");
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
      throw new SourceCallException(Reason.SOURCE_FAILED, "sign an assertion", 0, null,
          "signing the " + (jwtBearer ? "JWT bearer grant" : "private_key_jwt client assertion")
              + " for " + clientId + " failed ("
              + e.getClass().getSimpleName() + "); check that the key is an RSA (2048 bits or more)"
              + " or EC P-256/P-384/P-521 private key", e);
    }
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + " at " + tokenEndpoint + ", "
        + (clientSecret != null ? "client_secret_post" : jwtBearer
            ? "jwt-bearer grant" + (subject != null ? " as " + subject : "") : "private_key_jwt")
        + "]";
  }

  /**
   * Builds {@link ClientCredentials}: a token endpoint, a client id, and one credential: a client
   * secret, a private key for {@code private_key_jwt}, or a private key for the JWT bearer grant.
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
    private boolean jwtBearer;
    private @Nullable String subject;
    private ApiClient.@Nullable Advice advice;
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
      requireNoKey();
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
      requireNoKey();
      privateKey = requireSigningKey(key);
      try {
        thumbprint = Base64URL.encode(
            MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
        throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * Uses the JWT bearer grant (RFC 7523 section 2.1) instead of client credentials: the token
     * request is {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…}, a JWT
     * signed with this key whose issuer is the {@link #clientId}, whose subject is the user to act
     * as, and whose {@code scope} claim holds the {@link #scopes}. Google service accounts use it
     * (the client id is the account's {@code client_email}; with domain-wide delegation the
     * subject is the Workspace user to impersonate).
     *
     * @param key an RSA or EC private key
     * @param id the key id for the JWT header ({@code kid}), or null to send none
     * @param user the subject ({@code sub}), or null to act as the client itself
     * @return this builder
     */
    public Builder jwtBearer(PrivateKey key, @Nullable String id, @Nullable String user) {
      requireNoKey();
      if (user != null && user.isBlank()) {
        throw new IllegalArgumentException("the JWT bearer grant's subject is blank");
      }
      privateKey = requireSigningKey(key);
      keyId = id;
      subject = user;
      jwtBearer = true;
      return this;
    }

    private void requireNoKey() {
      requireUnset(privateKey != null, jwtBearer ? "jwtBearer" : "privateKeyJwt");
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
     * Says what to do when the token endpoint refuses, in the vendor's terms (Google's {@code
     * unauthorized_client}: grant domain-wide delegation); default: generic advice by status.
     *
     * @param vendorAdvice the advice, see {@link ApiClient.Builder#advice}
     * @return this builder
     */
    public Builder advice(ApiClient.Advice vendorAdvice) {
      requireUnset(advice != null, "advice");
      advice = Objects.requireNonNull(vendorAdvice, "vendorAdvice");
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
            ? "no client credential; set clientSecret or privateKeyJwt (or jwtBearer for a JWT"
                + " bearer grant)"
            : "both clientSecret and " + (jwtBearer ? "jwtBearer" : "privateKeyJwt")
                + " were set; use one");
      }
      return new ClientCredentials(this, tokenEndpoint, clientId,
          http != null ? http : HttpSettings.defaults());
    }
  }
}
