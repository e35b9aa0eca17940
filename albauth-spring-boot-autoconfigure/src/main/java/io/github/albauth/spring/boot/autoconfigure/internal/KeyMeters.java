package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ALB key lookups of the filter's verifier: {@code albauth.keys.lookups} by {@code result}
 * ({@code hit}: from the cache, {@code miss}: not cached), and {@code albauth.keys.fetches}, a
 * timer of the fetches by {@code outcome} ({@code success}, {@code failure}) and {@code reason}
 * ({@code none}, {@code UNKNOWN_KEY}: the endpoint does not know the key id, {@code
 * KEY_UNAVAILABLE}: it could not be asked or answered garbage, {@code KEY_FETCH_THROTTLED}: not
 * asked, the fetch budget was spent, recorded as taking no time). Key ids are never tags.
 * Thread-safe.
 */
public final class KeyMeters implements AlbPublicKeySource.Listener {

  /** The counter of lookups. */
  public static final String LOOKUPS = "albauth.keys.lookups";
  /** The timer of fetches. */
  public static final String FETCHES = "albauth.keys.fetches";

  private final MeterRegistry registry;
  private final Counter hits;
  private final Counter misses;
  private final Timer fetched;
  /** Filled in the constructor, read-only after. */
  private final Map<AlbTokenException.Reason, Timer> failed =
      new EnumMap<>(AlbTokenException.Reason.class);

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public KeyMeters(MeterRegistry registry) {
    this.registry = registry;
    hits = lookups(registry, "hit");
    misses = lookups(registry, "miss");
    fetched = fetches("success", "none");
    for (AlbTokenException.Reason reason : List.of(AlbTokenException.Reason.UNKNOWN_KEY,
        AlbTokenException.Reason.KEY_UNAVAILABLE, AlbTokenException.Reason.KEY_FETCH_THROTTLED)) {
      failed.put(reason, fetches("failure", reason.name()));
    }
  }

  private static Counter lookups(MeterRegistry registry, String result) {
    return Counter.builder(LOOKUPS)
        .description("ALB public key lookups of the albauth filter's verifier, by cache result")
        .tag("result", result).register(registry);
  }

  private Timer fetches(String outcome, String reason) {
    return Timer.builder(FETCHES)
        .description("ALB public key fetches, by outcome and reason")
        .tag("outcome", outcome).tag("reason", reason).register(registry);
  }

  @Override
  public void onHit(String keyId) {
    hits.increment();
  }

  @Override
  public void onMiss(String keyId) {
    misses.increment();
  }

  @Override
  public void onFetch(String keyId, Duration latency) {
    fetched.record(latency);
  }

  @Override
  public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
    Timer timer = failed.get(reason);
    // a reason the key source does not document today still gets its own series (the registry
    // returns the same timer for the same tags)
    (timer != null ? timer : fetches("failure", reason.name())).record(latency);
  }
}
