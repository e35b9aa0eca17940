package io.github.albauth.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand instead of sleeping. Thread-safe. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /**
   * Creates a clock.
   *
   * @param start the initial instant
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock.
   *
   * @param d how far (may be negative)
   */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
