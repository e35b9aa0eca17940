package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Settings;
import io.github.albauth.usersync.engine.Schedule;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.SyncScheduler;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled directory sync of a Spring application: a {@link SyncScheduler} on a thread of
 * its own, started when the application is ready ({@link #start()}), so that no sync competes
 * with startup and none runs in an application that failed to start, and stopped when the
 * context closes ({@link #close()}: no new run starts; a running one gets a while to finish).
 * Thread-safe.
 */
public final class ScheduledSync implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSync.class);
  /** How long closing waits for a running sync before it interrupts it. */
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private final ScheduledExecutorService executor;
  private final SyncScheduler scheduler;
  private final String description;
  private boolean started;

  private ScheduledSync(ScheduledExecutorService executor, SyncScheduler scheduler,
      String description) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.description = description;
  }

  /**
   * Schedules an engine's sync by {@code albauth.sync.interval} or {@code albauth.sync.cron} (in
   * {@code albauth.sync.zone}), running {@code albauth.sync.mode}.
   *
   * @param settings the settings
   * @param engine the engine to run
   * @return the scheduled sync, not started yet
   * @throws IllegalStateException when neither or both of interval and cron are given
   * @throws IllegalArgumentException naming the key of a bad cron expression or zone
   */
  public static ScheduledSync create(Settings settings, SyncEngine engine) {
    Optional<Duration> interval = settings.get(OpsSettings.SYNC_INTERVAL);
    Optional<String> cron = settings.get(OpsSettings.SYNC_CRON);
    if (interval.isPresent() == cron.isPresent()) {
      throw new IllegalStateException(interval.isPresent()
          ? "both " + OpsSettings.SYNC_INTERVAL.name() + " and " + OpsSettings.SYNC_CRON.name()
              + " are set; give one"
          : "a scheduled sync needs " + OpsSettings.SYNC_INTERVAL.name() + " or "
              + OpsSettings.SYNC_CRON.name());
    }
    Schedule schedule;
    String when;
    if (interval.isPresent()) {
      schedule = Schedule.every(interval.get());
      when = "every " + interval.get();
    } else {
      ZoneId zone = zone(settings.get(OpsSettings.SYNC_ZONE).orElse("UTC"));
      try {
        schedule = Schedule.cron(cron.get(), zone);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(OpsSettings.SYNC_CRON.name() + ": " + e.getMessage(), e);
      }
      when = "on \"" + cron.get() + "\" in " + zone;
    }
    boolean delta = settings.get(OpsSettings.SYNC_MODE).orElse("full").equals("delta");
    Function<String, SyncReport> run = delta ? engine::deltaSync : engine::fullSync;
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "albauth-sync-" + engine.sourceId());
      thread.setDaemon(true);
      return thread;
    });
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).schedule(schedule)
        .run(run).build();
    return new ScheduledSync(executor, scheduler,
        (delta ? "delta" : "full") + " sync of " + engine.sourceId() + " " + when);
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(OpsSettings.SYNC_ZONE.name() + ": \"" + name
          + "\" is not a time zone; give a region such as Europe/Berlin, or UTC", e);
    }
  }

  /** {@return the scheduler, for manual runs ({@code triggerNow()}) and its next run} */
  public SyncScheduler scheduler() {
    return scheduler;
  }

  /** Schedules the first run; does nothing when already started or closed. */
  public synchronized void start() {
    if (started || executor.isShutdown()) {
      return;
    }
    started = true;
    scheduler.start();
    LOG.info("albauth scheduled the {}; next run at {}", description, scheduler.nextRun());
  }

  /** Stops scheduling and waits a while for a running sync; idempotent. */
  @Override
  public synchronized void close() {
    if (executor.isShutdown()) {
      return;
    }
    scheduler.close();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("albauth interrupted the {} after waiting {} at shutdown", description,
            SHUTDOWN_WAIT);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
