package io.github.albauth.servlet.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs authentication failures at WARN without letting a flood of bad requests flood the log: at
 * most {@code permitsPerWindow} lines per window; at the start of the next window that logs, one
 * line says how many were suppressed. Reason codes only, never a token.
 *
 * <p>Thread-safe and lock-free.
 */
public final class RateLimitedLog {

  private final Logger logger;
  private final Clock clock;
  private final long windowMillis;
  private final int permitsPerWindow;
  private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong usedInWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * Creates the limiter.
   *
   * @param logger where lines go
   * @param clock the time source
   * @param window the length of one window
   * @param permitsPerWindow lines allowed per window; 0 logs nothing at WARN
   */
  public RateLimitedLog(Logger logger, Clock clock, Duration window, int permitsPerWindow) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("log window must be positive, was " + window);
    }
    if (permitsPerWindow < 0) {
      throw new IllegalArgumentException("log permits must not be negative, was " + permitsPerWindow);
    }
    this.logger = logger;
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.permitsPerWindow = permitsPerWindow;
  }

  /**
   * Logs one failure line, unless the window's permits are used up.
   *
   * @param format an slf4j format
   * @param arguments its arguments (reason codes, paths, addresses; never a token)
   * @return whether the line was written
   */
  public boolean warn(String format, Object... arguments) {
    long now = clock.millis();
    long start = windowStart.get();
    if (start == Long.MIN_VALUE || now - start >= windowMillis) {
      if (windowStart.compareAndSet(start, now)) {
        usedInWindow.set(0);
        long dropped = suppressed.getAndSet(0);
        if (dropped > 0) {
          logger.warn("{} further authentication failures were not logged in the last {} ms",
              dropped, windowMillis);
        }
      }
    }
    if (usedInWindow.incrementAndGet() <= permitsPerWindow) {
      logger.warn(format, arguments);
      return true;
    }
    suppressed.incrementAndGet();
    logger.debug(format, arguments);
    return false;
  }

  /** Returns how many lines were suppressed in the current window so far. */
  public long suppressedCount() {
    return suppressed.get();
  }
}
