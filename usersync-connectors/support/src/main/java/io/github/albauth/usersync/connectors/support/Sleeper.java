package io.github.albauth.usersync.connectors.support;

import java.time.Duration;

/**
 * Waits between attempts and while pacing. The default blocks the calling thread; tests pass one
 * that advances their clock instead, so that retry budgets are checked without waiting.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread with {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM = duration -> {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  };

  /**
   * Waits.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
