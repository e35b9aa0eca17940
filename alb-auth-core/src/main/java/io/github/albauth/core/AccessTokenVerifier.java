package io.github.albauth.core;

import static java.util.Objects.requireNonNull;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.core.internal.AccessTokenSignatures;
import io.github.albauth.core.internal.Checks;
import io.github.albauth.core.internal.Claims;
import io.github.albauth.core.internal.KeyUrls;
import io.github.albauth.core.internal.JwsParts;
import io.github.albauth.core.internal.Nimbus;
import io.github.albauth.core.internal.NimbusAccessTokenSignatures;
import io.github.albauth.core.internal.Texts;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the IdP's access token that the ALB passes through in {@code x-amzn-oidc-accesstoken}
 * (the ALB does not sign it) against the IdP's JWKS, and exposes its groups and scopes, e.g.
 * Cognito's {@code cognito:groups}. The JWKS is fetched with nimbus-jose-jwt's
 * {@code JWKSourceBuilder}: cached, refreshed ahead, rate-limited and outage-tolerant.
 *
 * <p><strong>Needs nimbus-jose-jwt</strong> ({@code com.nimbusds:nimbus-jose-jwt}, 9.37.3 or
 * newer, up to 10.x), which alb-auth-core declares optional: add it to your build to use this
 * class; {@link Builder#build()} says so when it is missing. {@link AlbTokenVerifier} never needs it.
 *
 * <p>Checks, each with its own {@link AlbTokenException.Reason}: an asymmetric {@code alg}
 * (RS256/384/512, PS256/384/512, ES256/384/512; never {@code none} or HMAC: {@code
 * UNSUPPORTED_ALGORITHM}); no {@code crit} ({@code CRITICAL_HEADER}); {@code typ} absent, {@code
 * JWT}, {@code at+jwt} or {@code application/at+jwt} ({@code TYPE_MISMATCH}: e.g. a DPoP proof);
 * a key in the JWKS that matches {@code kid} and {@code alg} ({@code UNKNOWN_KEY}; {@code
 * KEY_UNAVAILABLE} while the JWKS cannot be fetched; {@code KEY_FETCH_THROTTLED} for an unknown
 * kid right after a refresh) and verifies the signature ({@code BAD_SIGNATURE}); {@code iss} equals the configured issuer ({@code ISSUER_MISMATCH});
 * {@code aud}, {@code client_id} or {@code azp} is one of the expected audiences ({@code
 * AUDIENCE_MISMATCH}); {@code token_use} is {@code access} for Cognito ({@code
 * TOKEN_USE_MISMATCH}); {@code exp} has not passed ({@code EXPIRED}) and {@code nbf}/{@code iat}
 * are not in the future ({@code NOT_YET_VALID}), with clock skew, on the injected clock.
 *
 * <p>Not every IdP's access token can be verified by the application: Google's are opaque and
 * Entra's for Microsoft Graph (the default with the ALB) are signed for Graph only; {@link
 * Builder#build()} refuses Google, and for Entra the token must be issued for your own API.
 *
 * <p>Immutable and thread-safe. It owns an HTTP client and a refresh thread for the JWKS:
 * {@link #close()} it when the application stops; a closed verifier throws
 * {@link IllegalStateException}.
 */
public final class AccessTokenVerifier implements AutoCloseable {
  /** Largest accepted access token in characters (tokens with many groups get big). */
  public static final int MAX_TOKEN_SIZE = 64 * 1024;

  private static final Pattern ENTRA_ISSUER =
      Pattern.compile("https://login\\.microsoftonline\\.com/([0-9A-Za-z.-]+)/v2\\.0/?");

  private static final Set<String> ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  /** Accepted header {@code typ} values, lower case (media types are case-insensitive); absent is accepted too. */
  private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

  private final AccessTokenSignatures signatures;
  private final String issuer;
  private final Set<String> audiences;
  private final boolean requireAccessTokenUse;
  private final List<String> groupClaims;
  private final Clock clock;
  private final Duration clockSkew;
  private volatile boolean closed;

  private AccessTokenVerifier(
      AccessTokenSignatures signatures,
      String issuer,
      Set<String> audiences,
      boolean requireAccessTokenUse,
      List<String> groupClaims,
      Clock clock,
      Duration clockSkew) {
    this.signatures = signatures;
    this.issuer = issuer;
    this.audiences = audiences;
    this.requireAccessTokenUse = requireAccessTokenUse;
    this.groupClaims = groupClaims;
    this.clock = clock;
    this.clockSkew = clockSkew;
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
   * Verifies an access token.
   *
   * @param accessToken the {@code x-amzn-oidc-accesstoken} header value
   * @return the verified token
   * @throws AlbTokenException if the token is not accepted
   * @throws IllegalStateException if this verifier was closed
   */
  public AccessToken verify(@Nullable String accessToken) {
    if (closed) {
      throw new IllegalStateException("this AccessTokenVerifier was closed; build a new one");
    }
    if (accessToken == null || accessToken.isEmpty()) {
      throw new AlbTokenException(Reason.MALFORMED, "access token is missing");
    }
    if (accessToken.length() > MAX_TOKEN_SIZE) {
      throw new AlbTokenException(
          Reason.TOO_LARGE,
          "access token is " + accessToken.length() + " characters, more than the maximum of " + MAX_TOKEN_SIZE);
    }
    JwsParts parts = JwsParts.split(accessToken);
    Map<String, @Nullable Object> header = parts.header();
    Object alg = header.get("alg");
    if (!(alg instanceof String) || !ALGORITHMS.contains(alg)) {
      throw new AlbTokenException(
          Reason.UNSUPPORTED_ALGORITHM, "access token alg " + Claims.describe(alg) + " is not accepted");
    }
    if (header.containsKey("crit")) {
      throw new AlbTokenException(Reason.CRITICAL_HEADER, "access token header has crit; none is accepted");
    }
    Object typ = header.get("typ");
    if (typ != null && !(typ instanceof String type && TYPES.contains(type.toLowerCase(Locale.ROOT)))) {
      throw new AlbTokenException(
          Reason.TYPE_MISMATCH,
          "access token typ " + Claims.describe(typ) + " is not JWT, at+jwt or application/at+jwt");
    }
    Map<String, @Nullable Object> claims = parts.payload();
    signatures.verify(accessToken);
    String iss = Claims.requiredString(claims, "iss", "payload");
    if (!issuer.equals(iss)) {
      throw new AlbTokenException(
          Reason.ISSUER_MISMATCH, "access token issuer " + Texts.quote(iss) + " is not " + Texts.quote(issuer));
    }
    if (requireAccessTokenUse && !"access".equals(claims.get("token_use"))) {
      throw new AlbTokenException(
          Reason.TOKEN_USE_MISMATCH,
          "token_use " + Claims.describe(claims.get("token_use")) + " is not \"access\"");
    }
    String clientId = firstString(claims, "client_id", "azp", "appid");
    if (!audienceMatches(claims.get("aud"), clientId)) {
      throw new AlbTokenException(
          Reason.AUDIENCE_MISMATCH,
          "access token aud " + Claims.describe(claims.get("aud")) + " / client " + Claims.describe(clientId)
              + " is not one of the expected audiences " + audiences);
    }
    Long exp = Claims.epochSeconds(claims, "exp", "payload");
    if (exp == null) {
      throw new AlbTokenException(Reason.MALFORMED, "access token has no exp");
    }
    long now = clock.millis();
    Claims.checkNotExpired(exp, now, clockSkew);
    Claims.checkNotFuture(claims, now, clockSkew);
    Object sub = claims.get("sub");
    return new AccessToken(
        sub instanceof String s ? s : null,
        clientId,
        iss,
        Instant.ofEpochSecond(exp),
        scopes(claims),
        groups(claims),
        claims);
  }

  /**
   * Stops the JWKS client and its threads. Afterwards {@link #verify} throws {@link
   * IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    signatures.close();
  }

  private boolean audienceMatches(@Nullable Object aud, @Nullable String clientId) {
    if (clientId != null && audiences.contains(clientId)) {
      return true;
    }
    if (aud instanceof String) {
      return audiences.contains(aud);
    }
    if (aud instanceof List) {
      for (Object a : (List<?>) aud) {
        if (audiences.contains(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<String> groups(Map<String, @Nullable Object> claims) {
    Set<String> found = new LinkedHashSet<>();
    for (String path : groupClaims) {
      for (String expanded : expandClient(path)) {
        addStrings(found, lookup(claims, expanded));
      }
    }
    return List.copyOf(found);
  }

  private List<String> expandClient(String path) {
    if (!path.contains("{client}")) {
      return List.of(path);
    }
    List<String> paths = new ArrayList<>();
    for (String audience : audiences) {
      paths.add(path.replace("{client}", audience));
    }
    return paths;
  }

  /** Follows a claim path: a literal claim name first (e.g. {@code cognito:groups}), else dot-separated members. */
  private static @Nullable Object lookup(Map<String, @Nullable Object> claims, String path) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object current = claims;
    String[] parts = path.split("\\.", -1);
    int end = parts.length;
    while (end > 0 && parts[end - 1].isEmpty()) {
      end--; // a trailing '.' adds no step: "a.b." reads a.b
    }
    for (int i = 0; i < end; i++) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(parts[i]);
    }
    return current;
  }

  private static List<String> scopes(Map<String, @Nullable Object> claims) {
    Set<String> found = new LinkedHashSet<>();
    for (String name : List.of("scope", "scp")) {
      Object value = claims.get(name);
      if (value instanceof String text) {
        for (String s : text.split(" ", -1)) {
          if (!s.isEmpty()) {
            found.add(s);
          }
        }
      } else {
        addStrings(found, value);
      }
    }
    return List.copyOf(found);
  }

  private static void addStrings(Collection<String> target, @Nullable Object value) {
    if (value instanceof String s) {
      target.add(s);
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          target.add(s);
        }
      }
    }
  }

  private static @Nullable String firstString(Map<String, @Nullable Object> claims, String... names) {
    for (String name : names) {
      Object value = claims.get(name);
      if (value instanceof String s) {
        return s;
      }
    }
    return null;
  }

  /**
   * Builds an {@link AccessTokenVerifier}. Single-valued options refuse to be set twice. Not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable IdpPreset idp;
    private @Nullable String issuer;
    private @Nullable String jwksUri;
    private final Set<String> audiences = new LinkedHashSet<>();
    private @Nullable List<String> groupClaims;
    private @Nullable Clock clock;
    private @Nullable Duration clockSkew;
    private @Nullable Duration jwksCacheTtl;
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * Chooses the IdP preset (JWKS location, {@code token_use} for Cognito, group claims).
     * Default {@link IdpPreset#OTHER}.
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
     * Sets the required issuer ({@code iss}). Required.
     *
     * @param issuerUrl e.g. {@code https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf}
     * @return this builder
     */
    public Builder requireIssuer(String issuerUrl) {
      requireNonNull(issuerUrl, "issuer");
      Checks.state(issuer == null, "issuer was already set to " + issuer);
      issuer = issuerUrl.strip();
      return this;
    }

    /**
     * Adds accepted audiences: matched against {@code aud}, {@code client_id} and {@code azp}.
     * At least one is required (usually the client id the ALB uses).
     *
     * @param values audiences or client ids
     * @return this builder
     */
    public Builder requireAudience(String... values) {
      for (String value : values) {
        requireNonNull(value, "audience");
        Checks.state(!value.isBlank(), "audience must not be blank");
        audiences.add(value.strip());
      }
      return this;
    }

    /**
     * Sets the JWKS URL. Default: derived from the issuer by the preset's {@link
     * IdpPreset#jwksPattern()}. Must be https (http only to loopback).
     *
     * @param uri the JWKS URL
     * @return this builder
     */
    public Builder jwksUri(String uri) {
      requireNonNull(uri, "uri");
      Checks.state(jwksUri == null, "jwks uri was already set to " + jwksUri);
      jwksUri = uri.strip();
      return this;
    }

    /**
     * Overrides the preset's group claims (dot-separated paths; {@code {client}} stands for each
     * expected audience).
     *
     * @param paths claim paths, e.g. {@code cognito:groups}, {@code realm_access.roles}
     * @return this builder
     */
    public Builder groupClaims(String... paths) {
      Checks.state(groupClaims == null, "group claims were already set to " + groupClaims);
      groupClaims = List.of(paths);
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
     * Sets the allowed clock skew. Default 10 seconds, at most 5 minutes.
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
     * Sets how long the JWKS is cached. Default 5 minutes (an unknown kid triggers a
     * rate-limited refresh sooner). {@link #build()} refuses a ttl shorter than 30 seconds plus
     * twice the fetch timeout plus one second (35 seconds with the default timeout): the cache
     * refreshes 30 seconds ahead of expiry. When a refresh fails, the last fetched JWKS keeps
     * being used for up to six ttls (at least an hour).
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder jwksCacheTtl(Duration ttl) {
      Checks.state(jwksCacheTtl == null, "jwks cache ttl was already set to " + jwksCacheTtl);
      jwksCacheTtl = Checks.positive(ttl, "jwks cache ttl");
      return this;
    }

    /**
     * Sets the connect and read timeout of a JWKS fetch. Default 2 seconds each.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder jwksFetchTimeout(Duration value) {
      Checks.state(timeout == null, "jwks fetch timeout was already set to " + timeout);
      timeout = Checks.positive(value, "jwks fetch timeout");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable, thread-safe verifier; close it when done
     * @throws IllegalStateException saying what to fix, also when nimbus-jose-jwt is not on the
     *     class path (naming the artifact and the supported versions)
     */
    public AccessTokenVerifier build() {
      Nimbus.requireAvailable();
      IdpPreset preset = idp != null ? idp : IdpPreset.OTHER;
      Checks.state(preset != IdpPreset.GOOGLE,
          "google access tokens are opaque, not jwts: there is nothing to verify locally; drop the access token verifier");
      String requiredIssuer = Checks.required(issuer, "no issuer: call requireIssuer with the idp's issuer url");
      Checks.state(!audiences.isEmpty(), "no audience: call requireAudience with the client id the alb uses (or your api's audience)");
      String location = jwksUri != null ? jwksUri : jwksFromPreset(preset, requiredIssuer);
      try {
        KeyUrls.validateTemplate(location + "{kid}");
      } catch (IllegalArgumentException e) {
        String problem = Objects.requireNonNullElse(e.getMessage(), "invalid public key url");
        throw new IllegalStateException(problem.replace("public key url", "jwks uri").replace("{kid}", ""), e);
      }
      Duration fetchTimeout = timeout != null ? timeout : Duration.ofSeconds(2);
      long timeoutMillis = fetchTimeout.toMillis();
      long ttl = (jwksCacheTtl != null ? jwksCacheTtl : Duration.ofMinutes(5)).toMillis();
      long refreshTimeout = 2L * timeoutMillis + 1000;
      long minTtl = Nimbus.REFRESH_AHEAD_MILLIS + refreshTimeout;
      Checks.state(ttl >= minTtl,
          "jwks cache ttl " + Duration.ofMillis(ttl) + " is shorter than " + Duration.ofMillis(minTtl)
              + " (30 seconds of refresh-ahead, plus twice the jwks fetch timeout, plus one second):"
              + " raise jwksCacheTtl or lower jwksFetchTimeout");
      URL url;
      try {
        url = URI.create(location).toURL();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalStateException("jwks uri " + Texts.quote(location) + " is not a valid url", e);
      }
      AccessTokenSignatures signatures = NimbusAccessTokenSignatures.create(
          url, fetchTimeout, ttl, refreshTimeout, Math.max(ttl * 6, 60 * 60 * 1000L), requiredIssuer);
      return new AccessTokenVerifier(
          signatures,
          requiredIssuer,
          Set.copyOf(audiences),
          preset.requiresAccessTokenUse(),
          groupClaims != null ? groupClaims : preset.groupClaims(),
          clock != null ? clock : Clock.systemUTC(),
          clockSkew != null ? clockSkew : AlbTokenVerifier.DEFAULT_CLOCK_SKEW);
    }

    private static String jwksFromPreset(IdpPreset preset, String issuer) {
      String pattern = Checks.required(preset.jwksPattern(),
          "idp " + preset.configName() + " has no jwks location pattern: call jwksUri with the idp's jwks url");
      String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
      if (pattern.contains("{tenant}")) {
        Matcher m = ENTRA_ISSUER.matcher(issuer);
        Checks.state(m.matches(),
            "issuer " + Texts.quote(issuer) + " is not https://login.microsoftonline.com/<tenant>/v2.0: call jwksUri");
        return pattern.replace("{tenant}", m.group(1));
      }
      return pattern.replace("{issuer}", base);
    }

  }
}
