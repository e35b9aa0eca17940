package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.io.IOException;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AlbPublicKeySource}: key ids canonicalised (lower case) before any cache;
 * bounded per-kid cache; single-flight fetches per kid; a bounded per-kid negative cache
 * ({@link UnknownKeyIds}); a fetch budget per second that serves the most-wanted key ids first
 * ({@link FetchBudget}); fail closed. Owns (and closes) its {@link HttpFetcher} unless it was given
 * a fetcher. Thread-safe.
 */
public final class DefaultAlbPublicKeySource implements AlbPublicKeySource {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultAlbPublicKeySource.class);
  /** Bound of the negative cache; at the default 10 fetches a second and 30 s it holds at most 300. */
  static final int MAX_UNKNOWN_KEY_IDS = 1024;
  /** Bound of the table of key ids waiting for a fetch slot. */
  static final int MAX_WAITING_KEY_IDS = 1024;

  private final @Nullable String urlTemplate;
  private final Duration waitTimeout;
  private final int maxCachedKeys;
  private final Duration negativeCacheTtl;
  private final int maxFetchesPerSecond;
  private final Fetcher fetcher;
  private final @Nullable HttpFetcher ownFetcher;
  private volatile boolean closed;
  private final Listener listener;

  private final ConcurrentMap<String, ECPublicKey> keys = new ConcurrentHashMap<>();
  private final UnknownKeyIds unknown;
  private final FetchBudget budget;
  private final ConcurrentMap<String, CompletableFuture<ECPublicKey>> inFlight = new ConcurrentHashMap<>();

  /**
   * Creates a key source; use {@link AlbPublicKeySource#builder()}.
   *
   * @param urlTemplate explicit template, or null for the per-region preset
   * @param connectTimeout connect timeout of the default fetcher
   * @param readTimeout read timeout of the default fetcher
   * @param maxCachedKeys cache bound
   * @param negativeCacheTtl how long unknown kids are remembered
   * @param maxFetchesPerSecond fetch-rate cap
   * @param fetcher custom fetcher, or null for an {@link HttpFetcher} of its own
   * @param listener metrics listener
   * @param clock clock for the negative cache and rate cap
   */
  public DefaultAlbPublicKeySource(
      @Nullable String urlTemplate,
      Duration connectTimeout,
      Duration readTimeout,
      int maxCachedKeys,
      Duration negativeCacheTtl,
      int maxFetchesPerSecond,
      @Nullable Fetcher fetcher,
      Listener listener,
      Clock clock) {
    try {
      this.urlTemplate = urlTemplate == null ? null : KeyUrls.validateTemplate(urlTemplate);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    this.waitTimeout = connectTimeout.plus(readTimeout).plusMillis(500);
    this.maxCachedKeys = maxCachedKeys;
    this.negativeCacheTtl = negativeCacheTtl;
    this.maxFetchesPerSecond = maxFetchesPerSecond;
    if (fetcher != null) {
      this.ownFetcher = null;
      this.fetcher = fetcher;
    } else {
      HttpFetcher own = new HttpFetcher(connectTimeout, readTimeout);
      this.ownFetcher = own;
      this.fetcher = own;
    }
    this.listener = listener;
    this.unknown = new UnknownKeyIds(MAX_UNKNOWN_KEY_IDS, negativeCacheTtl.toMillis(), clock);
    this.budget = new FetchBudget(maxFetchesPerSecond, MAX_WAITING_KEY_IDS, clock);
  }

  @Override
  public ECPublicKey publicKey(String keyId, String region) {
    if (closed) {
      throw new IllegalStateException("the alb public key source was closed; build a new one");
    }
    if (!Texts.isValidKeyId(keyId)) {
      throw new AlbTokenException(Reason.MALFORMED, "kid " + Texts.quote(keyId) + " is not a uuid");
    }
    // one key id, one entry in every cache, one fetch: AAAA-… and aaaa-… are the same uuid, and
    // AWS publishes keys under the canonical (lower case) form
    keyId = Texts.canonicalKeyId(keyId);
    String cacheKey = region + '/' + keyId;
    ECPublicKey cached = keys.get(cacheKey);
    if (cached != null) {
      // only keys fetched for a valid region are cached, and a uuid holds no '/', so a hit
      // implies a valid region: the region check (a regex) runs on misses only
      notifyHit(keyId);
      return cached;
    }
    if (!KeyUrls.isValidRegion(region)) {
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "region " + Texts.quote(region) + " is not an aws region");
    }
    notifyMiss(keyId);
    if (unknown.contains(cacheKey)) {
      throw unknownKey(keyId, "(remembered for " + negativeCacheTtl + ")");
    }
    CompletableFuture<ECPublicKey> mine = new CompletableFuture<>();
    CompletableFuture<ECPublicKey> running = inFlight.putIfAbsent(cacheKey, mine);
    if (running != null) {
      return await(running, keyId);
    }
    try {
      ECPublicKey key = keys.get(cacheKey); // a fetch may have finished since the first look
      if (key == null) {
        key = fetch(keyId, region, cacheKey);
      }
      mine.complete(key);
      return key;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(cacheKey, mine);
    }
  }

  private ECPublicKey await(CompletableFuture<ECPublicKey> running, String keyId) {
    try {
      return running.get(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AlbTokenException failure) {
        throw new AlbTokenException(failure.reason(), failure.getMessage(), failure);
      }
      throw new AlbTokenException(
          Reason.KEY_UNAVAILABLE, "key " + keyId + " could not be fetched: " + Texts.escape(Texts.describe(cause)), e);
    } catch (TimeoutException e) {
      throw new AlbTokenException(
          Reason.KEY_UNAVAILABLE, "gave up waiting " + waitTimeout + " for the fetch of key " + keyId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "interrupted while waiting for key " + keyId, e);
    }
  }

  private ECPublicKey fetch(String keyId, String region, String cacheKey) {
    FetchBudget.Decision decision = budget.tryAcquire(cacheKey);
    if (!decision.granted) {
      notifyFailure(keyId, Reason.KEY_FETCH_THROTTLED, Duration.ZERO);
      throw new AlbTokenException(
          Reason.KEY_FETCH_THROTTLED,
          "key " + keyId + " not fetched: fetch rate cap of " + maxFetchesPerSecond + " per second reached"
              + (decision.ahead > 0 ? " (" + decision.ahead + " key ids more requests wait for go first)" : "")
              + "; retry in a second");
    }
    String template = urlTemplate != null ? urlTemplate : KeyUrls.presetFor(region);
    if (template == null) {
      notifyFailure(keyId, Reason.KEY_UNAVAILABLE, Duration.ZERO);
      throw new AlbTokenException(
          Reason.KEY_UNAVAILABLE,
          "aws documents no public key endpoint for region " + region + "; configure a public key url template");
    }
    URI uri = KeyUrls.expand(template, region, keyId);
    long start = System.nanoTime();
    String body;
    try {
      body = fetcher.fetch(uri);
    } catch (IOException | RuntimeException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      notifyFailure(keyId, Reason.KEY_UNAVAILABLE, latency);
      String message = "could not fetch key " + keyId + " from " + hostOf(uri) + ": " + Texts.escape(Texts.describe(e));
      LOG.warn("ALB public key endpoint unavailable: {}", message);
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, message, e);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    if (body == null) {
      unknown.add(cacheKey);
      notifyFailure(keyId, Reason.UNKNOWN_KEY, latency);
      throw unknownKey(keyId, "(the key server does not know it)");
    }
    ECPublicKey key;
    try {
      key = Pem.parseP256(body);
    } catch (IllegalArgumentException e) {
      notifyFailure(keyId, Reason.KEY_UNAVAILABLE, latency);
      String message = "key server " + hostOf(uri) + " returned no ec p-256 key for " + keyId + ": " + Texts.escape(Texts.describe(e));
      LOG.warn("ALB public key endpoint unusable: {}", message);
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, message, e);
    }
    if (keys.size() >= maxCachedKeys) {
      Iterator<String> oldest = keys.keySet().iterator();
      if (oldest.hasNext()) {
        oldest.next();
        oldest.remove();
      }
    }
    keys.put(cacheKey, key);
    notifyFetch(keyId, latency);
    return key;
  }

  /** {@code host} or {@code host:port}: what an operator needs to find the endpoint that failed. */
  private static String hostOf(URI uri) {
    return uri.getPort() < 0 ? String.valueOf(uri.getHost()) : uri.getHost() + ":" + uri.getPort();
  }

  /** Closes the HTTP client this source created (not a fetcher it was given); idempotent. */
  @Override
  public void close() {
    closed = true;
    if (ownFetcher != null) {
      ownFetcher.close();
    }
  }

  private AlbTokenException unknownKey(String keyId, String detail) {
    return new AlbTokenException(Reason.UNKNOWN_KEY, "key " + keyId + " is unknown " + detail);
  }

  private void notifyHit(String keyId) {
    try {
      listener.onHit(keyId);
    } catch (RuntimeException e) {
      LOG.warn("key source listener failed", e);
    }
  }

  private void notifyMiss(String keyId) {
    try {
      listener.onMiss(keyId);
    } catch (RuntimeException e) {
      LOG.warn("key source listener failed", e);
    }
  }

  private void notifyFetch(String keyId, Duration latency) {
    try {
      listener.onFetch(keyId, latency);
    } catch (RuntimeException e) {
      LOG.warn("key source listener failed", e);
    }
  }

  private void notifyFailure(String keyId, Reason reason, Duration latency) {
    try {
      listener.onFailure(keyId, reason, latency);
    } catch (RuntimeException e) {
      LOG.warn("key source listener failed", e);
    }
  }
}
