package io.github.albauth.core;

import static java.util.Objects.requireNonNull;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.core.internal.Arn;
import io.github.albauth.core.internal.Checks;
import io.github.albauth.core.internal.Claims;
import io.github.albauth.core.internal.CoreSettings;
import io.github.albauth.core.internal.CryptoProviders;
import io.github.albauth.core.internal.Es256Verifier;
import io.github.albauth.core.internal.JwsParts;
import io.github.albauth.core.internal.KeyUrls;
import io.github.albauth.core.internal.Texts;
import io.github.albauth.core.internal.VerifiedTokenCache;
import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the {@code x-amzn-oidc-data} token an AWS Application Load Balancer signs after it
 * authenticated a user, and returns the {@link AlbIdentity} it proves.
 *
 * <pre>{@code
 * AlbTokenVerifier verifier = AlbTokenVerifier.builder()
 *     .requireSigner("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188")
 *     .requireIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf")
 *     .idp(IdpPreset.COGNITO)
 *     .build();
 * AlbIdentity user = verifier.verify(request.getHeader("x-amzn-oidc-data"),
 *     request.getHeader("x-amzn-oidc-identity"));
 * }</pre>
 *
 * <p>A token is accepted only if: it is at most {@link Builder#maxTokenSize(int)} characters;
 * it has three base64url segments (padded as the ALB sends them, or unpadded) and strict JSON
 * (no duplicate keys); {@code alg} is {@code ES256} and there is no {@code crit}; {@code kid} is
 * a UUID; {@code signer} is one of the expected ALB ARNs; {@code iss} and {@code client} are
 * allowed (when allow-lists are set); the ES256 signature over the segments exactly as received
 * verifies with the ALB's key for {@code kid} (fetched for the configured signer's region, never
 * from {@code jku}/{@code x5u}/{@code jwk}/{@code x5c}, which are ignored); {@code exp} (header
 * and payload) has not passed and {@code nbf}/{@code iat} are not in the future, with the clock
 * skew; {@code sub} is present and, when the {@code x-amzn-oidc-identity} value is passed, equal
 * to it. Everything else throws {@link AlbTokenException} with its {@link Reason}.
 *
 * <p><strong>Deployment warning:</strong> anyone who can reach the application without passing
 * through the ALB can replay a token they saw until it expires. Let only the load balancer reach it.
 *
 * <p>Immutable and thread-safe: build one and share it. It owns the HTTP client (and its threads)
 * that fetches the ALB's keys: {@link #close()} it when the application stops (e.g. in a servlet
 * filter's {@code destroy()}); a closed verifier throws {@link IllegalStateException}.
 */
public final class AlbTokenVerifier implements AutoCloseable {
  /** Default allowed clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(10);
  /** Default maximum token size in characters (the ALB refuses claims over about 11 KB). */
  public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;
  /** The only algorithm the ALB uses. */
  private static final String ES256 = "ES256";

  private final Map<String, String> signerRegions;
  private final Set<String> issuers;
  private final Set<String> clientIds;
  private final AlbPublicKeySource keySource;
  private final Es256Verifier es256;
  private final Clock clock;
  private final Duration clockSkew;
  private final long clockSkewMillis;
  private final int maxTokenSize;
  private final String usernameClaim;
  private final @Nullable VerifiedTokenCache<AlbIdentity> cache;
  private final boolean ownsKeySource;
  private volatile boolean closed;

  private AlbTokenVerifier(
      Map<String, String> signerRegions,
      Set<String> issuers,
      Set<String> clientIds,
      AlbPublicKeySource keySource,
      Es256Verifier es256,
      Clock clock,
      Duration clockSkew,
      int maxTokenSize,
      String usernameClaim,
      @Nullable VerifiedTokenCache<AlbIdentity> cache,
      boolean ownsKeySource) {
    this.signerRegions = signerRegions;
    this.issuers = issuers;
    this.clientIds = clientIds;
    this.keySource = keySource;
    this.es256 = es256;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.clockSkewMillis = clockSkew.toMillis();
    this.maxTokenSize = maxTokenSize;
    this.usernameClaim = usernameClaim;
    this.cache = cache;
    this.ownsKeySource = ownsKeySource;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a token without an identity header.
   *
   * @param token the {@code x-amzn-oidc-data} header value (null or empty is rejected as malformed)
   * @return the verified identity
   * @throws AlbTokenException if the token is not accepted
   * @throws IllegalStateException if this verifier was closed
   */
  public AlbIdentity verify(@Nullable String token) {
    return verify(token, null);
  }

  /**
   * Verifies a token and, when given, that the {@code x-amzn-oidc-identity} value equals its
   * {@code sub}.
   *
   * @param token the {@code x-amzn-oidc-data} header value (null or empty is rejected as malformed)
   * @param identityHeader the {@code x-amzn-oidc-identity} header value, or null to skip the check
   * @return the verified identity
   * @throws AlbTokenException if the token is not accepted
   * @throws IllegalStateException if this verifier was closed
   */
  public AlbIdentity verify(@Nullable String token, @Nullable String identityHeader) {
    if (closed) {
      throw new IllegalStateException("this AlbTokenVerifier was closed; build a new one");
    }
    if (token == null || token.isEmpty()) {
      throw new AlbTokenException(Reason.MALFORMED, "token is missing");
    }
    int length = token.length();
    if (length > maxTokenSize) {
      throw new AlbTokenException(
          Reason.TOO_LARGE,
          "token is " + length + " characters, more than the maximum of " + maxTokenSize);
    }
    if (cache != null) {
      AlbIdentity known = cache.get(token, clock.millis());
      if (known != null) {
        return checkIdentityHeader(known, identityHeader);
      }
    }
    JwsParts parts = JwsParts.split(token);
    Map<String, @Nullable Object> header = parts.header();
    Object alg = header.get("alg");
    if (!ES256.equals(alg)) {
      throw new AlbTokenException(
          Reason.UNSUPPORTED_ALGORITHM, "alg " + Claims.describe(alg) + " is not accepted; the alb signs with ES256");
    }
    if (header.containsKey("crit")) {
      throw new AlbTokenException(
          Reason.CRITICAL_HEADER, "header has crit " + Claims.describe(header.get("crit")) + "; no critical extension is accepted");
    }
    String kid = Claims.requiredString(header, "kid", "header");
    if (!Texts.isValidKeyId(kid)) {
      throw new AlbTokenException(Reason.MALFORMED, "kid " + Texts.quote(kid) + " is not a uuid");
    }
    Object signerValue = header.get("signer");
    if (!(signerValue instanceof String signer)) {
      throw new AlbTokenException(
          Reason.SIGNER_MISMATCH, "header has no signer string but " + Claims.describe(signerValue));
    }
    String region = signerRegions.get(signer);
    if (region == null) {
      throw new AlbTokenException(
          Reason.SIGNER_MISMATCH,
          "signer " + Texts.quote(signer) + " is not one of the expected signers " + signerRegions.keySet());
    }
    String issuer = Claims.requiredString(header, "iss", "header");
    if (!issuers.isEmpty() && !issuers.contains(issuer)) {
      throw new AlbTokenException(
          Reason.ISSUER_MISMATCH, "issuer " + Texts.quote(issuer) + " is not one of the expected issuers " + issuers);
    }
    String client = Claims.requiredString(header, "client", "header");
    if (!clientIds.isEmpty() && !clientIds.contains(client)) {
      throw new AlbTokenException(
          Reason.CLIENT_MISMATCH, "client " + Texts.quote(client) + " is not one of the expected client ids " + clientIds);
    }
    Long headerExp = Claims.epochSeconds(header, "exp", "header");

    ECPublicKey key = publicKey(kid, region);
    byte[] signature = parts.signature();
    if (!es256.verify(key, parts.signingInput(), signature)) {
      throw new AlbTokenException(
          Reason.BAD_SIGNATURE,
          signature.length == 64
              ? "signature does not verify with key " + kid
              : "signature is " + signature.length + " bytes, an ES256 signature is 64 (R||S)");
    }

    Map<String, @Nullable Object> claims = parts.payload();
    String subject = Claims.requiredString(claims, "sub", "payload");
    Object payloadIssuer = claims.get("iss");
    if (payloadIssuer != null && !issuer.equals(payloadIssuer)) {
      throw new AlbTokenException(
          Reason.ISSUER_MISMATCH,
          "payload iss " + Claims.describe(payloadIssuer) + " differs from header iss " + Texts.quote(issuer));
    }
    Long payloadExp = Claims.epochSeconds(claims, "exp", "payload");
    Long earliestExp = headerExp == null ? payloadExp
        : payloadExp == null ? headerExp : Long.valueOf(Math.min(headerExp, payloadExp));
    if (earliestExp == null) {
      throw new AlbTokenException(Reason.MALFORMED, "token has no exp");
    }
    long exp = earliestExp;
    long now = clock.millis();
    Claims.checkNotExpired(exp, now, clockSkew);
    Claims.checkNotFuture(claims, now, clockSkew);
    String username = usernameOf(claims, subject);
    AlbIdentity identity =
        new AlbIdentity(subject, username, claims, issuer, signer, client, Instant.ofEpochSecond(exp), kid);
    if (cache != null) {
      cache.put(token, identity, exp * 1000L + clockSkewMillis, now);
    }
    return checkIdentityHeader(identity, identityHeader);
  }

  /**
   * Returns the JCA provider that verifies signatures.
   *
   * @return the provider
   */
  public Provider provider() {
    return es256.provider();
  }

  /**
   * Releases the HTTP client and threads of the key source this verifier built (a key source
   * passed to {@link Builder#publicKeySource} belongs to the caller and stays open). Afterwards
   * {@link #verify} throws {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    if (ownsKeySource) {
      keySource.close();
    }
  }

  /** {@return the configuration in short (signers, allow-lists, provider), for diagnostics} */
  @Override
  public String toString() {
    return "AlbTokenVerifier[signers=" + signerRegions.keySet() + ", issuers=" + issuers + ", clientIds=" + clientIds
        + ", provider=" + es256.provider().getName() + ", clockSkew=" + clockSkew
        + ", verifiedTokenCache=" + (cache != null) + "]";
  }

  /** Asks the key source; anything but a key or an {@link AlbTokenException} fails closed. */
  private ECPublicKey publicKey(String kid, String region) {
    ECPublicKey key;
    try {
      key = keySource.publicKey(kid, region);
    } catch (AlbTokenException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "public key source failed for key " + kid + ": " + Texts.escape(e.toString()), e);
    }
    if (key == null) {
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "public key source returned no key for " + kid);
    }
    return key;
  }

  private String usernameOf(Map<String, @Nullable Object> claims, String subject) {
    Object value = claims.get(usernameClaim);
    // like the mapping DSL's "??": a value that is absent, not a string or empty falls back to sub
    if (value instanceof String username && !username.isEmpty()) {
      return username;
    }
    return subject;
  }

  private static AlbIdentity checkIdentityHeader(AlbIdentity identity, @Nullable String identityHeader) {
    if (identityHeader != null && !identityHeader.equals(identity.subject())) {
      throw new AlbTokenException(
          Reason.IDENTITY_MISMATCH,
          "identity header " + Texts.quote(identityHeader) + " does not equal the token's sub "
              + Texts.quote(identity.subject()));
    }
    return identity;
  }

  /**
   * Builds an {@link AlbTokenVerifier}. Options are verbs; single-valued options refuse to be set
   * twice; {@link #build()} checks the whole configuration and says what to fix. Not thread-safe.
   */
  public static final class Builder {
    private final Set<String> signers = new LinkedHashSet<>();
    private final Set<String> issuers = new LinkedHashSet<>();
    private final Set<String> clientIds = new LinkedHashSet<>();
    private @Nullable String region;
    private @Nullable String publicKeyUrl;
    private @Nullable AlbPublicKeySource keySource;
    private AlbPublicKeySource.@Nullable Listener keyListener;
    private int keyCacheSize = -1;
    private @Nullable Duration keyFetchTimeout;
    private @Nullable Duration clockSkew;
    private @Nullable Clock clock;
    private int maxTokenSize = -1;
    private @Nullable Provider provider;
    private @Nullable String providerName;
    private @Nullable IdpPreset idp;
    private @Nullable String usernameClaim;
    private int verifiedTokenCacheSize = -1;
    private Settings configuration = Settings.empty();

    private Builder() {}

    /**
     * Adds expected signers: the ARNs of your load balancers. At least one is required: every ALB
     * in a region signs with the same regional keys, so the signer is what proves the token
     * came from your ALB. May be called repeatedly. Key: {@code albauth.expected-signers}.
     *
     * @param arns ALB ARNs, e.g. {@code arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188}
     * @return this builder
     */
    public Builder requireSigner(String... arns) {
      addAll(signers, arns, "arn");
      return this;
    }

    /**
     * Adds allowed issuers (the IdP's issuer URL as the ALB sends it in {@code iss}). Default:
     * any issuer. May be called repeatedly. Key: {@code albauth.expected-issuers}.
     *
     * @param issuerUrls issuer URLs
     * @return this builder
     */
    public Builder requireIssuer(String... issuerUrls) {
      addAll(issuers, issuerUrls, "issuer");
      return this;
    }

    /**
     * Adds allowed OAuth client ids (the header's {@code client}). Default: any. May be called
     * repeatedly. Key: {@code albauth.expected-client-ids}.
     *
     * @param ids client ids
     * @return this builder
     */
    public Builder requireClientId(String... ids) {
      addAll(clientIds, ids, "client id");
      return this;
    }

    /**
     * Sets the region of the key endpoint. Default: each signer ARN's own region. When set it
     * must agree with every signer's region. Key: {@code albauth.region}.
     *
     * @param awsRegion e.g. {@code eu-west-1}
     * @return this builder
     */
    public Builder region(String awsRegion) {
      requireNonNull(awsRegion, "region");
      Checks.state(region == null, "region was already set to " + region);
      region = awsRegion.strip();
      return this;
    }

    /**
     * Sets the key URL template ({@code {region}}, {@code {kid}}). Default: the AWS endpoint of
     * the signer's partition (commercial or GovCloud); China and other partitions need this.
     * Key: {@code albauth.public-key-url}.
     *
     * @param template e.g. {@code https://public-keys.auth.elb.{region}.amazonaws.com/{kid}}
     * @return this builder
     */
    public Builder publicKeyUrl(String template) {
      requireNonNull(template, "template");
      Checks.state(publicKeyUrl == null, "public key url was already set to " + publicKeyUrl);
      publicKeyUrl = template.strip();
      return this;
    }

    /**
     * Replaces the default key source entirely (then set url, cache size, timeouts and listener
     * on {@link AlbPublicKeySource#builder()} instead). The caller keeps it: {@link
     * AlbTokenVerifier#close()} does not close it.
     *
     * @param source the key source
     * @return this builder
     */
    public Builder publicKeySource(AlbPublicKeySource source) {
      requireNonNull(source, "source");
      Checks.state(keySource == null, "public key source was already set");
      keySource = source;
      return this;
    }

    /**
     * Sets a listener for key-source metrics (hits, misses, fetches, failures, latency).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder keySourceListener(AlbPublicKeySource.Listener listener) {
      requireNonNull(listener, "listener");
      Checks.state(keyListener == null, "key source listener was already set");
      keyListener = listener;
      return this;
    }

    /**
     * Sets how many ALB public keys the default key source caches. Default 64. Key:
     * {@code albauth.key-cache-size}.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder keyCacheSize(int size) {
      Checks.state(keyCacheSize < 0, "key cache size was already set to " + keyCacheSize);
      Checks.argument(size >= 1 && size <= CoreSettings.MAX_KEY_CACHE_SIZE,
          "key cache size must be between 1 and " + CoreSettings.MAX_KEY_CACHE_SIZE + " but was " + size);
      keyCacheSize = size;
      return this;
    }

    /**
     * Sets the connect and the read timeout of a key fetch. Default 2 seconds each. Key:
     * {@code albauth.key-fetch-timeout}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder keyFetchTimeout(Duration timeout) {
      Checks.state(keyFetchTimeout == null, "key fetch timeout was already set to " + keyFetchTimeout);
      keyFetchTimeout = Checks.positive(timeout, "key fetch timeout");
      return this;
    }

    /**
     * Sets the allowed clock skew for {@code exp}, {@code nbf} and {@code iat}. Default 10
     * seconds, at most 5 minutes. Key: {@code albauth.clock-skew}.
     *
     * @param skew zero or positive
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      Checks.state(clockSkew == null, "clock skew was already set to " + clockSkew);
      clockSkew = Checks.clockSkew(skew);
      return this;
    }

    /**
     * Sets the clock. Default {@link Clock#systemUTC()}.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      Checks.state(clock == null, "clock was already set");
      clock = value;
      return this;
    }

    /**
     * Sets the largest accepted token, in characters; longer tokens are rejected with
     * {@link Reason#TOO_LARGE} before parsing. Default 16384. Key: {@code albauth.max-token-size}.
     *
     * @param size between 1024 and 1048576
     * @return this builder
     */
    public Builder maxTokenSize(int size) {
      Checks.state(maxTokenSize < 0, "max token size was already set to " + maxTokenSize);
      Checks.argument(size >= CoreSettings.MIN_TOKEN_SIZE && size <= CoreSettings.MAX_TOKEN_SIZE,
          "max token size must be between 1024 and 1048576 but was " + size);
      maxTokenSize = size;
      return this;
    }

    /**
     * Sets the JCA provider that verifies ES256. Default: ACCP if on the classpath, else the JDK's.
     *
     * @param value the provider (need not be installed in {@link java.security.Security})
     * @return this builder
     */
    public Builder provider(Provider value) {
      requireNonNull(value, "provider");
      Checks.state(provider == null && providerName == null, "provider was already set");
      provider = value;
      return this;
    }

    /**
     * Sets the JCA provider by name. Key: {@code albauth.provider}.
     *
     * @param name {@code auto} (default: ACCP if on the classpath, else the JDK's), {@code jdk},
     *     or the name of an installed provider (e.g. {@code SunEC}, {@code BC},
     *     {@code AmazonCorrettoCryptoProvider})
     * @return this builder
     */
    public Builder provider(String name) {
      requireNonNull(name, "provider");
      Checks.state(provider == null && providerName == null, "provider was already set");
      providerName = name.strip();
      return this;
    }

    /**
     * Chooses the IdP preset, which decides the username claim. Default {@link IdpPreset#OTHER}.
     * Key: {@code albauth.idp}.
     *
     * @param preset the preset
     * @return this builder
     */
    public Builder idp(IdpPreset preset) {
      requireNonNull(preset, "preset");
      Checks.state(idp == null, "idp was already set to " + idp);
      idp = preset;
      return this;
    }

    /**
     * Overrides the preset's username claim. Key: {@code albauth.username-claim}.
     *
     * @param claim a payload claim name, e.g. {@code preferred_username}
     * @return this builder
     */
    public Builder usernameClaim(String claim) {
      requireNonNull(claim, "claim");
      Checks.state(usernameClaim == null, "username claim was already set to " + usernameClaim);
      Checks.argument(!claim.isBlank(), "username claim must not be blank");
      usernameClaim = claim.strip();
      return this;
    }

    /**
     * Turns on the verified-token cache: up to {@code maxEntries} tokens, keyed by the exact
     * token string, are remembered until their {@code exp} (plus clock skew) and returned without
     * re-verifying; the identity header is still checked. Off by default. Key:
     * {@code albauth.verified-token-cache-size} (0 = off).
     *
     * @param maxEntries between 1 and 1000000
     * @return this builder
     */
    public Builder cacheVerifiedTokens(int maxEntries) {
      Checks.state(verifiedTokenCacheSize < 0, "verified token cache was already set to " + verifiedTokenCacheSize);
      Checks.argument(maxEntries >= 1 && maxEntries <= CoreSettings.MAX_VERIFIED_TOKEN_CACHE,
          "verified token cache size must be between 1 and 1000000 but was " + maxEntries);
      verifiedTokenCacheSize = maxEntries;
      return this;
    }

    /**
     * Applies {@code albauth.*} configuration (keys in {@link AlbAuthProperties}). Every {@code
     * albauth.*} key is checked against the settings registry of the albauth modules present, so
     * a typo fails here with the nearest valid key; keys of other modules are left to them. An
     * option given both here and in code must have the same value, or {@link #build()} fails
     * naming both; calling this twice with different values for one key fails at once.
     *
     * @param properties key to value, e.g. from {@link AlbAuthProperties#fromEnvironment()}
     * @return this builder
     * @throws IllegalArgumentException naming the key and the fix for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> properties) {
      requireNonNull(properties, "properties");
      configuration = Precedence.merge(configuration, SettingsRegistry.discover().read(properties));
      return this;
    }

    /**
     * Applies the {@code albauth.*} entries of a {@link Properties}.
     *
     * @param properties the properties
     * @return this builder
     * @throws IllegalArgumentException naming the key and the fix for an unknown key or a bad value
     */
    public Builder configure(Properties properties) {
      return configure(SettingsRegistry.fromProperties(properties));
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable, thread-safe verifier; close it when done
     * @throws IllegalStateException saying what to fix when the configuration is incomplete or inconsistent
     */
    public AlbTokenVerifier build() {
      Settings config = configuration;
      List<String> signerList = Precedence.resolve("expected signers", listOrNull(signers),
          CoreSettings.EXPECTED_SIGNERS, config);
      signerList = Checks.required(signerList,
          "no expected signer: set albauth.expected-signers (requireSigner) to your load balancer's arn;"
              + " every alb in a region signs with the same keys, so the signer is what proves a token came from yours");
      List<String> issuerList = Precedence.resolve("expected issuers", listOrNull(issuers),
          CoreSettings.EXPECTED_ISSUERS, config);
      List<String> clientIdList = Precedence.resolve("expected client ids", listOrNull(clientIds),
          CoreSettings.EXPECTED_CLIENT_IDS, config);
      String regionName = Precedence.resolve("region", region, CoreSettings.REGION, config);
      if (regionName != null) {
        Checks.state(KeyUrls.isValidRegion(regionName), "region " + Texts.quote(regionName) + " is not an aws region such as eu-west-1");
      }
      String urlTemplate = Precedence.resolve("public key url", publicKeyUrl, CoreSettings.PUBLIC_KEY_URL, config);
      Integer cacheSize = Precedence.resolve("key cache size", keyCacheSize < 0 ? null : keyCacheSize,
          CoreSettings.KEY_CACHE_SIZE, config);
      Duration fetchTimeout = Precedence.resolve("key fetch timeout", keyFetchTimeout,
          CoreSettings.KEY_FETCH_TIMEOUT, config);
      Duration skew = Precedence.resolve("clock skew", clockSkew, CoreSettings.CLOCK_SKEW, config);
      Integer tokenSize = Precedence.resolve("max token size", maxTokenSize < 0 ? null : maxTokenSize,
          CoreSettings.TOKEN_SIZE, config);
      String presetName = Precedence.resolve("idp", idp == null ? null : idp.configName(),
          CoreSettings.IDP, config);
      String claim = Precedence.resolve("username claim", usernameClaim, CoreSettings.USERNAME_CLAIM, config);
      Integer tokenCache = Precedence.resolve("verified token cache size",
          verifiedTokenCacheSize < 0 ? null : verifiedTokenCacheSize,
          CoreSettings.VERIFIED_TOKEN_CACHE_SIZE, config);
      String namedProvider = Precedence.resolve("provider", providerName, CoreSettings.PROVIDER, config);
      if (provider != null) {
        Precedence.refuseIgnored("provider(Provider)", config, CoreSettings.PROVIDER);
      }
      boolean customSource = keySource != null;
      if (customSource) {
        Precedence.refuseIgnored("publicKeySource(...)", config, CoreSettings.PUBLIC_KEY_URL,
            CoreSettings.KEY_CACHE_SIZE, CoreSettings.KEY_FETCH_TIMEOUT);
      }
      Checks.state(!customSource || (publicKeyUrl == null && keyCacheSize < 0 && keyFetchTimeout == null && keyListener == null),
          "a public key source was set: configure its url, cache size, timeouts and listener on AlbPublicKeySource.builder()"
              + " instead of on this builder");
      Map<String, String> signerRegions = new LinkedHashMap<>();
      for (String text : signerList) {
        Arn arn;
        try {
          arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        Checks.state(regionName == null || regionName.equals(arn.region()),
            "region " + regionName + " does not match region " + arn.region() + " of signer " + arn.text()
                + "; remove albauth.region or correct it");
        Checks.state(customSource || urlTemplate != null || KeyUrls.presetForPartition(arn.partition()) != null,
            "signer " + arn.text() + " is in partition " + arn.partition()
                + ", for which aws documents no public key endpoint; set albauth.public-key-url (publicKeyUrl)");
        signerRegions.put(arn.text(), arn.region());
      }
      Provider chosen;
      try {
        chosen = provider != null
            ? CryptoProviders.requireEs256(provider)
            : CryptoProviders.resolve(namedProvider != null ? namedProvider : CryptoProviders.AUTO);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      Es256Verifier es256 = new Es256Verifier(chosen);
      IdpPreset preset = presetName != null ? IdpPreset.fromConfigName(presetName) : IdpPreset.OTHER;
      // built last: nothing after it may fail, or its http client would be left open
      AlbPublicKeySource source = keySource;
      if (source == null) {
        AlbPublicKeySource.Builder b = AlbPublicKeySource.builder();
        if (urlTemplate != null) {
          b.urlTemplate(urlTemplate);
        }
        if (cacheSize != null) {
          b.maxCachedKeys(cacheSize);
        }
        if (fetchTimeout != null) {
          b.connectTimeout(fetchTimeout).readTimeout(fetchTimeout);
        }
        if (keyListener != null) {
          b.listener(keyListener);
        }
        if (clock != null) {
          b.clock(clock);
        }
        source = b.build();
      }
      return new AlbTokenVerifier(
          Map.copyOf(signerRegions),
          issuerList == null ? Set.of() : Set.copyOf(issuerList),
          clientIdList == null ? Set.of() : Set.copyOf(clientIdList),
          source,
          es256,
          clock != null ? clock : Clock.systemUTC(),
          skew != null ? skew : DEFAULT_CLOCK_SKEW,
          tokenSize != null ? tokenSize : DEFAULT_MAX_TOKEN_SIZE,
          claim != null ? claim : preset.usernameClaim(),
          tokenCache != null && tokenCache > 0 ? new VerifiedTokenCache<>(tokenCache) : null,
          !customSource);
    }

    private static void addAll(Set<String> target, String[] values, String what) {
      requireNonNull(values, what);
      for (String value : values) {
        requireNonNull(value, what);
        Checks.argument(!value.isBlank(), what + " must not be blank");
        target.add(value.strip());
      }
    }

    private static @Nullable List<String> listOrNull(Set<String> values) {
      return values.isEmpty() ? null : List.copyOf(values);
    }
  }
}
