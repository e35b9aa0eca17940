package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.engine.internal.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a {@link SyncScheduler} runs next. {@link #every(Duration)}, {@link #dailyAt(LocalTime,
 * ZoneId)} and {@link #cron(String, ZoneId)} cover the usual cases; hosts may implement it for any
 * other rule (a lambda will do).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Schedule {

  /**
   * {@return the next run time strictly after a moment}
   *
   * @param after the moment (the scheduler's clock, when the previous run ended or at start)
   */
  Instant next(Instant after);

  /**
   * Runs a fixed time after the previous run ended (and that long after start).
   *
   * @param period positive
   * @return the schedule
   */
  static Schedule every(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period is " + period + "; use a positive duration");
    }
    return after -> after.plus(period);
  }

  /**
   * Runs on a five-field cron expression ({@code minute hour day-of-month month day-of-week}), for
   * example {@code "0 2 * * 1-5"} (02:00 on weekdays) or {@code "*}{@code /15 * * * *"} (every
   * quarter hour); supports {@code *}, numbers, ranges, lists and steps; day of week 0-7 (0 and 7
   * are Sunday); no names, no seconds.
   *
   * @param expression the expression
   * @param zone the time zone it is read in
   * @return the schedule
   * @throws IllegalArgumentException naming the bad field and the reason
   */
  static Schedule cron(String expression, ZoneId zone) {
    return new CronSchedule(Objects.requireNonNull(expression, "expression"),
        Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Runs once a day at a local time (daylight-saving gaps move it forward, as {@link
   * ZonedDateTime} does).
   *
   * @param time the local time of day
   * @param zone the time zone
   * @return the schedule
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
