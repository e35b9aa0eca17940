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
 * maxReportedOutcomes}; failed users are listed even past that bound (up to as many again), so
 * {@link #failures()} names each failed user with its external id and reason. {@link #counts()}
 * counts all of them. Listeners receive every outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the source id
 * @param trigger who started the run ({@code "manual"}, {@code "schedule"}, …)
 * @param mode full or delta
 * @param dryRun whether this was a dry run (nothing written)
 * @param status how the run ended
 * @param refusal the safety rule that refused deprovisioning, exactly when {@code status} is
 *     {@link Status#DEPROVISIONING_REFUSED}; else null
 * @param message why the run failed or deprovisioning was refused, or what else it should say
 *     (a delta token that expired, so a full sync ran; the group conflicts of a {@code PARTIAL}
 *     run); else null
 * @param started when the run started
 * @param finished when the run finished
 * @param sourceUsers users the source returned (full sync) or changed and removed (delta sync)
 * @param counts how many users had each outcome (every kind present, possibly 0)
 * @param groupChanges groups created plus memberships added and removed by group sync
 * @param deprovisionCandidates managed users the source no longer returns (even when refused);
 *     with a source that can look users up, those it confirmed gone were deprovisioned and the
 *     others are {@link UserOutcome.Kind#KEPT}
 * @param outcomes per-user outcomes except unchanged ones, in processing order
 * @param outcomesTruncated whether {@code outcomes} stopped at the configured maximum
 */
public record SyncReport(
    String source,
    String trigger,
    Mode mode,
    boolean dryRun,
    Status status,
    @Nullable Refusal refusal,
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
    /** Everything done, and every user succeeded. */
    SUCCEEDED,
    /**
     * The run completed, but some users failed (mapping, username conflict, a store write for that
     * user, group memberships included); {@link SyncReport#failures()} lists them. Cleanup ran by
     * its rules (see the README): a user that failed with its external id known still counts as
     * returned, so it is never cleaned up; a user that failed before its id was known blocks
     * cleanup (then the status is {@link #DEPROVISIONING_REFUSED}). Failed users are retried by the
     * next run. A run is also {@code PARTIAL} when group sync met a group conflict (a group renamed
     * in the source onto a name another group keeps): that group stays under its old name, neither
     * group is changed but for its own members, and {@link SyncReport#message()} names each such
     * group ("1 group conflict: group … renamed from … to …, but … is held by …"); the next run
     * tries again.
     */
    PARTIAL,
    /**
     * Users were created and updated, but cleanup (of users, or of the members of groups the
     * source no longer returns) was refused by a safety rule; {@link SyncReport#refusal()} says
     * which, {@link SyncReport#message()} with the numbers.
     */
    DEPROVISIONING_REFUSED,
    /**
     * The source or the store failed; nothing was deprovisioned. Per-user failures before the
     * abort are in {@link SyncReport#failures()}.
     */
    FAILED,
    /** Another run for the same source holds the {@link SyncLock}; nothing was done. */
    ALREADY_RUNNING
  }

  /**
   * The safety rule that refused deprovisioning. The rules guard both the cleanup of users the
   * source no longer returns and the emptying of groups it no longer returns; when both were
   * refused, the users' rule is the one reported (the message names both).
   */
  public enum Refusal {
    /**
     * Users failed to map, so their external ids are unknown and the pass cannot tell who is
     * gone: nothing is deprovisioned until every user maps.
     */
    INCOMPLETE_PASS,
    /**
     * The source returned 0 users (for groups: 0 users or 0 groups) and {@code
     * allowEmptySource()} is not set.
     */
    EMPTY_SOURCE,
    /** The run would deprovision more users than {@code maxDeprovisions(int)}. */
    MAX_DEPROVISIONS,
    /**
     * The run would deprovision a larger share of the active managed users than {@code
     * maxDeprovisionShare(double)} (checked for runs deprovisioning more than 5 users).
     */
    MAX_DEPROVISION_SHARE,
    /**
     * The source vouches for its listings ({@code ListingCheck}) and did not vouch for this one:
     * it said the listing was incomplete, counted a different number of users than it listed, or
     * could not be asked.
     */
    UNVERIFIED_LISTING
  }

  /**
   * Copies the collections.
   *
   * @param source the source id
   * @param trigger who started the run ({@code "manual"}, {@code "schedule"}, …)
   * @param mode full or delta
   * @param dryRun whether this was a dry run (nothing written)
   * @param status how the run ended
   * @param refusal the safety rule that refused deprovisioning, exactly when {@code status} is
   *     {@link Status#DEPROVISIONING_REFUSED}; else null
   * @param message why the run failed or deprovisioning was refused; else null
   * @param started when the run started
   * @param finished when the run finished
   * @param sourceUsers users the source returned (full sync) or changed and removed (delta sync)
   * @param counts how many users had each outcome (every kind present, possibly 0)
   * @param groupChanges groups created plus memberships added and removed by group sync
   * @param deprovisionCandidates managed users the source no longer returns (even when refused)
   * @param outcomes per-user outcomes except unchanged ones, in processing order
   * @param outcomesTruncated whether {@code outcomes} stopped at the configured maximum
   * @throws IllegalArgumentException when {@code refusal} is given with another status than
   *     {@link Status#DEPROVISIONING_REFUSED}, or missing with it
   */
  public SyncReport {
    Objects.requireNonNull(source);
    Objects.requireNonNull(trigger);
    Objects.requireNonNull(mode);
    Objects.requireNonNull(status);
    if ((status == Status.DEPROVISIONING_REFUSED) != (refusal != null)) {
      throw new IllegalArgumentException("a report has a refusal exactly when its status is "
          + "DEPROVISIONING_REFUSED; got status " + status + " and refusal " + refusal);
    }
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

  /** {@return the users that failed, each with username, external id and reason} */
  public List<UserOutcome> failures() {
    return outcomes.stream().filter(o -> o.kind() == UserOutcome.Kind.FAILED).toList();
  }

  /** {@return the number of writes the run made (or in a dry run would make), users and groups} */
  public long writes() {
    return counts.entrySet().stream()
            .filter(e -> e.getKey() != UserOutcome.Kind.UNCHANGED
                && e.getKey() != UserOutcome.Kind.SKIPPED
                && e.getKey() != UserOutcome.Kind.FAILED
                && e.getKey() != UserOutcome.Kind.KEPT)
            .mapToLong(Map.Entry::getValue)
            .sum()
        + groupChanges;
  }

  /** {@return how long the run took} */
  public Duration duration() {
    return Duration.between(started, finished);
  }
}
