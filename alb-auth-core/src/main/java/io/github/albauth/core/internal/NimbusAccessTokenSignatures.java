package io.github.albauth.core.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jose.JWSObject;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link AccessTokenSignatures} with nimbus-jose-jwt's JWKS source chain (what its {@code
 * JWKSourceBuilder} builds: outage-tolerant, rate-limited, cached and refreshed ahead), assembled
 * here so that the library owns its threads: the JWKS is fetched with an {@link HttpFetcher} and
 * refreshed on an executor of ours; {@link #close()} stops both. Only loaded after {@link
 * Nimbus#requireAvailable()}. Thread-safe.
 */
public final class NimbusAccessTokenSignatures implements AccessTokenSignatures {
  /** Largest accepted JWKS document in bytes. */
  private static final int MAX_JWKS_BYTES = 256 * 1024;
  /** Thread names of the refresh-ahead executor start with this, then a number per verifier. */
  public static final String REFRESH_THREAD_PREFIX = "albauth-jwks-refresh-";
  private static final AtomicInteger SOURCES = new AtomicInteger();

  private final JWKSetBasedJWKSource<SecurityContext> source;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
  private final HttpFetcher fetcher;
  private final ThreadPoolExecutor refresher;
  private final String issuer;

  private NimbusAccessTokenSignatures(
      JWKSetBasedJWKSource<SecurityContext> source,
      HttpFetcher fetcher,
      ThreadPoolExecutor refresher,
      String issuer) {
    this.source = source;
    this.fetcher = fetcher;
    this.refresher = refresher;
    this.issuer = issuer;
  }

  /**
   * Creates the checker, its HTTP client and its refresh executor.
   *
   * @param jwks the JWKS URL
   * @param timeout connect and read timeout of a JWKS fetch
   * @param ttlMillis how long the JWKS is cached
   * @param refreshTimeoutMillis how long a refresh may take
   * @param outageTtlMillis how long the last JWKS serves while the endpoint fails
   * @param issuer the issuer, for messages
   * @return the checker; close it when done
   */
  public static NimbusAccessTokenSignatures create(
      URL jwks,
      Duration timeout,
      long ttlMillis,
      long refreshTimeoutMillis,
      long outageTtlMillis,
      String issuer) {
    HttpFetcher fetcher = new HttpFetcher(timeout, timeout, true); // JWKS urls may redirect, as before
    String name = REFRESH_THREAD_PREFIX + SOURCES.incrementAndGet();
    ThreadPoolExecutor refresher = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          // no web application's class loader: a container must be able to unload it
          thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
          return thread;
        });
    ResourceRetriever retriever = url -> {
      try {
        return new Resource(fetcher.fetchOk(url.toURI(), MAX_JWKS_BYTES), "application/json");
      } catch (URISyntaxException e) {
        throw new IOException("jwks url " + url + " is not a valid uri", e);
      }
    };
    // the chain JWKSourceBuilder.create(url).cache(ttl, refreshTimeout).rateLimited(30 s)
    // .outageTolerant(outageTtl) builds, but with our executor instead of one nimbus starts itself
    JWKSetSource<SecurityContext> chain = new URLBasedJWKSetSource<>(jwks, retriever);
    chain = new OutageTolerantJWKSetSource<>(chain, outageTtlMillis, null);
    chain = new RateLimitedJWKSetSource<>(chain, 30_000, null);
    chain = new RefreshAheadCachingJWKSetSource<>(
        chain, ttlMillis, refreshTimeoutMillis, Nimbus.REFRESH_AHEAD_MILLIS, false, refresher, true, null);
    JWKSetBasedJWKSource<SecurityContext> source = new JWKSetBasedJWKSource<>(chain);
    return new NimbusAccessTokenSignatures(source, fetcher, refresher, issuer);
  }

  /**
   * Finds the JWKS keys that match the header ({@code kid}, key type and curve for {@code alg},
   * use) and checks the signature with each: no match is {@code UNKNOWN_KEY}, a JWKS that cannot
   * be had is {@code KEY_UNAVAILABLE}, a match that does not verify is {@code BAD_SIGNATURE}.
   * The caller has checked {@code alg}, {@code typ} and {@code crit}.
   */
  @Override
  public void verify(String token) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(token);
    } catch (ParseException e) {
      throw new AlbTokenException(
          Reason.MALFORMED, "access token is not a jws: " + Texts.quote(Texts.describe(e)), e);
    }
    JWSHeader header = jws.getHeader();
    String kid = header.getKeyID() == null ? "none" : Texts.quote(header.getKeyID());
    List<JWK> matches;
    try {
      matches = source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
    } catch (RateLimitReachedException e) {
      // the kid is not in the jwks we have, and nimbus refreshes it at most twice in 30 s
      throw new AlbTokenException(Reason.KEY_FETCH_THROTTLED,
          "no key in the jwks of " + issuer + " has kid " + kid + " and fits alg " + header.getAlgorithm()
              + ", and the jwks was just refreshed: not fetched again for up to 30 s", e);
    } catch (KeySourceException e) {
      throw new AlbTokenException(
          Reason.KEY_UNAVAILABLE, "jwks of " + issuer + " unavailable: " + Texts.escape(Texts.describe(e)), e);
    }
    if (matches.isEmpty()) {
      throw new AlbTokenException(Reason.UNKNOWN_KEY,
          "no key in the jwks of " + issuer + " has kid " + kid + " and fits alg " + header.getAlgorithm());
    }
    JOSEException unusable = null;
    boolean checked = false;
    for (Key key : KeyConverter.toJavaKeys(matches)) {
      JWSVerifier verifier;
      try {
        verifier = verifiers.createJWSVerifier(header, key);
      } catch (JOSEException e) {
        unusable = e;
        continue;
      }
      try {
        if (jws.verify(verifier)) {
          return;
        }
      } catch (JOSEException e) {
        throw new AlbTokenException(Reason.BAD_SIGNATURE,
            "access token signature check with key " + kid + " failed: " + Texts.quote(Texts.describe(e)), e);
      } catch (IllegalStateException e) {
        // not signed: cannot happen after a successful parse
        throw new AlbTokenException(Reason.MALFORMED, "access token is not a signed jws", e);
      }
      checked = true;
    }
    if (!checked && unusable != null) {
      throw new AlbTokenException(Reason.UNKNOWN_KEY,
          "the key " + kid + " in the jwks of " + issuer + " cannot verify " + header.getAlgorithm() + ": "
              + Texts.quote(Texts.describe(unusable)), unusable);
    }
    throw new AlbTokenException(Reason.BAD_SIGNATURE, "access token signature does not verify with key " + kid);
  }

  @Override
  public void close() {
    try {
      source.close();
    } catch (IOException | RuntimeException e) {
      // nothing of ours to release there beyond the executor, stopped below
    }
    refresher.shutdownNow();
    fetcher.close();
  }
}
