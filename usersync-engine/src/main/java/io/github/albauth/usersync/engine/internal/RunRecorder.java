package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects one run's outcomes and counts, tells listeners, and builds the report. One thread. */
final class RunRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

  private final EngineSettings settings;
  private final String trigger;
  private final SyncReport.Mode mode;
  private final boolean dryRun;
  private final Instant started;
  private final Map<UserOutcome.Kind, Long> counts = new EnumMap<>(UserOutcome.Kind.class);
  private final List<UserOutcome> outcomes = new ArrayList<>();
  private boolean truncated;
  long sourceUsers;
  long groupChanges;
  long deprovisionCandidates;

  RunRecorder(EngineSettings settings, String trigger, SyncReport.Mode mode, boolean dryRun) {
    this.settings = settings;
    this.trigger = trigger;
    this.mode = mode;
    this.dryRun = dryRun;
    this.started = settings.clock().instant();
    for (UserOutcome.Kind k : UserOutcome.Kind.values()) {
      counts.put(k, 0L);
    }
  }

  void record(UserOutcome outcome) {
    counts.merge(outcome.kind(), 1L, Long::sum);
    if (outcome.kind() != UserOutcome.Kind.UNCHANGED) {
      if (outcomes.size() < settings.maxReportedOutcomes()) {
        outcomes.add(outcome);
      } else {
        truncated = true;
      }
    }
    notify(settings, outcome);
  }

  static void notify(EngineSettings settings, UserOutcome outcome) {
    for (SyncListener l : settings.listeners()) {
      try {
        l.userProcessed(settings.sourceId(), outcome);
      } catch (RuntimeException e) {
        LOG.warn("sync listener {} failed on a user event", l.getClass().getName(), e);
      }
    }
  }

  /** Finishes a run that was not refused by a safety rule. */
  SyncReport finish(SyncReport.Status status, @Nullable String message) {
    return finish(status, null, message);
  }

  /** Finishes a run whose deprovisioning a safety rule refused. */
  SyncReport refused(SyncReport.Refusal refusal, String message) {
    return finish(SyncReport.Status.DEPROVISIONING_REFUSED, refusal, message);
  }

  private SyncReport finish(SyncReport.Status status, SyncReport.@Nullable Refusal refusal,
      @Nullable String message) {
    SyncReport report = new SyncReport(settings.sourceId(), trigger, mode, dryRun, status, refusal,
        message, started, settings.clock().instant(), sourceUsers, counts, groupChanges,
        deprovisionCandidates, outcomes, truncated);
    LOG.info("{}{} sync of {} ({}) {}: {} source users, created={} updated={} reactivated={} "
            + "deactivated={} anonymized={} deleted={} unchanged={} skipped={} failed={} "
            + "groupChanges={} deprovisionCandidates={}{} in {} ms{}",
        dryRun ? "dry-run " : "", mode, settings.sourceId(), trigger, status, sourceUsers,
        report.count(UserOutcome.Kind.CREATED), report.count(UserOutcome.Kind.UPDATED),
        report.count(UserOutcome.Kind.REACTIVATED), report.count(UserOutcome.Kind.DEACTIVATED),
        report.count(UserOutcome.Kind.ANONYMIZED), report.count(UserOutcome.Kind.DELETED),
        report.count(UserOutcome.Kind.UNCHANGED), report.count(UserOutcome.Kind.SKIPPED),
        report.count(UserOutcome.Kind.FAILED), groupChanges, deprovisionCandidates,
        refusal == null ? "" : " refusal=" + refusal, report.duration().toMillis(),
        message == null ? "" : " - " + message);
    for (SyncListener l : settings.listeners()) {
      try {
        l.runFinished(report);
      } catch (RuntimeException e) {
        LOG.warn("sync listener {} failed on a run event", l.getClass().getName(), e);
      }
    }
    return report;
  }
}
