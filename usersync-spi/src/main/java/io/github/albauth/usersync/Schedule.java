package io.github.albauth.usersync;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a {@link SyncScheduler} runs next. Hosts may implement it for any calendar rule (a lambda
 * will do); {@link #every(Duration)} and {@link #dailyAt(LocalTime, ZoneId)} cover the usual
 * cases.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Schedule {

  /**
   * Returns the next run time strictly after a moment.
   *
   * @param after the moment (the scheduler's clock, when the previous run ended or at start)
   */
  Instant next(Instant after);

  /**
   * Runs a fixed time after the previous run ended (and that long after start).
   *
   * @param period positive
   */
  static Schedule every(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period is " + period + "; use a positive duration");
    }
    return after -> after.plus(period);
  }

  /**
   * Runs once a day at a local time (daylight-saving gaps move it forward, as {@link
   * ZonedDateTime} does).
   *
   * @param time the local time of day
   * @param zone the time zone
   */
  static Schedule dailyAt(LocalTime time, ZoneId zone) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
    return after -> {
      ZonedDateTime local = after.atZone(zone);
      ZonedDateTime candidate = local.with(time);
      if (!candidate.toInstant().isAfter(after)) {
        candidate = local.plusDays(1).with(time);
      }
      return candidate.toInstant();
    };
  }
}
