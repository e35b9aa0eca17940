package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.SyncReport.Mode;
import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.UserLookup;
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
import java.util.function.Function;
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

  /**
   * Creates the core.
   *
   * @param settings validated settings
   */
  public SyncCore(EngineSettings settings) {
    this.settings = settings;
    this.reconciler = new UserReconciler(settings);
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
      UserOutcome outcome = reconciler.reconcile(u, Caller.SYNC, false).outcome();
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
    RunRecorder rec = new RunRecorder(settings, trigger, Mode.FULL, dryRun);
    Set<String> seen = new HashSet<>();
    Map<String, String> planned = new HashMap<>(); // dry run: external id -> username to create
    int idUnknown = 0;
    try (Stream<SourceUser> users = source().users()) {
      Iterator<SourceUser> it = users.iterator();
      while (true) {
        SourceUser user;
        try {
          if (!it.hasNext()) {
            break;
          }
          user = it.next();
        } catch (RuntimeException e) {
          return sourceFailed(rec, e);
        }
        rec.sourceUsers++;
        Result result;
        try {
          result = reconciler.reconcile(user, Caller.SYNC, dryRun);
        } catch (RuntimeException e) {
          return storeFailed(rec, e);
        }
        rec.record(result.outcome());
        if (result.idUnknown()) {
          idUnknown++;
        }
        if (result.outcome().kind() != Kind.SKIPPED) {
          seen.add(result.outcome().externalId());
        }
        if (dryRun && settings.syncGroups() && result.outcome().kind() == Kind.CREATED) {
          planned.put(result.outcome().externalId(), result.outcome().username());
        }
      }
    } catch (RuntimeException e) {
      return sourceFailed(rec, e);
    }
    @Nullable Refused groupRefusal = null;
    if (settings.syncGroups()) {
      try {
        groupRefusal = syncGroups(rec, dryRun, idUnknown, planned);
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
      String token;
      try {
        token = deltas.currentDeltaToken();
      } catch (RuntimeException e) {
        return sourceFailed(new RunRecorder(settings, trigger, Mode.FULL, false), e);
      }
      SyncReport report = fullLocked(trigger, false);
      if (report.status() == Status.SUCCEEDED) {
        settings.stateStore().save(settings.sourceId(), new SyncState(token, null, Set.of()));
      }
      return report;
    }
    RunRecorder rec = new RunRecorder(settings, trigger, Mode.DELTA, false);
    SyncState state = saved.get();
    String cursor = state.resumeCursor() != null ? state.resumeCursor() : state.deltaToken();
    Set<String> pending = new LinkedHashSet<>(state.pendingRemovals());
    int idUnknown = 0;
    while (true) {
      DeltaPage page;
      try {
        page = deltas.changes(cursor);
      } catch (RuntimeException e) {
        return sourceFailed(rec, e);
      }
      for (SourceUser user : page.changed()) {
        rec.sourceUsers++;
        Result result;
        try {
          result = reconciler.reconcile(user, Caller.SYNC, false);
        } catch (RuntimeException e) {
          return storeFailed(rec, e);
        }
        rec.record(result.outcome());
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
        settings.stateStore().save(settings.sourceId(), new SyncState(state.deltaToken(), cursor, pending));
        continue;
      }
      String token = Objects.requireNonNull(page.deltaToken());
      return finishDelta(rec, token, pending, idUnknown);
    }
  }

  private SyncReport finishDelta(RunRecorder rec, String token, Set<String> pending, int idUnknown) {
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
      settings.stateStore().save(settings.sourceId(), new SyncState(token, null, pending));
      return rec.refused(refusal.rule(), refusal.message() + "; the removals stay pending");
    }
    SyncReport failed = deprovision(rec, candidates, "removed from " + settings.sourceId(), false);
    if (failed != null) {
      return failed;
    }
    settings.stateStore().save(settings.sourceId(), new SyncState(token, null, Set.of()));
    return rec.finish(Status.SUCCEEDED, null);
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

  /** Deprovisions the candidates; returns the failed report when the store fails, else null. */
  private @Nullable SyncReport deprovision(
      RunRecorder rec, List<String> candidates, String reason, boolean dryRun) {
    try {
      for (String id : candidates) {
        reconciler.cleanup(id, reason, dryRun).ifPresent(rec::record);
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
   */
  private @Nullable Refused syncGroups(
      RunRecorder rec, boolean dryRun, int idUnknown, Map<String, String> planned) {
    GroupSource groupSource = (GroupSource) source();
    GroupStore groups = Objects.requireNonNull(reconciler.groupStore());
    Function<String, Optional<String>> usernameOf = id -> settings.store()
        .findByExternalId(settings.sourceId(), id).map(StoredUser::username)
        .or(() -> Optional.ofNullable(planned.get(id)));
    Set<String> returned = new HashSet<>();
    try (Stream<SourceGroup> stream = groupSource.groups()) {
      stream.forEach(group -> {
        returned.add(group.name());
        syncGroup(groupSource, groups, group, usernameOf, rec, dryRun);
      });
    }
    List<String> vanished;
    try (Stream<StoredGroup> managed = groups.managedGroups(settings.sourceId())) {
      vanished = managed
          .filter(g -> g.isManagedBy(settings.sourceId()) && !shielded(g.name())
              && !returned.contains(g.name()))
          .map(StoredGroup::name)
          .sorted()
          .toList();
    }
    if (vanished.isEmpty()) {
      return null;
    }
    Refused refusal = groupRefusal(rec, idUnknown, returned.size(), vanished.size());
    if (refusal != null) {
      LOG.warn("{}: {}", settings.sourceId(), refusal.message());
      return refusal;
    }
    for (String name : vanished) {
      LOG.debug("{} no longer returns group {}; removing its members", settings.sourceId(), name);
      reconcileMembers(groups, name, Set.of(), currentMembers(groups, name), rec, dryRun);
    }
    return null;
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

  private void syncGroup(GroupSource groupSource, GroupStore groups, SourceGroup group,
      Function<String, Optional<String>> usernameOf, RunRecorder rec, boolean dryRun) {
    String name = group.name();
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
    Set<String> desired = new HashSet<>();
    try (Stream<String> ids = groupSource.memberIds(group.id())) {
      ids.forEach(id -> usernameOf.apply(id).ifPresent(desired::add));
    }
    Set<String> current = existing.isEmpty() ? Set.of() : currentMembers(groups, name);
    reconcileMembers(groups, name, desired, current, rec, dryRun);
  }

  private static Set<String> currentMembers(GroupStore groups, String name) {
    try (Stream<String> members = groups.members(name)) {
      return members.collect(Collectors.toSet());
    }
  }

  /** Adds the desired members that are missing and removes the others, except protected users. */
  private void reconcileMembers(GroupStore groups, String name, Set<String> desired,
      Set<String> current, RunRecorder rec, boolean dryRun) {
    for (String username : desired) {
      if (!current.contains(username)) {
        if (!dryRun) {
          groups.addMember(name, username);
        }
        rec.groupChanges++;
      }
    }
    for (String username : current) {
      if (!desired.contains(username) && !settings.protectedUsers().contains(username)) {
        if (!dryRun) {
          groups.removeMember(name, username);
        }
        rec.groupChanges++;
      }
    }
  }

  private SyncReport sourceFailed(RunRecorder rec, RuntimeException e) {
    return rec.finish(Status.FAILED, "source " + settings.sourceId() + " failed after "
        + rec.sourceUsers + " users, nothing deprovisioned: " + e.getMessage());
  }

  private SyncReport storeFailed(RunRecorder rec, RuntimeException e) {
    return rec.finish(Status.FAILED, "user store failed, run aborted, nothing more deprovisioned: "
        + e.getMessage());
  }

  private DirectorySource source() {
    return Objects.requireNonNull(settings.source(), "no directory source configured");
  }
}
