package io.github.albauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that tests move by hand instead of sleeping: give it to the verifier, the
 * minter, the filter or the sync engine, then {@link #advance} it past an expiry or a cache
 * lifetime. Always in UTC.
 *
 * <p>Thread-safe: reads and moves are atomic.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * Creates a clock showing {@code start}.
   *
   * @param start the initial instant
   */
  public MutableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Moves the clock.
   *
   * @param duration how far; negative moves it back
   */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * Sets the clock.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock: zones do not matter for instants. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public String toString() {
    return "MutableClock[" + now + "]";
  }
}
