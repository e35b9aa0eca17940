package io.github.albauth.core.internal;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads and checks JWT claims from a parsed JSON object. Stateless and thread-safe. */
public final class Claims {
  /** 9999-12-31T23:59:59Z: no real NumericDate is later. */
  private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

  private Claims() {}

  /**
   * Returns a required non-empty string member.
   *
   * @param json the object
   * @param name the member
   * @param where "header" or "payload", for the message
   * @return the value
   * @throws AlbTokenException {@code MALFORMED} if absent, empty or not a string
   */
  public static String requiredString(Map<String, @Nullable Object> json, String name, String where) {
    Object value = json.get(name);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new AlbTokenException(Reason.MALFORMED, where + " has no " + name + " string but " + describe(value));
    }
    return s;
  }

  /**
   * Reads a NumericDate.
   *
   * @param json the object
   * @param name the member
   * @param where "header" or "payload", for the message
   * @return seconds since the epoch, or null if absent
   * @throws AlbTokenException {@code MALFORMED} if not a number or beyond year 9999
   */
  public static @Nullable Long epochSeconds(Map<String, @Nullable Object> json, String name, String where) {
    if (!json.containsKey(name)) {
      return null;
    }
    Object value = json.get(name);
    long seconds;
    if (value instanceof Long whole) {
      seconds = whole;
    } else if (value instanceof Double d && !d.isNaN()) {
      seconds = (long) Math.floor(d);
    } else {
      throw new AlbTokenException(Reason.MALFORMED, where + " " + name + " is not a number but " + describe(value));
    }
    if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
      throw new AlbTokenException(Reason.MALFORMED, where + " " + name + " " + seconds + " is out of range");
    }
    return seconds;
  }

  /**
   * Rejects an expired token.
   *
   * @param expSeconds the token's exp
   * @param nowMillis the current time
   * @param skew the allowed clock skew
   * @throws AlbTokenException {@code EXPIRED}
   */
  public static void checkNotExpired(long expSeconds, long nowMillis, Duration skew) {
    long expMillis = expSeconds * 1000L;
    if (nowMillis - skew.toMillis() > expMillis) {
      throw new AlbTokenException(
          Reason.EXPIRED,
          "token expired " + (nowMillis - expMillis) + " milliseconds ago at " + Instant.ofEpochMilli(expMillis)
              + ". Current time: " + Instant.ofEpochMilli(nowMillis) + ". Allowed clock skew: " + skew + ".");
    }
  }

  /**
   * Rejects a token whose {@code nbf} or {@code iat} lies in the future.
   *
   * @param payload the claims
   * @param nowMillis the current time
   * @param skew the allowed clock skew
   * @throws AlbTokenException {@code NOT_YET_VALID}, or {@code MALFORMED} for non-numbers
   */
  public static void checkNotFuture(Map<String, @Nullable Object> payload, long nowMillis, Duration skew) {
    checkNotFuture(payload, "nbf", "is not valid before", nowMillis, skew);
    checkNotFuture(payload, "iat", "was issued in the future at", nowMillis, skew);
  }

  private static void checkNotFuture(
      Map<String, @Nullable Object> payload, String name, String what, long nowMillis, Duration skew) {
    Long seconds = epochSeconds(payload, name, "payload");
    if (seconds != null && seconds * 1000L > nowMillis + skew.toMillis()) {
      throw new AlbTokenException(
          Reason.NOT_YET_VALID,
          "token " + what + " " + Instant.ofEpochSecond(seconds) + ". Current time: " + Instant.ofEpochMilli(nowMillis)
              + ". Allowed clock skew: " + skew + ".");
    }
  }

  /**
   * Describes an untrusted JSON value for a message.
   *
   * @param value the value
   * @return a short, log-safe description
   */
  public static String describe(@Nullable Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof String s) {
      return Texts.quote(s);
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
