package io.github.albauth.core.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
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

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final JWKSetBasedJWKSource<SecurityContext> source;
  private final HttpFetcher fetcher;
  private final ThreadPoolExecutor refresher;
  private final String issuer;

  private NimbusAccessTokenSignatures(
      DefaultJWTProcessor<SecurityContext> processor,
      JWKSetBasedJWKSource<SecurityContext> source,
      HttpFetcher fetcher,
      ThreadPoolExecutor refresher,
      String issuer) {
    this.processor = processor;
    this.source = source;
    this.fetcher = fetcher;
    this.refresher = refresher;
    this.issuer = issuer;
  }

  /**
   * Creates the checker, its HTTP client and its refresh executor.
   *
   * @param jwks the JWKS URL
   * @param algorithms accepted {@code alg} names (asymmetric only)
   * @param timeout connect and read timeout of a JWKS fetch
   * @param ttlMillis how long the JWKS is cached
   * @param refreshTimeoutMillis how long a refresh may take
   * @param outageTtlMillis how long the last JWKS serves while the endpoint fails
   * @param issuer the issuer, for messages
   * @return the checker; close it when done
   */
  public static NimbusAccessTokenSignatures create(
      URL jwks,
      Set<String> algorithms,
      Duration timeout,
      long ttlMillis,
      long refreshTimeoutMillis,
      long outageTtlMillis,
      String issuer) {
    HttpFetcher fetcher = new HttpFetcher(timeout, timeout);
    String name = REFRESH_THREAD_PREFIX + SOURCES.incrementAndGet();
    ThreadPoolExecutor refresher = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
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
    Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
    algorithms.forEach(alg -> accepted.add(JWSAlgorithm.parse(alg)));
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, source));
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
    processor.setJWTClaimsSetVerifier(null); // the caller checks claims, on its injected clock
    return new NimbusAccessTokenSignatures(processor, source, fetcher, refresher, issuer);
  }

  @Override
  public void verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new AlbTokenException(Reason.MALFORMED, "access token is not a signed jwt: " + e.getMessage(), e);
    }
    try {
      processor.process(jwt, null);
    } catch (BadJWSException e) {
      throw new AlbTokenException(Reason.BAD_SIGNATURE, "access token signature does not verify", e);
    } catch (BadJOSEException e) {
      throw new AlbTokenException(Reason.UNKNOWN_KEY, "access token rejected: " + e.getMessage(), e);
    } catch (KeySourceException e) {
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "jwks of " + issuer + " unavailable: " + Texts.describe(e), e);
    } catch (JOSEException e) {
      throw new AlbTokenException(Reason.BAD_SIGNATURE, "access token signature check failed: " + e.getMessage(), e);
    }
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
