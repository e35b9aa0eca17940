package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.engine.MatchKey;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.Usernames;
import io.github.albauth.usersync.engine.LoginResult.Refusal;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.mapping.MappingResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one user in step with the source, under its per-user lock: match, diff, write only what
 * changed (or, in a dry run, only compute it), reconcile memberships; and deprovisions one user.
 * Thread-safe.
 */
public final class UserReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(UserReconciler.class);
  private static final String ANON_PREFIX = "anon-";

  /**
   * Who is asking. A sync run isolates store failures per user and settles contested names after
   * its pass; login-time provisioning (which may neither deactivate nor reactivate) and login-time
   * lookup throw store failures to the login instead.
   */
  public enum Caller { SYNC, LOGIN, LOOKUP }

  /**
   * A user's outcome and whether it failed before its external id was known; or, when {@code
   * pending} is set, a user whose username another user of this source still holds: its other
   * changes are applied, and the outcome waits for {@link NameClaims} to settle the name.
   */
  public record Result(UserOutcome outcome, boolean idUnknown, @Nullable PendingName pending) {
    Result(UserOutcome outcome, boolean idUnknown) {
      this(outcome, idUnknown, null);
    }
  }

  /**
   * A username a sync could not take yet because another user managed by the same source holds it
   * (a swap or chain of renames, or a new user taking a name another one is leaving).
   *
   * @param externalId the user's external id
   * @param currentName the user's current username, or null when the user is still to be created
   * @param target the username it should have
   * @param kind the outcome of the changes already applied (for a create: CREATED)
   * @param changed the attributes already changed
   * @param create the user to create, when {@code currentName} is null
   */
  public record PendingName(String externalId, @Nullable String currentName, String target,
      Kind kind, Set<String> changed, @Nullable DesiredUser create) {}

  /**
   * A source user after the filter and the mapping: the user the store should hold, or the result
   * that ends it here (filtered, skipped, refused name, failed mapping) and what a login makes of it.
   */
  record Prepared(@Nullable DesiredUser desired, @Nullable Result ended, @Nullable Refusal refusal) {
    static Prepared ended(Refusal refusal, Result result) {
      return new Prepared(null, result, refusal);
    }
  }

  private final EngineSettings settings;
  private final UserStore store;
  private final @Nullable GroupStore groups;
  private final StripedLocks locks = StripedLocks.USERS;
  private final AtomicBoolean warnedNoGroupStore = new AtomicBoolean();
  private final boolean caseSensitive;
  private final Set<String> protectedUserKeys;
  /** The last created user's shape (see {@link #createdChanges}); immutable, so a racy read is fine. */
  private volatile @Nullable CreatedShape lastCreated;

  /**
   * Creates the reconciler.
   *
   * @param settings the engine settings
   */
  public UserReconciler(EngineSettings settings) {
    this.settings = settings;
    this.store = settings.store();
    this.groups = settings.store() instanceof GroupStore g ? g : null;
    this.caseSensitive = settings.store().caseSensitiveUsernames();
    this.protectedUserKeys = settings.protectedUsers().stream().map(this::nameKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The form in which the store compares usernames ({@link Usernames#key}): equal keys, one name. */
  String nameKey(String username) {
    return Usernames.key(username, caseSensitive);
  }

  /**
   * Maps and reconciles one user. Per-user problems (mapping, invalid, conflict) become outcomes;
   * store failures propagate.
   */
  public Result reconcile(SourceUser user, Caller caller, boolean dryRun) {
    return reconcile(user, caller, dryRun, null);
  }

  /**
   * Maps and reconciles one user of a run that tracks the canonical usernames its users claimed:
   * a second source user with the same canonical username fails as a conflict (unless it is the
   * one that holds the name), so one name never becomes two accounts.
   *
   * @param claimed the run's canonical username to external id, or null outside a run
   */
  public Result reconcile(
      SourceUser user, Caller caller, boolean dryRun, @Nullable Map<String, String> claimed) {
    Prepared prepared = prepare(user);
    DesiredUser d = prepared.desired();
    if (d == null) {
      return Objects.requireNonNull(prepared.ended());
    }
    if (claimed != null) {
      String other = claimed.putIfAbsent(nameKey(d.username()), d.externalId());
      if (other != null && !other.equals(d.externalId())) {
        boolean holder = store.findByUsername(d.username())
            .filter(u -> u.isManagedBy(settings.sourceId()) && d.externalId().equals(u.externalId()))
            .isPresent();
        if (!holder) {
          return new Result(outcome(Kind.FAILED, d.username(), d.externalId(), Set.of(),
              "username conflict: source user " + other + " has the same username " + d.username()
                  + " after canonicalisation (Unicode NFC" + (caseSensitive ? "" : ", case ignored")
                  + "); one name is one account"), false);
        }
        claimed.put(nameKey(d.username()), d.externalId());
      }
    }
    ReentrantLock lock = locks.stripe(settings.sourceId(), d.externalId());
    lock.lock();
    try {
      return apply(d, caller, dryRun);
    } catch (RuntimeException e) {
      if (caller == Caller.SYNC ? aborts(e) : !isUserProblem(e)) {
        throw e;
      }
      return new Result(
          outcome(Kind.FAILED, d.username(), d.externalId(), Set.of(), describe(e)), false);
    } finally {
      lock.unlock();
    }
  }

  /** Runs the filter and the mapping on a source user. */
  Prepared prepare(SourceUser user) {
    if (!settings.filter().test(user)) {
      return Prepared.ended(Refusal.FILTERED, new Result(
          outcome(Kind.SKIPPED, user.id(), user.id(), Set.of(), "excluded by filter"), false));
    }
    try {
      MappingResult result = settings.mapper().map(user.attributes());
      if (result.isSkipped()) {
        return Prepared.ended(Refusal.SKIPPED, new Result(
            outcome(Kind.SKIPPED, user.id(), user.id(), Set.of(), result.skipReason()), false));
      }
      return new Prepared(DesiredUser.of(user, result, settings), null, null);
    } catch (DesiredUser.SkipUser e) {
      return Prepared.ended(Refusal.SKIPPED, new Result(
          outcome(Kind.SKIPPED, user.id(), user.id(), Set.of(), e.getMessage()), false));
    } catch (DesiredUser.RefusedName e) {
      return Prepared.ended(Refusal.INVALID_USERNAME, new Result(
          outcome(Kind.FAILED, user.id(), e.externalId, Set.of(), e.getMessage()), false));
    } catch (MappingException e) {
      return Prepared.ended(Refusal.MAPPING_FAILED, new Result(outcome(Kind.FAILED, user.id(),
          user.id(), Set.of(), "mapping failed (" + e.reason() + "): " + e.getMessage()), true));
    } catch (UserSyncException e) {
      return Prepared.ended(
          e.reason() == UserSyncException.Reason.INVALID_USER ? Refusal.INVALID_USERNAME
              : Refusal.MAPPING_FAILED,
          new Result(outcome(Kind.FAILED, user.id(), user.id(), Set.of(), e.getMessage()), true));
    }
  }

  /** Runs work on one user of this source under its lock (see {@link StripedLocks#USERS}). */
  <T> T locked(String externalId, Supplier<T> work) {
    return locks.with(settings.sourceId(), externalId, work);
  }

  /** Finds the stored user a desired user matches, by the engine's {@link MatchKey}. */
  Optional<StoredUser> match(DesiredUser d) {
    return settings.matchKey() == MatchKey.EXTERNAL_ID
        ? store.findByExternalId(settings.sourceId(), d.externalId())
        : store.findByUsername(d.username());
  }

  /** Whether a store failure aborts a sync run rather than failing one user: the store is down. */
  static boolean aborts(RuntimeException e) {
    return e instanceof UserSyncException u
        && u.reason() == UserSyncException.Reason.STORE_UNAVAILABLE;
  }

  /** Whether a failure concerns the user's data (a login gets a FAILED outcome, not an error). */
  static boolean isUserProblem(RuntimeException e) {
    return e instanceof UserSyncException u
        && (u.reason() == UserSyncException.Reason.CONFLICT
            || u.reason() == UserSyncException.Reason.INVALID_USER);
  }

  /** A failure's message for a user's outcome; names the exception when it is not ours. */
  static String describe(RuntimeException e) {
    return e instanceof UserSyncException ? String.valueOf(e.getMessage()) : e.toString();
  }

  /** Brings the store in step with one desired user; the caller holds the user's lock. */
  Result apply(DesiredUser d, Caller caller, boolean dryRun) {
    String source = settings.sourceId();
    Optional<StoredUser> match = match(d);
    if (match.isPresent() && !match.get().isManagedBy(source)) {
      return new Result(outcome(Kind.SKIPPED, d.username(), d.externalId(), Set.of(),
          "username " + d.username() + " belongs to a user not managed by " + source), false);
    }
    if (match.isEmpty()) {
      return create(d, caller, dryRun);
    }
    StoredUser user = match.get();
    // the stored id, which differs from the mapped one only when matching by username: cleanup
    // must see this user as returned
    String storedId = Objects.requireNonNull(user.externalId());
    if (caller == Caller.LOGIN && !user.active()) {
      return new Result(outcome(Kind.SKIPPED, user.username(), storedId, Set.of(),
          "user is inactive; login-time provisioning never reactivates"), false);
    }
    Set<String> changed = new TreeSet<>();
    String newUsername = null;
    boolean renameLater = false;
    // a name that differs only in case is the same name in a case-insensitive store: kept as stored
    if (!nameKey(user.username()).equals(nameKey(d.username()))) {
      Optional<StoredUser> taken = store.findByUsername(d.username());
      if (taken.isPresent()) {
        if (caller != Caller.SYNC || !taken.get().isManagedBy(source)) {
          return new Result(outcome(Kind.FAILED, user.username(), storedId, Set.of(),
              "cannot rename " + user.username() + " to " + d.username() + ": username taken"),
              false);
        }
        renameLater = true; // another user of this source holds it: maybe it is leaving the name
      } else {
        newUsername = d.username();
        changed.add(DesiredUser.USERNAME);
      }
    }
    Map<String, @Nullable Object> diff = new HashMap<>();
    d.set().forEach((k, v) -> {
      if (!v.equals(user.attributes().get(k))) {
        diff.put(k, v);
      }
    });
    for (String k : d.clear()) {
      if (user.attributes().containsKey(k)) {
        diff.put(k, null);
      }
    }
    changed.addAll(diff.keySet());
    String username = user.username();
    if ((newUsername != null || !diff.isEmpty()) && !dryRun) {
      store.update(username, new UserUpdate(newUsername, diff));
    }
    if (newUsername != null) {
      username = newUsername;
    }
    Kind kind = changed.isEmpty() ? Kind.UNCHANGED : Kind.UPDATED;
    if (caller != Caller.LOGIN && user.active() != d.active()) {
      if (!dryRun) {
        if (d.active()) {
          store.reactivate(username);
        } else {
          store.deactivate(username);
        }
      }
      kind = d.active() ? Kind.REACTIVATED : Kind.DEACTIVATED;
    }
    // a dry run renamed nobody, so it reads memberships under the old name
    if (reconcileGroups(dryRun ? user.username() : username, d.groups(), dryRun)) {
      changed.add(DesiredUser.GROUPS);
      if (kind == Kind.UNCHANGED) {
        kind = Kind.UPDATED;
      }
    }
    UserOutcome out = outcome(kind, username, storedId, changed, null);
    return new Result(out, false, renameLater
        ? new PendingName(storedId, username, d.username(), kind, changed, null) : null);
  }

  private Result create(DesiredUser d, Caller caller, boolean dryRun) {
    Optional<StoredUser> taken = store.findByUsername(d.username());
    if (taken.isPresent()) {
      UserOutcome failed = outcome(Kind.FAILED, d.username(), d.externalId(), Set.of(),
          "username " + d.username() + " is taken by another user");
      if (caller == Caller.SYNC && taken.get().isManagedBy(settings.sourceId())) {
        return new Result(failed, false,
            new PendingName(d.externalId(), null, d.username(), Kind.CREATED, Set.of(), d));
      }
      return new Result(failed, false);
    }
    return new Result(createNow(d, caller, dryRun), false);
  }

  private UserOutcome createNow(DesiredUser d, Caller caller, boolean dryRun) {
    boolean active = caller == Caller.LOGIN || d.active();
    if (!dryRun) {
      store.create(StoredUser.managed(d.username(), settings.sourceId(), d.externalId(), active, d.set()));
    }
    boolean groupsChanged = reconcileGroups(d.username(), d.groups(), dryRun);
    return outcome(Kind.CREATED, d.username(), d.externalId(),
        createdChanges(d.set().keySet(), groupsChanged), null);
  }

  /**
   * What a created user's outcome lists as changed: its attributes, its username, and its groups
   * when memberships were added. Users of one source are mostly mapped to the same attributes, so
   * the last answer is kept and reused while the attributes repeat (one immutable set instead of a
   * sorted copy per user).
   */
  private Set<String> createdChanges(Set<String> attributes, boolean groupsChanged) {
    CreatedShape last = lastCreated;
    if (last != null && last.groupsChanged() == groupsChanged && last.attributes().equals(attributes)) {
      return last.changed();
    }
    Set<String> changed = new TreeSet<>(attributes);
    changed.add(DesiredUser.USERNAME);
    if (groupsChanged) {
      changed.add(DesiredUser.GROUPS);
    }
    CreatedShape shape = new CreatedShape(Set.copyOf(attributes), groupsChanged, Set.copyOf(changed));
    lastCreated = shape;
    return shape.changed();
  }

  /** A created user's attribute names and whether its groups changed, with its changed set. */
  private record CreatedShape(Set<String> attributes, boolean groupsChanged, Set<String> changed) {}

  /**
   * Adds default groups and the mapped groups, and removes the memberships this source manages
   * (added by it) of groups it manages that the mapping no longer assigns; memberships the host gave
   * stay. Local and protected groups are never changed, and mapped names of local groups are
   * ignored.
   *
   * @return whether anything changed
   */
  private boolean reconcileGroups(String username, @Nullable Set<String> mapped, boolean dryRun) {
    GroupStore g = groups;
    if (g == null) {
      if (mapped != null && warnedNoGroupStore.compareAndSet(false, true)) {
        LOG.warn("the mapping yields groups but the store {} does not implement GroupStore;"
            + " memberships are not synced", store.getClass().getName());
      }
      return false;
    }
    if (mapped == null && settings.defaultGroups().isEmpty()) {
      return false;
    }
    Set<String> current;
    try (Stream<String> s = g.groupsOf(username)) {
      current = s.collect(Collectors.toSet());
    }
    boolean changed = false;
    for (String name : settings.defaultGroups()) {
      if (!current.contains(name)) {
        if (!dryRun) {
          if (g.findGroup(name).isEmpty()) {
            g.createGroup(StoredGroup.local(name));
          }
          g.addMember(name, username);
        }
        changed = true;
      }
    }
    if (mapped == null) {
      return changed;
    }
    for (String name : mapped) {
      if (current.contains(name) || settings.defaultGroups().contains(name)
          || settings.protectedGroups().contains(name)) {
        continue;
      }
      Optional<StoredGroup> group = g.findGroup(name);
      if (group.isPresent() && !group.get().isManagedBy(settings.sourceId())) {
        LOG.debug("not adding {} to local group {}", username, name);
        continue;
      }
      if (!dryRun) {
        if (group.isEmpty()) {
          g.createGroup(StoredGroup.managed(name, settings.sourceId(), name));
        }
        g.addManagedMember(name, username, settings.sourceId());
      }
      changed = true;
    }
    if (current.isEmpty()) {
      return changed;
    }
    List<String> managed; // memberships the host gave stay
    try (Stream<String> s = g.managedMemberships(username, settings.sourceId())) {
      managed = s.toList();
    }
    for (String name : managed) {
      if (!mapped.contains(name) && isSourceGroup(g, name)) {
        if (!dryRun) {
          g.removeMember(name, username);
        }
        changed = true;
      }
    }
    return changed;
  }

  /** Whether the source manages a group and neither protection nor default status shields it. */
  boolean isSourceGroup(GroupStore g, String name) {
    return !settings.defaultGroups().contains(name)
        && !settings.protectedGroups().contains(name)
        && g.findGroup(name).map(x -> x.isManagedBy(settings.sourceId())).orElse(false);
  }

  /**
   * Reads the source's answer to a lookup by id of a user missing from a listing: why the user may
   * be deprovisioned (gone, out of scope, disabled), or null when the source still has it active
   * and in scope.
   *
   * @param found the source's record, or empty when it has no such user in scope
   */
  @Nullable String confirmedGone(Optional<SourceUser> found) {
    if (found.isEmpty()) {
      return "confirmed gone from " + settings.sourceId();
    }
    SourceUser user = found.get();
    if (!settings.filter().test(user)) {
      return "confirmed out of scope (excluded by filter)";
    }
    MappingResult result;
    try {
      result = settings.mapper().map(user.attributes());
      if (result.isSkipped()) {
        return "confirmed out of scope (" + result.skipReason() + ")";
      }
      if (!DesiredUser.of(user, result, settings).active()) {
        return "confirmed disabled in " + settings.sourceId();
      }
    } catch (DesiredUser.SkipUser e) {
      return "confirmed out of scope (" + e.getMessage() + ")";
    } catch (MappingException | UserSyncException e) {
      return null;
    }
    return null;
  }

  /** Whether cleanup would change this managed user (not protected, not already cleaned up). */
  public boolean needsCleanup(StoredUser user) {
    if (protectedUserKeys.contains(nameKey(user.username()))) {
      return false;
    }
    return switch (settings.cleanup()) {
      case DISABLE -> user.active();
      case ANONYMIZE -> user.active() || !user.username().equals(pseudonym(user));
      case DELETE -> true;
      case KEEP -> false;
    };
  }

  /**
   * Applies the cleanup action to a managed user the source no longer returns (re-read under the
   * user's lock, so a login in between is respected).
   *
   * @return the outcome, or empty when there was nothing to do
   */
  public Optional<UserOutcome> cleanup(String externalId, String reason, boolean dryRun) {
    return cleanup(externalId, reason, dryRun, null);
  }

  /**
   * Like {@link #cleanup(String, String, boolean)}, but when {@code keptBecause} is set the user is
   * not touched: the outcome is {@link Kind#KEPT} with that reason (when cleanup would change it).
   */
  public Optional<UserOutcome> cleanup(
      String externalId, String reason, boolean dryRun, @Nullable String keptBecause) {
    return locks.with(settings.sourceId(), externalId, () -> {
      try {
        if (keptBecause != null) {
          return store.findByExternalId(settings.sourceId(), externalId)
              .filter(this::needsCleanup)
              .map(u -> outcome(Kind.KEPT, u.username(), externalId, Set.of(), keptBecause));
        }
        return cleanupLocked(externalId, reason, dryRun);
      } catch (RuntimeException e) {
        if (aborts(e)) {
          throw e;
        }
        return Optional.of(outcome(Kind.FAILED, externalId, externalId, Set.of(),
            "cleanup failed: " + describe(e)));
      }
    });
  }

  private Optional<UserOutcome> cleanupLocked(String externalId, String reason, boolean dryRun) {
    Optional<StoredUser> found = store.findByExternalId(settings.sourceId(), externalId);
    if (found.isEmpty() || !needsCleanup(found.get())) {
      return Optional.empty();
    }
    StoredUser user = found.get();
    String username = user.username();
    Kind kind;
    if (!dryRun && settings.stripGroupsOnCleanup()) {
      stripGroups(username);
    }
    switch (settings.cleanup()) {
      case DELETE -> {
        if (!dryRun) {
          ((UserDeletion) store).delete(username);
        }
        kind = Kind.DELETED;
      }
      case ANONYMIZE -> {
        String pseudonym = pseudonym(user);
        if (!dryRun) {
          Map<String, @Nullable Object> cleared = new HashMap<>();
          user.attributes().keySet().forEach(k -> cleared.put(k, null));
          store.update(username, new UserUpdate(pseudonym.equals(username) ? null : pseudonym, cleared));
          store.deactivate(pseudonym);
        }
        username = pseudonym;
        kind = Kind.ANONYMIZED;
      }
      default -> {
        if (!dryRun) {
          store.deactivate(username);
        }
        kind = Kind.DEACTIVATED;
      }
    }
    return Optional.of(outcome(kind, username, externalId, Set.of(), reason));
  }

  private void stripGroups(String username) {
    GroupStore g = groups;
    if (g == null) {
      return;
    }
    List<String> names;
    try (Stream<String> s = g.groupsOf(username)) {
      names = s.filter(n -> !settings.protectedGroups().contains(n)
              && !settings.defaultGroups().contains(n))
          .toList();
    }
    names.forEach(n -> g.removeMember(n, username));
  }

  /** The reversible pseudonym of a user: derived from source and external id only. */
  String pseudonym(StoredUser user) {
    return ANON_PREFIX + hash(Objects.requireNonNull(user.externalId()));
  }

  private String hash(String externalId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (settings.sourceId() + '\u0000' + externalId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Gives a pending user the name it waits for (renaming it from {@code from}, or creating it),
   * under the user's lock; the caller has checked that the name is free.
   *
   * @param from the user's username now (a temporary one after {@link #moveAside}), or null
   */
  UserOutcome settle(PendingName p, @Nullable String from, boolean dryRun) {
    return locks.with(settings.sourceId(), p.externalId(), () -> {
      DesiredUser create = p.create();
      if (create != null) {
        return createNow(create, Caller.SYNC, dryRun);
      }
      String old = Objects.requireNonNull(from);
      if (!dryRun) {
        store.update(old, new UserUpdate(p.target(), Map.of()));
      }
      Set<String> changed = new TreeSet<>(p.changed());
      changed.add(DesiredUser.USERNAME);
      Kind kind = p.kind() == Kind.UNCHANGED ? Kind.UPDATED : p.kind();
      return outcome(kind, p.target(), p.externalId(), changed, null);
    });
  }

  /** Renames a pending user to a temporary name, to free its name for another in a cycle. */
  void moveAside(PendingName p, String from, String temporary, boolean dryRun) {
    locks.with(settings.sourceId(), p.externalId(), () -> {
      if (!dryRun) {
        store.update(from, new UserUpdate(temporary, Map.of()));
      }
      return null;
    });
  }

  /** The outcome of a pending user whose name could not be settled. */
  static UserOutcome unsettled(PendingName p, @Nullable String current, String why) {
    return outcome(Kind.FAILED, current == null ? p.target() : current, p.externalId(), p.changed(),
        (current == null ? "cannot create " : "cannot rename " + current + " to ") + p.target()
            + ": " + why);
  }

  /** A name no source user can have (see {@code Usernames}) for a user in the middle of a swap. */
  String temporaryName(String externalId) {
    return "albauth-renaming-" + hash(externalId);
  }

  /** Returns the group store, or null when the store has none. */
  public @Nullable GroupStore groupStore() {
    return groups;
  }

  private static UserOutcome outcome(
      Kind kind, String username, String externalId, Set<String> changed, @Nullable String reason) {
    // the record copies the set (for free when it is already immutable)
    UserOutcome out = new UserOutcome(
        kind, username, externalId, changed.isEmpty() ? Set.of() : changed, reason);
    if (LOG.isDebugEnabled()) {
      LOG.debug("user {} ({}): {} {}{}", username, externalId, kind, changed,
          reason == null ? "" : " - " + reason);
    }
    return out;
  }
}
