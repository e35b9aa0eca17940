package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The sync runs of the engines this listener is given to: {@code albauth.sync.runs} (a counter)
 * and {@code albauth.sync.duration} (a timer) by {@code source}, {@code mode} ({@code FULL},
 * {@code DELTA}) and {@code status} ({@link SyncReport.Status}), and {@code albauth.sync.users}, the
 * users the runs processed, by {@code source} and {@code outcome} ({@link UserOutcome.Kind}), from
 * each report's counts. Dry runs change nothing and are not counted. Source ids are configuration,
 * so the tags stay few. Thread-safe.
 */
public final class SyncMeters implements SyncListener {

  /** The counter of runs. */
  public static final String RUNS = "albauth.sync.runs";
  /** The timer of runs. */
  public static final String DURATION = "albauth.sync.duration";
  /** The counter of users. */
  public static final String USERS = "albauth.sync.users";

  private final MeterRegistry registry;

  /**
   * Meters in a registry.
   *
   * @param registry where
   */
  public SyncMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void runFinished(SyncReport report) {
    if (report.dryRun()) {
      return;
    }
    Tags tags = Tags.of("source", report.source(), "mode", report.mode().name(),
        "status", report.status().name());
    Counter.builder(RUNS).description("albauth directory sync runs, by source, mode and status")
        .tags(tags).register(registry).increment();
    Timer.builder(DURATION).description("How long albauth directory sync runs took")
        .tags(tags).register(registry).record(report.duration());
    for (UserOutcome.Kind kind : UserOutcome.Kind.values()) {
      long count = report.count(kind);
      if (count > 0) {
        Counter.builder(USERS)
            .description("Users albauth directory sync runs processed, by source and outcome")
            .tags("source", report.source(), "outcome", kind.name())
            .register(registry).increment((double) count);
      }
    }
  }
}
