package io.github.albauth.spring.boot.autoconfigure.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs a check on an executor when asked and due: at most once per interval, never two at once,
 * and never on the asking thread, so that a health request is never slowed by a remote call and
 * many health requests make one. Thread-safe.
 */
public final class BackgroundProbe {

  private final Duration interval;
  private final Clock clock;
  private final Executor executor;
  private final Runnable check;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile @Nullable Instant lastStarted;

  /**
   * A probe.
   *
   * @param interval the least time between two starts; zero never starts one
   * @param clock the time
   * @param executor where the check runs
   * @param check the check; records its own result and does not throw
   */
  public BackgroundProbe(Duration interval, Clock clock, Executor executor, Runnable check) {
    this.interval = interval;
    this.clock = clock;
    this.executor = executor;
    this.check = check;
  }

  /** {@return whether probing is on (a positive interval)} */
  public boolean enabled() {
    return !interval.isZero();
  }

  /** {@return the interval} */
  public Duration interval() {
    return interval;
  }

  /**
   * Starts the check unless probing is off, one is running, or the last one started less than
   * the interval ago.
   *
   * @return whether it started one
   */
  public boolean startIfDue() {
    if (!enabled()) {
      return false;
    }
    Instant now = clock.instant();
    Instant last = lastStarted;
    if (last != null && now.isBefore(last.plus(interval))) {
      return false;
    }
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    lastStarted = now;
    try {
      executor.execute(() -> {
        try {
          check.run();
        } finally {
          running.set(false);
        }
      });
      return true;
    } catch (RejectedExecutionException shuttingDown) {
      running.set(false);
      return false;
    }
  }
}
