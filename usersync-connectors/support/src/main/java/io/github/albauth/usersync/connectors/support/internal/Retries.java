package io.github.albauth.usersync.connectors.support.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Backoff with jitter, and the waits servers ask for. */
public final class Retries {

  private Retries() {}

  /**
   * {@return whether a response with this status may succeed when tried again: throttling (429)
   * and the transient server errors (500, 502, 503, 504)}
   *
   * @param status the HTTP status
   */
  public static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Exponential backoff with equal jitter: half of {@code initial × 2^(retry-1)} (capped at
   * {@code max}) plus a random share of the other half, so that clients that failed together do
   * not retry together.
   *
   * @param retry 1 for the first retry
   * @param initial the first backoff
   * @param max the cap
   * @return the wait
   */
  public static Duration backoff(int retry, Duration initial, Duration max) {
    long cap = max.toNanos();
    long base = initial.toNanos();
    for (int i = 1; i < retry && base < cap; i++) {
      base *= 2;
    }
    base = Math.min(base, cap);
    long half = base / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /**
   * Adds up to a tenth on top of a wait the server asked for, so that throttled clients spread out.
   *
   * @param wait the server's wait
   * @return the wait with jitter
   */
  public static Duration jitterAbove(Duration wait) {
    long tenth = wait.toNanos() / 10;
    return tenth <= 0 ? wait : wait.plusNanos(ThreadLocalRandom.current().nextLong(tenth + 1));
  }

  /**
   * Reads {@code Retry-After}: seconds, or an HTTP date (RFC 9110 section 10.2.3).
   *
   * @param headers the response headers
   * @param now the current time
   * @return the wait, or null when absent or unreadable
   */
  public static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue("Retry-After");
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get().trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
