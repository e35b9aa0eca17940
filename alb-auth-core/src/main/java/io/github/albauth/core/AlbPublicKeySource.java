package io.github.albauth.core;

import static java.util.Objects.requireNonNull;

import io.github.albauth.core.internal.Checks;
import io.github.albauth.core.internal.DefaultAlbPublicKeySource;
import java.io.IOException;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link AlbTokenVerifier} gets the ALB's public key for a key id.
 *
 * <p>The default implementation ({@link #builder()}) fetches the PEM from the regional AWS
 * endpoint (or a configured URL template), accepts only EC P-256 keys, caches them per key id
 * (an ALB key id's key never changes; key ids are compared in lower case), fetches each uncached
 * key id once however many threads ask at the same time, remembers unknown key ids for a short
 * while (bounded, least-recently asked evicted first), caps fetches per second while serving the
 * key ids most requests wait for first, and fails closed: while the endpoint is down, slow or returns garbage, uncached key ids are rejected
 * with {@link AlbTokenException.Reason#KEY_UNAVAILABLE} and cached ones keep working.
 *
 * <p>The default implementation owns an HTTP client and its threads: {@link #close()} it when
 * done (a verifier that built its own key source closes it in {@link AlbTokenVerifier#close()}).
 *
 * <p>Implementations must be thread-safe.
 */
public interface AlbPublicKeySource extends AutoCloseable {

  /** AWS commercial partition key endpoint. */
  String COMMERCIAL_URL_TEMPLATE = "https://public-keys.auth.elb.{region}.amazonaws.com/{kid}";

  /** AWS GovCloud (US) key endpoint. */
  String GOVCLOUD_URL_TEMPLATE = "https://s3-{region}.amazonaws.com/aws-elb-public-keys-prod-{region}/{kid}";

  /**
   * Returns the public key for a key id.
   *
   * @param keyId the token header's {@code kid}
   * @param region the region of the (configured, matched) signer ARN
   * @return the EC P-256 public key
   * @throws AlbTokenException with {@link AlbTokenException.Reason#UNKNOWN_KEY} when the endpoint
   *     does not know the key id, {@link AlbTokenException.Reason#KEY_UNAVAILABLE} when it cannot
   *     be fetched now, {@link AlbTokenException.Reason#MALFORMED} when the key id is not a UUID
   */
  ECPublicKey publicKey(String keyId, String region);

  /**
   * Releases what this source holds (the default one: its HTTP client and threads); afterwards
   * {@link #publicKey} throws {@link IllegalStateException}. Idempotent. Does nothing by default.
   */
  @Override
  default void close() {}

  /**
   * Starts building the default implementation.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches a URL's body. The default uses {@link java.net.http.HttpClient} with the configured
   * timeouts and no redirects. Implementations must be thread-safe and must time out.
   */
  @FunctionalInterface
  interface Fetcher {
    /**
     * Fetches a key.
     *
     * @param uri the key's URL
     * @return the body (a PEM), or null if the server says the key does not exist (HTTP 404/403)
     * @throws IOException on any other failure (timeout, 5xx, connection refused)
     */
    @Nullable String fetch(URI uri) throws IOException;
  }

  /**
   * Receives key-source events, e.g. for metrics. Called on the verifying thread; must be fast,
   * thread-safe and must not throw (exceptions are logged and ignored). Every method defaults to
   * doing nothing.
   */
  interface Listener {
    /**
     * A key id was served from the cache.
     *
     * @param keyId the key id
     */
    default void onHit(String keyId) {}

    /**
     * A key id was not cached.
     *
     * @param keyId the key id
     */
    default void onMiss(String keyId) {}

    /**
     * A key was fetched and parsed.
     *
     * @param keyId the key id
     * @param latency how long the fetch took
     */
    default void onFetch(String keyId, Duration latency) {}

    /**
     * A key could not be fetched, was unknown, not fetched (fetch budget) or was not a P-256 key.
     *
     * @param keyId the key id (canonical: lower case)
     * @param reason {@code UNKNOWN_KEY}, {@code KEY_UNAVAILABLE} or {@code KEY_FETCH_THROTTLED}
     * @param latency how long the attempt took (zero when no request was sent)
     */
    default void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {}
  }

  /**
   * Builds the default key source. Each option may be set once. Not thread-safe; the built
   * source is.
   */
  final class Builder {
    private @Nullable String urlTemplate;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private int maxCachedKeys = -1;
    private @Nullable Duration negativeCacheTtl;
    private int maxFetchesPerSecond = -1;
    private @Nullable Fetcher fetcher;
    private @Nullable Listener listener;
    private @Nullable Clock clock;

    Builder() {}

    /**
     * Sets the key URL template with {@code {kid}} and optionally {@code {region}}. Default: chosen
     * per region, {@link #COMMERCIAL_URL_TEMPLATE} for the commercial partition and {@link
     * #GOVCLOUD_URL_TEMPLATE} for GovCloud; other partitions (China, ISO) need this option.
     * Must be {@code https}, except {@code http} to a loopback host (tests, local demos).
     *
     * @param template the template
     * @return this builder
     */
    public Builder urlTemplate(String template) {
      requireNonNull(template, "template");
      Checks.state(urlTemplate == null, "url template was already set to " + urlTemplate);
      this.urlTemplate = template;
      return this;
    }

    /**
     * Sets the connect timeout of the default fetcher. Default 2 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      Checks.state(connectTimeout == null, "connect timeout was already set to " + connectTimeout);
      this.connectTimeout = Checks.positive(timeout, "connect timeout");
      return this;
    }

    /**
     * Sets the read timeout of the default fetcher (until the response arrives); waiting threads
     * give up after connect plus read timeout. Default 2 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      Checks.state(readTimeout == null, "read timeout was already set to " + readTimeout);
      this.readTimeout = Checks.positive(timeout, "read timeout");
      return this;
    }

    /**
     * Sets how many keys are cached. Default 64 (AWS publishes few keys per region).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxCachedKeys(int max) {
      Checks.state(maxCachedKeys < 0, "max cached keys was already set to " + maxCachedKeys);
      Checks.state(max >= 1, "max cached keys must be at least 1 but was " + max);
      this.maxCachedKeys = max;
      return this;
    }

    /**
     * Sets how long a key id the endpoint did not know is rejected without asking again.
     * Default 30 seconds.
     *
     * @param ttl zero (off) or positive
     * @return this builder
     */
    public Builder negativeCacheTtl(Duration ttl) {
      requireNonNull(ttl, "ttl");
      Checks.state(negativeCacheTtl == null, "negative cache ttl was already set to " + negativeCacheTtl);
      Checks.state(!ttl.isNegative(), "negative cache ttl must not be negative but was " + ttl);
      this.negativeCacheTtl = ttl;
      return this;
    }

    /**
     * Caps how many fetches start per second, so a client spraying random key ids cannot make
     * us hammer AWS. Default 10. A fifth of the slots (at least one, from 2 up) is kept for key
     * ids that were asked for before, and slots go to the key ids most refused requests wait for
     * first: junk made of one-off random key ids cannot keep a genuinely new key id out for more
     * than about a second. Refused fetches are {@code KEY_FETCH_THROTTLED}.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxFetchesPerSecond(int max) {
      Checks.state(maxFetchesPerSecond < 0, "max fetches per second was already set to " + maxFetchesPerSecond);
      Checks.state(max >= 1, "max fetches per second must be at least 1 but was " + max);
      this.maxFetchesPerSecond = max;
      return this;
    }

    /**
     * Replaces the HTTP fetcher (e.g. to go through a proxy or an SDK client). The key source
     * does not close a fetcher it was given.
     *
     * @param fetcher the fetcher; must time out on its own
     * @return this builder
     */
    public Builder fetcher(Fetcher fetcher) {
      requireNonNull(fetcher, "fetcher");
      Checks.state(this.fetcher == null, "fetcher was already set");
      this.fetcher = fetcher;
      return this;
    }

    /**
     * Sets a listener for metrics.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(Listener listener) {
      requireNonNull(listener, "listener");
      Checks.state(this.listener == null, "listener was already set");
      this.listener = listener;
      return this;
    }

    /**
     * Sets the clock used for the negative cache and the fetch-rate cap. Default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      requireNonNull(clock, "clock");
      Checks.state(this.clock == null, "clock was already set");
      this.clock = clock;
      return this;
    }

    /**
     * Builds the key source.
     *
     * @return a thread-safe key source; close it when done
     * @throws IllegalStateException if the url template is invalid
     */
    public AlbPublicKeySource build() {
      Duration connect = connectTimeout != null ? connectTimeout : Duration.ofSeconds(2);
      Duration read = readTimeout != null ? readTimeout : Duration.ofSeconds(2);
      return new DefaultAlbPublicKeySource(
          urlTemplate,
          connect,
          read,
          maxCachedKeys > 0 ? maxCachedKeys : 64,
          negativeCacheTtl != null ? negativeCacheTtl : Duration.ofSeconds(30),
          maxFetchesPerSecond > 0 ? maxFetchesPerSecond : 10,
          fetcher,
          listener != null ? listener : new Listener() {},
          clock != null ? clock : Clock.systemUTC());
    }


  }
}
