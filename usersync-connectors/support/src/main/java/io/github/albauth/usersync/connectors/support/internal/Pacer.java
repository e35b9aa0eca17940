package io.github.albauth.usersync.connectors.support.internal;

import io.github.albauth.usersync.connectors.support.RateLimitHeaders.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last rate limit each kind of call reported and says how long to wait before the
 * next one, so that a run slows down before the IdP answers 429 rather than after. Thread-safe.
 */
public final class Pacer {

  private final double paceBelow;
  private final Map<String, RateLimit> last = new ConcurrentHashMap<>();

  /**
   * Creates the pacer.
   *
   * @param paceBelow the share of the window's budget below which calls are spread out
   */
  public Pacer(double paceBelow) {
    this.paceBelow = paceBelow;
  }

  /**
   * Records what a response said about its window.
   *
   * @param bucket the kind of call (vendors count limits per endpoint)
   * @param limit the reported window
   */
  public void update(String bucket, RateLimit limit) {
    last.put(bucket, limit);
  }

  /**
   * How long to wait before the next call of this kind: nothing while more than {@code paceBelow}
   * of the window is left; then the time left in the window shared among the requests left (all
   * of it when none is left).
   *
   * @param bucket the kind of call
   * @param now the current time
   * @return the wait, zero when none
   */
  public Duration delay(String bucket, Instant now) {
    RateLimit limit = last.get(bucket);
    if (limit == null || paceBelow <= 0 || !now.isBefore(limit.reset())
        || limit.remaining() > limit.limit() * paceBelow) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, limit.reset());
    return limit.remaining() == 0 ? left : left.dividedBy(limit.remaining() + 1);
  }
}
