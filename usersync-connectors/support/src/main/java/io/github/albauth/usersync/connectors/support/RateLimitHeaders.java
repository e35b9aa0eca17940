package io.github.albauth.usersync.connectors.support;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a vendor reports its rate limit in response headers, so that calls slow down before the
 * limit is hit and a {@code 429} without {@code Retry-After} waits until the window resets.
 *
 * <p>Immutable and thread-safe.
 */
public final class RateLimitHeaders {

  /** A vendor that sends no rate-limit headers (only {@code Retry-After}, if anything). */
  public static final RateLimitHeaders NONE = new RateLimitHeaders("", "", "", false);

  /**
   * Okta: {@code X-Rate-Limit-Limit}, {@code X-Rate-Limit-Remaining} and {@code
   * X-Rate-Limit-Reset} (UTC epoch seconds).
   * https://developer.okta.com/docs/reference/rl-best-practices/
   */
  public static final RateLimitHeaders OKTA =
      epochSeconds("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset");

  private final String limitHeader;
  private final String remainingHeader;
  private final String resetHeader;
  private final boolean resetIsEpoch;

  private RateLimitHeaders(String limit, String remaining, String reset, boolean resetIsEpoch) {
    this.limitHeader = limit;
    this.remainingHeader = remaining;
    this.resetHeader = reset;
    this.resetIsEpoch = resetIsEpoch;
  }

  /**
   * Headers whose reset is an instant in UTC epoch seconds (Okta's style).
   *
   * @param limit the header with the window's limit
   * @param remaining the header with the requests left in the window
   * @param reset the header with the window's end, in epoch seconds
   * @return the format
   */
  public static RateLimitHeaders epochSeconds(String limit, String remaining, String reset) {
    return new RateLimitHeaders(Objects.requireNonNull(limit, "limit"),
        Objects.requireNonNull(remaining, "remaining"), Objects.requireNonNull(reset, "reset"), true);
  }

  /**
   * Headers whose reset is a number of seconds from now (the IETF draft's {@code RateLimit-Limit},
   * {@code RateLimit-Remaining}, {@code RateLimit-Reset}, which some Graph services send).
   *
   * @param limit the header with the window's limit
   * @param remaining the header with the requests left in the window
   * @param reset the header with the seconds until the window ends
   * @return the format
   */
  public static RateLimitHeaders deltaSeconds(String limit, String remaining, String reset) {
    return new RateLimitHeaders(Objects.requireNonNull(limit, "limit"),
        Objects.requireNonNull(remaining, "remaining"), Objects.requireNonNull(reset, "reset"), false);
  }

  /**
   * Reads a response's rate limit.
   *
   * @param headers the response headers
   * @param now the current time (for relative resets)
   * @return the limit, or empty when the headers are absent or not numbers
   */
  public Optional<RateLimit> read(HttpHeaders headers, Instant now) {
    if (limitHeader.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong limit = number(headers, limitHeader);
    OptionalLong remaining = number(headers, remainingHeader);
    OptionalLong reset = number(headers, resetHeader);
    if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty() || limit.getAsLong() <= 0) {
      return Optional.empty();
    }
    Instant resetAt = resetIsEpoch ? Instant.ofEpochSecond(reset.getAsLong())
        : now.plusSeconds(reset.getAsLong());
    return Optional.of(new RateLimit(limit.getAsLong(), Math.max(0, remaining.getAsLong()), resetAt));
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * A rate-limit window as a response reported it.
   *
   * <p>Immutable and thread-safe.
   *
   * @param limit the requests the window allows
   * @param remaining the requests left in the window
   * @param reset when the window ends
   */
  public record RateLimit(long limit, long remaining, Instant reset) {}
}
