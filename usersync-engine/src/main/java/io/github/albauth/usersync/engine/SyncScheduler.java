package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.SyncLock;
import static io.github.albauth.usersync.engine.internal.Options.once;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sync on a {@link Schedule} on the host's {@link ScheduledExecutorService}, with a manual
 * trigger. Overlapping runs are kept apart by the engine's {@link SyncLock}. Hosts with Quartz or
 * Spring scheduling call {@link SyncEngine#fullSync} or {@link SyncEngine#deltaSync} from there
 * instead.
 *
 * <pre>{@code
 * SyncScheduler scheduler = SyncScheduler.builder()
 *     .executor(executor)
 *     .schedule(Schedule.every(Duration.ofMinutes(30)))
 *     .run(engine::deltaSync)
 *     .build();
 * scheduler.start();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops scheduling but does not shut the executor down (the host
 * owns it).
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Schedule schedule;
  private final Function<String, SyncReport> run;
  private final Object lock = new Object();
  private @Nullable ScheduledFuture<?> pending;
  private @Nullable Instant nextAt;
  private boolean started;
  private boolean closed;

  private SyncScheduler(Builder b) {
    this.executor = Objects.requireNonNull(b.executor);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.schedule = Objects.requireNonNull(b.schedule);
    this.run = Objects.requireNonNull(b.run);
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Schedules the first run.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException(closed ? "scheduler is closed" : "scheduler already started");
      }
      started = true;
      scheduleNext();
    }
  }

  /**
   * Runs the sync now on the executor with trigger {@code "manual"}, besides the schedule.
   *
   * @return the run's report, when it completes
   */
  public Future<SyncReport> triggerNow() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("scheduler is closed");
      }
    }
    return executor.submit(() -> run.apply("manual"));
  }

  /** {@return when the next scheduled run is due, or {@code null} when none is scheduled} */
  public @Nullable Instant nextRun() {
    synchronized (lock) {
      return pending == null ? null : nextAt;
    }
  }

  private void scheduleNext() {
    Instant now = clock.instant();
    Instant next = schedule.next(now);
    if (!next.isAfter(now)) {
      throw new IllegalStateException("schedule returned " + next + ", not after " + now);
    }
    nextAt = next;
    pending = executor.schedule(this::fire, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fire() {
    try {
      SyncReport report = run.apply("schedule");
      LOG.debug("scheduled sync ended {}", report.status());
    } catch (RuntimeException e) {
      LOG.error("scheduled sync failed", e);
    } finally {
      synchronized (lock) {
        if (!closed) {
          scheduleNext();
        }
      }
    }
  }

  /** Cancels the next scheduled run; a running sync finishes. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }
  }

  /** Builds a {@link SyncScheduler}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ScheduledExecutorService executor;
    private @Nullable Clock clock;
    private @Nullable Schedule schedule;
    private @Nullable Function<String, SyncReport> run;

    private Builder() {}

    /**
     * The executor that runs the syncs (required; the host owns and shuts it down).
     *
     * @param scheduledExecutor the executor
     * @return this builder
     */
    public Builder executor(ScheduledExecutorService scheduledExecutor) {
      executor = once(executor, scheduledExecutor, "executor");
      return this;
    }

    /**
     * The clock the schedule reads (default the system UTC clock).
     *
     * @param time the clock
     * @return this builder
     */
    public Builder clock(Clock time) {
      clock = once(clock, time, "clock");
      return this;
    }

    /**
     * When to run (required).
     *
     * @param when the schedule
     * @return this builder
     */
    public Builder schedule(Schedule when) {
      schedule = once(schedule, when, "schedule");
      return this;
    }

    /**
     * What to run (required), given the trigger: usually {@code engine::fullSync} or {@code
     * engine::deltaSync}.
     *
     * @param sync the sync
     * @return this builder
     */
    public Builder run(Function<String, SyncReport> sync) {
      run = once(run, sync, "run");
      return this;
    }

    /**
     * Builds the scheduler (not yet started).
     *
     * @return the scheduler; call {@code start()} to run it
     * @throws IllegalStateException when executor, schedule or run is missing
     */
    public SyncScheduler build() {
      if (executor == null || schedule == null || run == null) {
        throw new IllegalStateException("executor, schedule and run are required; missing "
            + (executor == null ? "executor" : schedule == null ? "schedule" : "run"));
      }
      return new SyncScheduler(this);
    }
  }
}
