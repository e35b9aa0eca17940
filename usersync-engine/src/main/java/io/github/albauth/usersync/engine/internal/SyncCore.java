package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.engine.LoginRequest;
import io.github.albauth.usersync.engine.LoginResult;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.SyncReport.Mode;
import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.engine.internal.UserReconciler.Caller;
import io.github.albauth.usersync.engine.internal.UserReconciler.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs full and delta syncs and login-time provisioning. Thread-safe. */
public final class SyncCore {

  private static final Logger LOG = LoggerFactory.getLogger(SyncCore.class);

  /** The share rule only applies to runs that would deprovision more users than this. */
  public static final int SHARE_RULE_MINIMUM = 5;

  /** A safety rule's refusal: which rule, and the message with the numbers. */
  private record Refused(Refusal rule, String message) {}

  private final EngineSettings settings;
  private final UserReconciler reconciler;
  private final LoginFlow logins;

  /**
   * Creates the core.
   *
   * @param settings validated settings
   */
  public SyncCore(EngineSettings settings) {
    this.settings = settings;
    this.reconciler = new UserReconciler(settings);
    this.logins = new LoginFlow(settings, reconciler);
  }

  /** Signs a login in to the account the engine creates or confirms for its subject, or refuses it. */
  public LoginResult login(LoginRequest request) {
    return logins.login(request);
  }

  /** Provisions one user at login (never deactivates or reactivates). */
  public UserOutcome provision(SourceUser user) {
    UserOutcome outcome = reconciler.reconcile(user, Caller.LOGIN, false).outcome();
    RunRecorder.notify(settings, outcome);
    return outcome;
  }

  /** Looks one user up in the source and stores its full record. */
  public Optional<UserOutcome> lookupAndProvision(String attribute, String value) {
    Optional<SourceUser> user = ((UserLookup) source()).lookup(attribute, value);
    return user.map(u -> {
      UserOutcome outcome = reconciler.reconcile(u, Caller.LOOKUP, false).outcome();
      RunRecorder.notify(settings, outcome);
      return outcome;
    });
  }

  /** Runs a full sync (or its dry run). */
  public SyncReport full(String trigger, boolean dryRun) {
    return locked(trigger, Mode.FULL, dryRun, () -> fullLocked(trigger, dryRun));
  }

  /** Runs a delta sync; the first one (no saved state) is a full sync that saves a token. */
  public SyncReport delta(String trigger) {
    return locked(trigger, Mode.DELTA, false, () -> deltaLocked(trigger));
  }

  private SyncReport locked(String trigger, Mode mode, boolean dryRun, Supplier<SyncReport> run) {
    String name = "albauth-usersync-" + settings.sourceId();
    Optional<SyncLock.Lease> lease = settings.lock().tryAcquire(name, settings.lockAtMostFor());
    if (lease.isEmpty()) {
      return new RunRecorder(settings, trigger, mode, dryRun)
          .finish(Status.ALREADY_RUNNING, "another run holds the lock " + name);
    }
    SyncLock.Lease held = lease.get();
    try (held) {
      return run.get();
    }
  }

  private SyncReport fullLocked(String trigger, boolean dryRun) {
    return fullLocked(new RunRecorder(settings, trigger, Mode.FULL, dryRun), dryRun);
  }

  private SyncReport fullLocked(RunRecorder rec, boolean dryRun) {
    Set<String> seen = new HashSet<>();
    Map<String, String> planned = new HashMap<>(); // dry run: external id -> username to create
    Consumer<UserOutcome> record = outcome -> {
      rec.record(outcome);
      if (dryRun && settings.syncGroups() && outcome.kind() == Kind.CREATED) {
        planned.put(outcome.externalId(), outcome.username());
      }
    };
    NameClaims claims = new NameClaims(reconciler, settings, dryRun);
    Map<String, String> claimedNames = new HashMap<>();
    int idUnknown = 0;
    try {
      Iterator<SourceUser> it = rec.calls().stream("users()", source()::users);
      while (true) {
        SourceUser user;
        try {
          if (!it.hasNext()) {
            break;
          }
          user = it.next();
        } catch (RuntimeException e) {
          return sourceFailed(rec, e, claims);
        }
        rec.sourceUsers++;
        Result result;
        try {
          result = reconciler.reconcile(user, Caller.SYNC, dryRun, claimedNames);
        } catch (RuntimeException e) {
          return storeFailed(rec, e);
        }
        if (result.pending() != null) {
          claims.add(result.pending());
        } else {
          record.accept(result.outcome());
          if (tooManyFailures(rec)) {
            return failuresAborted(rec, claims);
          }
        }
        if (result.idUnknown()) {
          idUnknown++;
        }
        if (result.outcome().kind() != Kind.SKIPPED) {
          seen.add(result.outcome().externalId());
        }
      }
    } catch (RuntimeException e) {
      return sourceFailed(rec, e, claims);
    }
    try {
      claims.settle(record);
    } catch (RuntimeException e) {
      return storeFailed(rec, e);
    }
    @Nullable Refused groupRefusal = null;
    if (settings.syncGroups()) {
      try {
        groupRefusal = syncGroups(rec, dryRun, idUnknown, planned);
      } catch (FailuresAborted e) {
        return failuresAborted(rec, claims);
      } catch (RuntimeException e) {
        return rec.finish(Status.FAILED, "group sync failed, nothing deprovisioned: " + e.getMessage());
      }
    }
    if (settings.cleanup() == CleanupAction.KEEP) {
      return finishCleanup(rec, null, groupRefusal);
    }
    List<String> candidates = new ArrayList<>();
    long[] managedActive = {0};
    try (Stream<StoredUser> managed = settings.store().managedBy(settings.sourceId())) {
      managed.forEach(u -> {
        if (u.active()) {
          managedActive[0]++;
        }
        if (!seen.contains(u.externalId()) && reconciler.needsCleanup(u)) {
          candidates.add(Objects.requireNonNull(u.externalId()));
        }
      });
    } catch (RuntimeException e) {
      return storeFailed(rec, e);
    }
    Refused refusal = refusal(rec, idUnknown, candidates.size(), managedActive[0], true);
    if (refusal == null && !candidates.isEmpty()) {
      refusal = listingDoubt(rec);
    }
    if (refusal != null) {
      return finishCleanup(rec, refusal, groupRefusal);
    }
    SyncReport failed = deprovision(rec, candidates, "no longer returned by " + settings.sourceId(), dryRun);
    return failed != null ? failed : finishCleanup(rec, null, groupRefusal);
  }

  /**
   * Finishes a run whose cleanup of users or vanished groups may have been refused; when both
   * were, the report names the users' rule and the message both.
   */
  private static SyncReport finishCleanup(
      RunRecorder rec, @Nullable Refused userRefusal, @Nullable Refused groupRefusal) {
    if (userRefusal != null) {
      return rec.refused(userRefusal.rule(), groupRefusal == null ? userRefusal.message()
          : userRefusal.message() + "; " + groupRefusal.message());
    } else if (groupRefusal != null) {
      return rec.refused(groupRefusal.rule(), groupRefusal.message());
    }
    return rec.finish(Status.SUCCEEDED, null);
  }

  private SyncReport deltaLocked(String trigger) {
    DeltaSource deltas = (DeltaSource) source();
    Optional<SyncState> saved = settings.stateStore().load(settings.sourceId());
    if (saved.isEmpty()) {
      return fullWithNewToken(new RunRecorder(settings, trigger, Mode.FULL, false));
    }
    RunRecorder rec = new RunRecorder(settings, trigger, Mode.DELTA, false);
    SyncState state = saved.get();
    String cursor = state.resumeCursor() != null ? state.resumeCursor() : state.deltaToken();
    Set<String> pending = new LinkedHashSet<>(state.pendingRemovals());
    NameClaims claims = new NameClaims(reconciler, settings, false);
    Map<String, String> claimedNames = new HashMap<>();
    int idUnknown = 0;
    while (true) {
      DeltaPage page;
      try {
        String at = cursor;
        page = rec.calls().call("changes(" + at + ")", () -> deltas.changes(at));
      } catch (UserSyncException e) {
        if (e.reason() != UserSyncException.Reason.DELTA_EXPIRED) {
          return sourceFailed(rec, e, claims);
        }
        return deltaExpired(trigger, rec, e, claims);
      } catch (RuntimeException e) {
        return sourceFailed(rec, e, claims);
      }
      for (SourceUser user : page.changed()) {
        rec.sourceUsers++;
        Result result;
        try {
          result = reconciler.reconcile(user, Caller.SYNC, false, claimedNames);
        } catch (RuntimeException e) {
          return storeFailed(rec, e);
        }
        if (result.pending() != null) {
          claims.add(result.pending());
        } else {
          rec.record(result.outcome());
          if (tooManyFailures(rec)) {
            return failuresAborted(rec, claims);
          }
        }
        idUnknown += result.idUnknown() ? 1 : 0;
        if (result.outcome().kind() == Kind.SKIPPED) {
          pending.add(result.outcome().externalId());
        } else {
          pending.remove(result.outcome().externalId());
        }
      }
      rec.sourceUsers += page.removedIds().size();
      pending.addAll(page.removedIds());
      if (page.nextCursor() != null) {
        cursor = page.nextCursor();
        if (rec.failures() == 0) { // after a failed user, a resumed round must deliver it again
          settings.stateStore().save(settings.sourceId(), new SyncState(state.deltaToken(), cursor, pending));
        }
        continue;
      }
      String token = Objects.requireNonNull(page.deltaToken());
      try {
        claims.settle(rec::record);
      } catch (RuntimeException e) {
        return storeFailed(rec, e);
      }
      // a round with failed users is not committed: the next one starts where this one did
      SyncState next = rec.failures() > 0 ? state : new SyncState(token, null, Set.of());
      return finishDelta(rec, next, pending, idUnknown);
    }
  }

  /**
   * Runs a full sync that starts delta syncing over: takes a token first, and saves it (replacing
   * any state) when the full sync succeeds.
   */
  private SyncReport fullWithNewToken(RunRecorder rec) {
    String token;
    try {
      token = rec.calls().call("currentDeltaToken()", ((DeltaSource) source())::currentDeltaToken);
    } catch (RuntimeException e) {
      return sourceFailed(rec, e);
    }
    SyncReport report = fullLocked(rec, false);
    if (report.status() == Status.SUCCEEDED) {
      settings.stateStore().save(settings.sourceId(), new SyncState(token, null, Set.of()));
    }
    return report;
  }

  /**
   * The source no longer accepts the saved token: settles what the round applied, then (by
   * default) runs a full sync that saves a new token, instead of failing until someone clears the
   * state.
   */
  private SyncReport deltaExpired(
      String trigger, RunRecorder rec, UserSyncException e, NameClaims claims) {
    String why = "the delta token of " + settings.sourceId() + " expired (DELTA_EXPIRED: "
        + e.getMessage() + ")";
    if (!settings.fullSyncWhenDeltaExpires()) {
      try {
        claims.settle(rec::record);
      } catch (RuntimeException storeFailure) {
        e.addSuppressed(storeFailure);
      }
      return rec.finish(Status.FAILED, why + "; nothing deprovisioned; clear the sync state, or"
          + " enable fullSyncWhenDeltaExpires, to start over with a full sync");
    }
    try {
      claims.settle(rec::record);
    } catch (RuntimeException storeFailure) {
      return storeFailed(rec, storeFailure);
    }
    LOG.warn("{}; running a full sync", why);
    rec.closeCalls();
    RunRecorder full = new RunRecorder(settings, trigger, Mode.FULL, false);
    full.note = why + "; ran a full sync instead";
    return fullWithNewToken(full);
  }

  /**
   * Deprovisions the round's removals (within the safety limits) and saves {@code next}: the new
   * token, or the round's starting point when users failed (so the next round retries them).
   */
  private SyncReport finishDelta(RunRecorder rec, SyncState next, Set<String> pending, int idUnknown) {
    List<String> candidates = new ArrayList<>();
    long managedActive;
    try {
      for (String id : pending) {
        settings.store().findByExternalId(settings.sourceId(), id)
            .filter(reconciler::needsCleanup)
            .ifPresent(u -> candidates.add(id));
      }
      try (Stream<StoredUser> managed = settings.store().managedBy(settings.sourceId())) {
        managedActive = managed.filter(StoredUser::active).count();
      }
    } catch (RuntimeException e) {
      return storeFailed(rec, e);
    }
    Refused refusal = refusal(rec, idUnknown, candidates.size(), managedActive, false);
    if (refusal != null) {
      settings.stateStore().save(settings.sourceId(),
          new SyncState(next.deltaToken(), next.resumeCursor(), pending));
      return rec.refused(refusal.rule(), refusal.message() + "; the removals stay pending");
    }
    SyncReport failed = deprovision(rec, candidates, "removed from " + settings.sourceId(), false);
    if (failed != null) {
      return failed;
    }
    settings.stateStore().save(settings.sourceId(),
        new SyncState(next.deltaToken(), next.resumeCursor(), Set.of()));
    return rec.finish(Status.SUCCEEDED, rec.failures() == 0 ? null
        : rec.failures() + " users failed; the round's changes will be delivered again");
  }

  private @Nullable Refused refusal(
      RunRecorder rec, int idUnknown, int candidates, long managedActive, boolean full) {
    rec.deprovisionCandidates = candidates;
    if (candidates == 0) {
      return null;
    }
    if (idUnknown > 0) {
      return new Refused(Refusal.INCOMPLETE_PASS, idUnknown
          + " users failed to map, so the pass is incomplete; nothing deprovisioned");
    }
    if (full && rec.sourceUsers == 0 && !settings.allowEmptySource()) {
      return new Refused(Refusal.EMPTY_SOURCE, "the source returned 0 users while "
          + managedActive + " managed users are active;"
          + " nothing deprovisioned (allowEmptySource() permits this)");
    }
    if (candidates > settings.maxDeprovisions()) {
      return new Refused(Refusal.MAX_DEPROVISIONS, "the run would deprovision " + candidates
          + " users, more than maxDeprovisions " + settings.maxDeprovisions()
          + "; check the source, or raise the limit");
    }
    if (candidates > SHARE_RULE_MINIMUM
        && candidates > settings.maxDeprovisionShare() * managedActive) {
      return new Refused(Refusal.MAX_DEPROVISION_SHARE, String.format(java.util.Locale.ROOT,
          "the run would deprovision %d of %d active managed users (%.1f%%), more than"
              + " maxDeprovisionShare %.1f%%; check the source, or raise the share",
          candidates, managedActive, 100.0 * candidates / Math.max(1, managedActive),
          100.0 * settings.maxDeprovisionShare()));
    }
    return null;
  }

  /**
   * Asks a source that vouches for its listings ({@link ListingCheck}) whether the one that just
   * ended was complete; returns why cleanup must not run, or null.
   */
  private @Nullable Refused listingDoubt(RunRecorder rec) {
    if (!(source() instanceof ListingCheck check)) {
      return null;
    }
    ListingCheck.Verdict verdict;
    try {
      verdict = rec.calls().call("checkListing()", check::checkListing);
    } catch (RuntimeException e) {
      return new Refused(Refusal.UNVERIFIED_LISTING, "source " + settings.sourceId()
          + " could not vouch for the listing (" + e.getMessage() + "); nothing deprovisioned");
    }
    if (!verdict.complete()) {
      return new Refused(Refusal.UNVERIFIED_LISTING, "source " + settings.sourceId()
          + " says the listing is incomplete; nothing deprovisioned");
    }
    if (verdict.expectedUsers().isPresent() && verdict.expectedUsers().getAsLong() != rec.sourceUsers) {
      return new Refused(Refusal.UNVERIFIED_LISTING, "source " + settings.sourceId() + " counts "
          + verdict.expectedUsers().getAsLong() + " users in scope but listed " + rec.sourceUsers
          + "; nothing deprovisioned");
    }
    return null;
  }

  /**
   * Deprovisions the candidates; a source that can look users up is asked about each first, and
   * only those it confirms gone, disabled or out of scope are deprovisioned (the others are KEPT).
   * Returns the failed report when the store fails, else null.
   */
  private @Nullable SyncReport deprovision(
      RunRecorder rec, List<String> candidates, String reason, boolean dryRun) {
    try {
      for (String id : candidates) {
        String why = reason;
        String keptBecause = null;
        if (source() instanceof UserLookup lookup) {
          try {
            String gone = reconciler.confirmedGone(
                rec.calls().call("lookupById(" + id + ")", () -> lookup.lookupById(id)));
            if (gone == null) {
              keptBecause = reason + ", but " + settings.sourceId()
                  + " still has this user, active and in scope; kept";
            } else {
              why = reason + "; " + gone;
            }
          } catch (RuntimeException e) {
            keptBecause = reason + ", but asking " + settings.sourceId()
                + " whether the user is gone failed (" + e.getMessage() + "); kept";
          }
        }
        reconciler.cleanup(id, why, dryRun, keptBecause).ifPresent(rec::record);
        if (tooManyFailures(rec)) {
          return rec.finish(Status.FAILED, rec.consecutiveFailures()
              + " users in a row failed (maxConsecutiveFailures); cleanup stopped");
        }
      }
    } catch (RuntimeException e) {
      return storeFailed(rec, e);
    }
    return null;
  }

  /**
   * Syncs the groups the source returns, then empties the managed groups it no longer returns
   * (deleted or out of scope) unless a safety rule forbids it.
   *
   * @param planned in a dry run, the users the run would create (external id to username)
   * @return why emptying vanished groups was refused, or null
   * @throws FailuresAborted when membership writes failed for too many users in a row
   */
  private @Nullable Refused syncGroups(
      RunRecorder rec, boolean dryRun, int idUnknown, Map<String, String> planned) {
    GroupSource groupSource = (GroupSource) source();
    GroupStore groups = Objects.requireNonNull(reconciler.groupStore());
    List<SourceGroup> sourceGroups = new ArrayList<>();
    rec.calls().stream("groups()", groupSource::groups).forEachRemaining(sourceGroups::add);
    Map<String, StoredGroup> byExternalId = new HashMap<>();
    try (Stream<StoredGroup> managed = groups.managedGroups(settings.sourceId())) {
      managed.forEach(g -> byExternalId.put(groupKey(g), g));
    }
    Map<String, String> storedName = renameGroups(groups, sourceGroups, byExternalId, rec, dryRun);
    Set<String> returnedGroups = new HashSet<>();
    Set<String> synced = new HashSet<>();
    for (SourceGroup group : sourceGroups) {
      returnedGroups.add(group.id());
      String name = storedName.get(group.id());
      synced.add(name != null ? name : group.name());
      syncGroup(groupSource, groups, group, name, planned, rec, dryRun);
    }
    List<String> vanished = byExternalId.values().stream()
        .filter(g -> !shielded(g.name()) && !returnedGroups.contains(groupKey(g))
            && !synced.contains(g.name()))
        .map(StoredGroup::name)
        .sorted()
        .toList();
    if (vanished.isEmpty()) {
      return null;
    }
    Refused refusal = groupRefusal(rec, idUnknown, returnedGroups.size(), vanished.size());
    if (refusal != null) {
      LOG.warn("{}: {}", settings.sourceId(), refusal.message());
      return refusal;
    }
    for (String name : vanished) {
      LOG.debug("{} no longer returns group {}; removing its members", settings.sourceId(), name);
      reconcileMembers(groups, name, Map.of(), currentMembers(groups, name), rec, dryRun);
    }
    return null;
  }

  /** Membership writes failed for {@code maxConsecutiveFailures} users in a row: the run stops. */
  private static final class FailuresAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FailuresAborted() {
      super(null, null, false, false);
    }
  }

  private @Nullable Refused groupRefusal(
      RunRecorder rec, int idUnknown, int returned, int vanished) {
    String kept = "the members of " + vanished + " groups no longer returned by "
        + settings.sourceId() + " were kept";
    if (idUnknown > 0) {
      return new Refused(Refusal.INCOMPLETE_PASS,
          idUnknown + " users failed to map, so the pass is incomplete; " + kept);
    }
    if (!settings.allowEmptySource() && (returned == 0 || rec.sourceUsers == 0)) {
      return new Refused(Refusal.EMPTY_SOURCE, "the source returned " + rec.sourceUsers
          + " users and " + returned + " groups; " + kept + " (allowEmptySource() permits this)");
    }
    return null;
  }

  /** Whether protection or default status keeps the engine away from a group's memberships. */
  private boolean shielded(String name) {
    return settings.protectedGroups().contains(name) || settings.defaultGroups().contains(name);
  }

  /** A managed group's identity in its source: the external id (the name for old records). */
  private static String groupKey(StoredGroup g) {
    return g.externalId() != null ? g.externalId() : g.name();
  }

  /**
   * Renames the managed groups whose name changed in the source (matched by external id), keeping
   * their members and whatever the host attached; swaps and chains pass through a temporary name.
   * A name held by a group that keeps it (local, another source's, or one not renamed) leaves the
   * group under its old name, untouched but for its own members, and is reported as a group
   * conflict (the run ends {@link Status#PARTIAL}, its message names the group); the holder is
   * not touched either. The next run tries again.
   *
   * @return source group id to the name its managed group has in the store after the renames (in
   *     a dry run: before them), for the groups that exist
   */
  private Map<String, String> renameGroups(GroupStore groups, List<SourceGroup> sourceGroups,
      Map<String, StoredGroup> byExternalId, RunRecorder rec, boolean dryRun) {
    Map<String, String> storedName = new HashMap<>();
    Map<String, String> renames = new java.util.LinkedHashMap<>(); // current name -> new name
    Map<String, String> idOf = new HashMap<>();
    for (SourceGroup group : sourceGroups) {
      StoredGroup stored = byExternalId.get(group.id());
      if (stored == null) {
        continue;
      }
      storedName.put(group.id(), stored.name());
      if (!stored.name().equals(group.name()) && !shielded(stored.name())) {
        renames.put(stored.name(), group.name());
        idOf.put(stored.name(), group.id());
      }
    }
    if (renames.isEmpty()) {
      return storedName;
    }
    if (dryRun) {
      for (Map.Entry<String, String> r : renames.entrySet()) {
        if (!renames.containsKey(r.getValue()) && groups.findGroup(r.getValue()).isPresent()) {
          rec.groupConflict(renameConflict(idOf.get(r.getKey()), r.getKey(), r.getValue(),
              r.getKey(), groups));
        } else {
          rec.groupChanges++;
        }
      }
      return storedName;
    }
    Map<String, String> current = new HashMap<>(); // original name -> name now
    renames.keySet().forEach(n -> current.put(n, n));
    for (Map.Entry<String, String> r : renames.entrySet()) { // phase 1: free names others leave
      String temporary = "albauth-renaming-" + idOf.get(r.getKey());
      if (renames.containsKey(r.getValue()) && groups.findGroup(r.getValue()).isPresent()
          && !r.getKey().equals(temporary) && groups.findGroup(temporary).isEmpty()) {
        groups.renameGroup(r.getKey(), temporary);
        current.put(r.getKey(), temporary);
      }
    }
    boolean progress = true;
    while (progress) { // phase 2: each group takes its name once it is free
      progress = false;
      for (Map.Entry<String, String> r : renames.entrySet()) {
        String now = Objects.requireNonNull(current.get(r.getKey()));
        if (now.equals(r.getValue()) || groups.findGroup(r.getValue()).isPresent()) {
          continue;
        }
        groups.renameGroup(now, r.getValue());
        current.put(r.getKey(), r.getValue());
        storedName.put(idOf.get(r.getKey()), r.getValue());
        rec.groupChanges++;
        progress = true;
      }
    }
    for (Map.Entry<String, String> r : renames.entrySet()) {
      String now = Objects.requireNonNull(current.get(r.getKey()));
      if (!now.equals(r.getKey()) && !now.equals(r.getValue())
          && groups.findGroup(r.getKey()).isEmpty()) {
        groups.renameGroup(now, r.getKey()); // back from its temporary name
        now = r.getKey();
      }
      if (!now.equals(r.getValue())) {
        String conflict = renameConflict(idOf.get(r.getKey()), r.getKey(), r.getValue(), now, groups);
        LOG.warn("{}: {}", settings.sourceId(), conflict);
        rec.groupConflict(conflict);
        storedName.put(idOf.get(r.getKey()), now);
      }
    }
    return storedName;
  }

  /** Says which group could not take its new name, who holds that name, and where it stays. */
  private String renameConflict(@Nullable String groupId, String from, String to, String stays,
      GroupStore groups) {
    String holder = groups.findGroup(to)
        .map(g -> g.isManagedBy(settings.sourceId())
            ? "another group of " + settings.sourceId() + " (" + groupKey(g) + ")"
            : g.source() == null ? "a local group" : "a group of " + g.source())
        .orElse("a group that keeps it");
    return "group " + groupId + " renamed from " + from + " to " + to + " in "
        + settings.sourceId() + ", but " + to + " is held by " + holder + "; the group stays "
        + stays + " (conflict; both groups left as they are)";
  }

  /**
   * Syncs one source group: creates it when no managed group has its external id, then brings its
   * members in step.
   *
   * @param storedName the name of its managed group in the store, or null when there is none
   * @param planned in a dry run, the users the run would create (external id to username)
   */
  private void syncGroup(GroupSource groupSource, GroupStore groups, SourceGroup group,
      @Nullable String storedName, Map<String, String> planned, RunRecorder rec, boolean dryRun) {
    String name = storedName != null ? storedName : group.name();
    if (shielded(name)) {
      return;
    }
    Optional<StoredGroup> existing = groups.findGroup(name);
    if (existing.isPresent() && !existing.get().isManagedBy(settings.sourceId())) {
      return;
    }
    if (existing.isEmpty()) {
      if (!dryRun) {
        groups.createGroup(StoredGroup.managed(name, settings.sourceId(), group.id()));
      }
      rec.groupChanges++;
    }
    Map<String, String> desired = new HashMap<>(); // username -> external id
    rec.calls().stream("memberIds(" + group.id() + ")", () -> groupSource.memberIds(group.id()))
        .forEachRemaining(id -> {
          String username = usernameOf(id, planned);
          if (username != null) {
            desired.put(username, id);
          }
        });
    Set<String> current = existing.isEmpty() ? Set.of() : currentMembers(groups, name);
    reconcileMembers(groups, name, desired, current, rec, dryRun);
  }

  /** The username of a member the source lists, or (in a dry run) the one it would be created with. */
  private @Nullable String usernameOf(String externalId, Map<String, String> planned) {
    Optional<StoredUser> user = settings.store().findByExternalId(settings.sourceId(), externalId);
    return user.isPresent() ? user.get().username() : planned.get(externalId);
  }

  private static Set<String> currentMembers(GroupStore groups, String name) {
    try (Stream<String> members = groups.members(name)) {
      return members.collect(Collectors.toSet());
    }
  }

  /**
   * Adds the desired members that are missing, as memberships this source manages, and removes the
   * memberships this source manages that are no longer desired, except of protected users. Members
   * the host added (local users, other sources' users, or this source's) stay. A membership write
   * that fails fails that user (the run goes on and ends {@link Status#PARTIAL}), unless the store
   * says it is unavailable.
   *
   * @param desired the members it should have: username to external id
   * @throws FailuresAborted when writes failed for too many users in a row
   */
  private void reconcileMembers(GroupStore groups, String name, Map<String, String> desired,
      Set<String> current, RunRecorder rec, boolean dryRun) {
    boolean extra = false; // a current member that is not desired: maybe one to remove
    for (String username : current) {
      if (!desired.containsKey(username)) {
        extra = true;
        break;
      }
    }
    for (Map.Entry<String, String> member : desired.entrySet()) {
      String username = member.getKey();
      if (!current.contains(username)) {
        try {
          if (!dryRun) {
            groups.addManagedMember(name, username, settings.sourceId());
          }
          rec.groupChanges++;
        } catch (RuntimeException e) {
          membershipFailed(rec, e, username, member.getValue(), "adding to group " + name);
        }
      }
    }
    if (!extra) { // the managed members are among the current ones, so none is to be removed
      return;
    }
    Set<String> managed;
    try (Stream<String> s = groups.managedMembers(name, settings.sourceId())) {
      managed = s.collect(Collectors.toSet());
    }
    for (String username : managed) {
      if (!desired.containsKey(username) && !settings.protectedUsers().contains(username)) {
        try {
          if (!dryRun) {
            groups.removeMember(name, username);
          }
          rec.groupChanges++;
        } catch (RuntimeException e) {
          membershipFailed(rec, e, username, externalIdOf(username), "removing from group " + name);
        }
      }
    }
  }

  /** Records a failed membership write as that user's failure, or rethrows an outage. */
  private void membershipFailed(
      RunRecorder rec, RuntimeException e, String username, String externalId, String what) {
    if (UserReconciler.aborts(e)) {
      throw e;
    }
    rec.record(new UserOutcome(Kind.FAILED, username, externalId, Set.of(),
        what + " failed: " + UserReconciler.describe(e)));
    if (tooManyFailures(rec)) {
      throw new FailuresAborted();
    }
  }

  /** The external id of a member whose removal failed, for its outcome (the username if unknown). */
  private String externalIdOf(String username) {
    try {
      return settings.store().findByUsername(username).map(StoredUser::externalId).orElse(username);
    } catch (RuntimeException e) {
      return username;
    }
  }

  private boolean tooManyFailures(RunRecorder rec) {
    return rec.consecutiveFailures() >= settings.maxConsecutiveFailures();
  }

  private SyncReport failuresAborted(RunRecorder rec, NameClaims claims) {
    String message = rec.consecutiveFailures() + " users in a row failed (maxConsecutiveFailures "
        + settings.maxConsecutiveFailures() + "), run aborted, nothing deprovisioned; the last: "
        + rec.lastFailure();
    try {
      claims.settle(rec::record);
    } catch (RuntimeException storeFailure) {
      LOG.warn("{}: pending renames not settled: {}", settings.sourceId(), storeFailure.toString());
    }
    return rec.finish(Status.FAILED, message);
  }

  /** Settles the names the run left pending (the store still works), then reports the failure. */
  private SyncReport sourceFailed(RunRecorder rec, RuntimeException e, NameClaims claims) {
    try {
      claims.settle(rec::record);
    } catch (RuntimeException storeFailure) {
      e.addSuppressed(storeFailure);
    }
    return sourceFailed(rec, e);
  }

  private SyncReport sourceFailed(RunRecorder rec, RuntimeException e) {
    return rec.finish(Status.FAILED, "source " + settings.sourceId() + " failed after "
        + rec.sourceUsers + " users, nothing deprovisioned: " + e.getMessage());
  }

  private SyncReport storeFailed(RunRecorder rec, RuntimeException e) {
    return rec.finish(Status.FAILED, "user store failed, run aborted, nothing more deprovisioned: "
        + UserReconciler.describe(e));
  }

  private DirectorySource source() {
    return Objects.requireNonNull(settings.source(), "no directory source configured");
  }
}
