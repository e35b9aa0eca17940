package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.SyncLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one sync run: counts, per-user outcomes, timing, source and trigger.
 *
 * <p>{@link #outcomes()} lists every user that was not unchanged, up to the engine's {@code
 * maxReportedOutcomes}; {@link #counts()} counts all of them. Listeners receive every outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the source id
 * @param trigger who started the run ({@code "manual"}, {@code "schedule"}, …)
 * @param mode full or delta
 * @param dryRun whether this was a dry run (nothing written)
 * @param status how the run ended
 * @param message why the run failed or deprovisioning was refused; else null
 * @param started when the run started
 * @param finished when the run finished
 * @param sourceUsers users the source returned (full sync) or changed and removed (delta sync)
 * @param counts how many users had each outcome (every kind present, possibly 0)
 * @param groupChanges groups created plus memberships added and removed by group sync
 * @param deprovisionCandidates managed users the source no longer returns (even when refused)
 * @param outcomes per-user outcomes except unchanged ones, in processing order
 * @param outcomesTruncated whether {@code outcomes} stopped at the configured maximum
 */
public record SyncReport(
    String source,
    String trigger,
    Mode mode,
    boolean dryRun,
    Status status,
    @Nullable String message,
    Instant started,
    Instant finished,
    long sourceUsers,
    Map<UserOutcome.Kind, Long> counts,
    long groupChanges,
    long deprovisionCandidates,
    List<UserOutcome> outcomes,
    boolean outcomesTruncated) {

  /** Which kind of run. */
  public enum Mode {
    /** Every user in scope, then cleanup of those not returned. */
    FULL,
    /** Only changes since the saved delta token. */
    DELTA
  }

  /** How a run ended. */
  public enum Status {
    /** Everything done. */
    SUCCEEDED,
    /**
     * Users were created and updated, but cleanup (of users, or of the members of groups the
     * source no longer returns) was refused by a safety rule (threshold, empty source, users that
     * failed to map); {@link SyncReport#message()} says which.
     */
    DEPROVISIONING_REFUSED,
    /** The source or the store failed; nothing was deprovisioned. */
    FAILED,
    /** Another run for the same source holds the {@link SyncLock}; nothing was done. */
    ALREADY_RUNNING
  }

  /**
   * Copies the collections.
   *
   * @param source the source id
   * @param trigger who started the run ({@code "manual"}, {@code "schedule"}, …)
   * @param mode full or delta
   * @param dryRun whether this was a dry run (nothing written)
   * @param status how the run ended
   * @param message why the run failed or deprovisioning was refused; else null
   * @param started when the run started
   * @param finished when the run finished
   * @param sourceUsers users the source returned (full sync) or changed and removed (delta sync)
   * @param counts how many users had each outcome (every kind present, possibly 0)
   * @param groupChanges groups created plus memberships added and removed by group sync
   * @param deprovisionCandidates managed users the source no longer returns (even when refused)
   * @param outcomes per-user outcomes except unchanged ones, in processing order
   * @param outcomesTruncated whether {@code outcomes} stopped at the configured maximum
   */
  public SyncReport {
    Objects.requireNonNull(source);
    Objects.requireNonNull(trigger);
    Objects.requireNonNull(mode);
    Objects.requireNonNull(status);
    counts = Map.copyOf(counts);
    outcomes = List.copyOf(outcomes);
  }

  /**
   * {@return how many users had an outcome}
   *
   * @param kind the outcome
   */
  public long count(UserOutcome.Kind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  /** {@return the number of writes the run made (or in a dry run would make), users and groups} */
  public long writes() {
    return counts.entrySet().stream()
            .filter(e -> e.getKey() != UserOutcome.Kind.UNCHANGED
                && e.getKey() != UserOutcome.Kind.SKIPPED
                && e.getKey() != UserOutcome.Kind.FAILED)
            .mapToLong(Map.Entry::getValue)
            .sum()
        + groupChanges;
  }

  /** {@return how long the run took} */
  public Duration duration() {
    return Duration.between(started, finished);
  }
}
