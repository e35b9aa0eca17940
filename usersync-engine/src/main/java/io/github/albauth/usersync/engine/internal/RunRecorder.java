package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  /** How many users had each outcome (a mutable count per kind: no boxing per user). */
  private final Map<UserOutcome.Kind, Count> counts = new EnumMap<>(UserOutcome.Kind.class);

  /** One kind's count. */
  private static final class Count {
    long n;
  }
  private final List<UserOutcome> outcomes = new ArrayList<>();
  private boolean truncated;
  private long failuresListed;
  private int consecutiveFailures;
  private @Nullable UserOutcome lastFailure;
  long sourceUsers;
  long groupChanges;
  long deprovisionCandidates;
  /** The most group conflicts a report's message spells out; the rest are counted. */
  static final int GROUP_CONFLICTS_LISTED = 10;
  private final List<String> groupConflicts = new ArrayList<>();
  private int groupConflictCount;
  /** Something the report's message says even when the run succeeds (a delta-token expiry). */
  @Nullable String note;
  private @Nullable SourceCalls calls;

  /** Returns the run's bounded source calls (the run's time budget starts with the first call). */
  SourceCalls calls() {
    SourceCalls c = calls;
    if (c == null) {
      c = new SourceCalls(settings);
      calls = c;
    }
    return c;
  }

  /** Stops the run's source worker, if any. */
  void closeCalls() {
    if (calls != null) {
      calls.close();
    }
  }

  RunRecorder(EngineSettings settings, String trigger, SyncReport.Mode mode, boolean dryRun) {
    this.settings = settings;
    this.trigger = trigger;
    this.mode = mode;
    this.dryRun = dryRun;
    this.started = settings.clock().instant();
    for (UserOutcome.Kind k : UserOutcome.Kind.values()) {
      counts.put(k, new Count());
    }
  }

  void record(UserOutcome outcome) {
    count(outcome.kind()).n++;
    consecutiveFailures = outcome.kind() == UserOutcome.Kind.FAILED ? consecutiveFailures + 1 : 0;
    if (outcome.kind() == UserOutcome.Kind.FAILED) {
      lastFailure = outcome;
    }
    if (outcome.kind() != UserOutcome.Kind.UNCHANGED) {
      boolean failed = outcome.kind() == UserOutcome.Kind.FAILED;
      if (outcomes.size() < settings.maxReportedOutcomes()
          || (failed && failuresListed < settings.maxReportedOutcomes())) {
        outcomes.add(outcome);
        failuresListed += failed ? 1 : 0;
      } else {
        truncated = true;
      }
    }
    notify(settings, outcome);
  }

  /**
   * Records a group the run could not bring in step without harming another (a rename onto a name
   * another group keeps): the run ends {@link SyncReport.Status#PARTIAL} at best, and its message
   * names the group.
   */
  void groupConflict(String message) {
    if (groupConflicts.size() < GROUP_CONFLICTS_LISTED) {
      groupConflicts.add(message);
    }
    groupConflictCount++;
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

  private Count count(UserOutcome.Kind kind) {
    return Objects.requireNonNull(counts.get(kind));
  }

  private Map<UserOutcome.Kind, Long> countsByKind() {
    Map<UserOutcome.Kind, Long> byKind = new EnumMap<>(UserOutcome.Kind.class);
    counts.forEach((k, c) -> byKind.put(k, c.n));
    return byKind;
  }

  /** Returns how many users in a row failed, up to the last one recorded. */
  int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Describes the last failed user, for messages. */
  String lastFailure() {
    UserOutcome f = lastFailure;
    return f == null ? "none" : f.username() + " (" + f.externalId() + "): " + f.reason();
  }

  /** Returns how many users failed so far. */
  long failures() {
    return count(UserOutcome.Kind.FAILED).n;
  }

  /**
   * Finishes a run that was not refused by a safety rule; a run that would succeed but had failed
   * users ends {@link SyncReport.Status#PARTIAL}.
   */
  SyncReport finish(SyncReport.Status status, @Nullable String message) {
    return finish(status, null, message);
  }

  /** Finishes a run whose deprovisioning a safety rule refused. */
  SyncReport refused(SyncReport.Refusal refusal, String message) {
    return finish(SyncReport.Status.DEPROVISIONING_REFUSED, refusal, message);
  }

  private SyncReport finish(SyncReport.Status requested, SyncReport.@Nullable Refusal refusal,
      @Nullable String problem) {
    closeCalls();
    String message = problem;
    SyncReport.Status status = requested == SyncReport.Status.SUCCEEDED
        && (failures() > 0 || groupConflictCount > 0) ? SyncReport.Status.PARTIAL : requested;
    String n = note;
    if (n != null) {
      message = message == null ? n : n + "; " + message;
    }
    if (groupConflictCount > 0) {
      String conflicts = groupConflictCount + (groupConflictCount == 1 ? " group conflict: "
          : " group conflicts: ") + String.join("; ", groupConflicts)
          + (groupConflictCount > groupConflicts.size()
              ? "; and " + (groupConflictCount - groupConflicts.size()) + " more" : "");
      message = message == null ? conflicts : message + "; " + conflicts;
    }
    SyncReport report = new SyncReport(settings.sourceId(), trigger, mode, dryRun, status, refusal,
        message, started, settings.clock().instant(), sourceUsers, countsByKind(), groupChanges,
        deprovisionCandidates, outcomes, truncated);
    LOG.info("{}{} sync of {} ({}) {}: {} source users, created={} updated={} reactivated={} "
            + "deactivated={} anonymized={} deleted={} unchanged={} skipped={} failed={} "
            + "groupChanges={} deprovisionCandidates={} kept={}{} in {} ms{}",
        dryRun ? "dry-run " : "", mode, settings.sourceId(), trigger, status, sourceUsers,
        report.count(UserOutcome.Kind.CREATED), report.count(UserOutcome.Kind.UPDATED),
        report.count(UserOutcome.Kind.REACTIVATED), report.count(UserOutcome.Kind.DEACTIVATED),
        report.count(UserOutcome.Kind.ANONYMIZED), report.count(UserOutcome.Kind.DELETED),
        report.count(UserOutcome.Kind.UNCHANGED), report.count(UserOutcome.Kind.SKIPPED),
        report.count(UserOutcome.Kind.FAILED), groupChanges, deprovisionCandidates,
        report.count(UserOutcome.Kind.KEPT),
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
