package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.settings.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of the ALB's public key endpoint, as the filter's verifier last met it: UP when the
 * last contact got an answer (a key, or "no such key"), DOWN when it did not (timeout, refused
 * connection, 5xx, garbage), UNKNOWN before any contact.
 *
 * <p>A health request never calls the endpoint itself: the verifier fetches a key once per key id
 * and then serves it from its cache, and its key lookups ({@link AlbPublicKeySource.Listener})
 * say how the last contact went. While there was none, or the last one failed, a probe asks the
 * endpoint in the background, at most every {@code albauth.health.key-endpoint.probe-interval},
 * for a random key id (the endpoint answers 404, which proves it up; a random id is never cached,
 * so each probe is one real request), so that a pod taken out of service by a DOWN learns when
 * the endpoint is back without waiting for traffic. While the endpoint answers, nothing is probed:
 * an outage that no request notices (every key cached) is no reason to report DOWN.
 *
 * <p>Thread-safe. {@link #close()} releases the probe's HTTP client.
 */
public final class KeyEndpointHealth implements HealthIndicator, AlbPublicKeySource.Listener,
    AutoCloseable {

  /** What the last contact with the endpoint was, and how it went. */
  private record Contact(Instant at, String via, @Nullable String failure) {
    boolean answered() {
      return failure == null;
    }
  }

  private final Clock clock;
  private volatile @Nullable Contact last;
  private volatile @Nullable Instant lastAnswer;
  private final @Nullable AlbPublicKeySource probeSource;
  private final @Nullable String region;
  private final BackgroundProbe probe;

  /**
   * The health of the endpoint the settings' verifier uses ({@code albauth.public-key-url}, or
   * AWS's for the region of {@code albauth.region} or the first expected signer), probed with
   * {@code albauth.key-fetch-timeout}.
   *
   * @param settings the settings
   * @param clock the time
   * @param executor where probes run
   */
  public KeyEndpointHealth(Settings settings, Clock clock, Executor executor) {
    this.clock = clock;
    this.region = Keys.text(settings, AlbAuthProperties.REGION)
        .or(() -> regionOf(Keys.list(settings, AlbAuthProperties.EXPECTED_SIGNERS)))
        .orElse(null);
    Duration interval = settings.get(OpsSettings.HEALTH_KEY_PROBE_INTERVAL)
        .orElse(Duration.ofSeconds(30));
    if (region != null && !interval.isZero()) {
      AlbPublicKeySource.Builder source = AlbPublicKeySource.builder()
          // a random key id the endpoint does not know must be asked every time
          .negativeCacheTtl(Duration.ZERO)
          .clock(clock);
      Keys.text(settings, AlbAuthProperties.PUBLIC_KEY_URL).ifPresent(source::urlTemplate);
      Keys.duration(settings, AlbAuthProperties.KEY_FETCH_TIMEOUT)
          .ifPresent(timeout -> source.connectTimeout(timeout).readTimeout(timeout));
      this.probeSource = source.build();
    } else {
      this.probeSource = null;
    }
    this.probe = new BackgroundProbe(probeSource == null ? Duration.ZERO : interval, clock,
        executor, this::probe);
  }

  /** The region of an ARN {@code arn:<partition>:elasticloadbalancing:<region>:…}. */
  private static Optional<String> regionOf(List<String> signers) {
    if (signers.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = signers.get(0).split(":", 6);
    return parts.length == 6 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
  }

  @Override
  public void onFetch(String keyId, Duration latency) {
    record("key fetch", null);
  }

  @Override
  public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
    switch (reason) {
      // the endpoint answered that it has no such key: it is up
      case UNKNOWN_KEY -> record("key fetch", null);
      // no request was sent: says nothing about the endpoint
      case KEY_FETCH_THROTTLED -> { }
      default -> record("key fetch", reason.name());
    }
  }

  private void probe() {
    AlbPublicKeySource source = probeSource;
    String probed = region;
    if (source == null || probed == null) {
      return;
    }
    try {
      source.publicKey(UUID.randomUUID().toString(), probed);
      record("probe", null);
    } catch (AlbTokenException e) {
      record("probe", e.reason() == AlbTokenException.Reason.UNKNOWN_KEY ? null : e.reason().name());
    } catch (RuntimeException e) {
      record("probe", e.getClass().getSimpleName());
    }
  }

  /** Keeps the latest contact: a probe that ends after a newer key fetch does not overwrite it. */
  private synchronized void record(String via, @Nullable String failure) {
    Instant now = clock.instant();
    Contact current = last;
    if (current == null || !now.isBefore(current.at())) {
      last = new Contact(now, via, failure);
    }
    Instant answered = lastAnswer;
    if (failure == null && (answered == null || now.isAfter(answered))) {
      lastAnswer = now;
    }
  }

  @Override
  public Health health() {
    Contact contact = last;
    if (contact == null || !contact.answered()) {
      probe.startIfDue();
    }
    Health.Builder health = contact == null ? Health.unknown()
        : contact.answered() ? Health.up() : Health.down();
    if (contact == null) {
      health.withDetail("lastContact", "none yet: no key was needed");
    } else {
      health.withDetail("lastContact", contact.at().toString()).withDetail("via", contact.via());
      if (contact.failure() != null) {
        health.withDetail("failure", contact.failure());
      }
    }
    Instant answered = lastAnswer;
    if (answered != null) {
      health.withDetail("lastAnswer", answered.toString());
    }
    health.withDetail("probe", probe.enabled() ? "every " + probe.interval() + " while not UP"
        : region == null ? "off: no region (set albauth.region)" : "off");
    return health.build();
  }

  @Override
  public void close() {
    AlbPublicKeySource source = probeSource;
    if (source != null) {
      source.close();
    }
  }
}
