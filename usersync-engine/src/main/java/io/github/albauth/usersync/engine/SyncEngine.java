package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.SyncStateStore;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import static io.github.albauth.usersync.engine.internal.Options.once;
import static io.github.albauth.usersync.engine.internal.Options.onceFor;

import io.github.albauth.usersync.engine.internal.EngineSettings;
import io.github.albauth.usersync.engine.internal.SyncCore;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a {@link UserStore} in step with an identity provider: at login ({@link #login}, just in
 * time or by login-time lookup, which also decides the account the login signs in to), one user
 * at a time without a login ({@link #provision}, {@link #lookupAndProvision}), and by full ({@link
 * #fullSync}) or delta ({@link #deltaSync}) directory sync, with a {@link #dryRun} that plans
 * without writing.
 *
 * <p>Isolation: a store call that fails for one user fails that user (listed in {@link
 * SyncReport#failures()}, status {@link SyncReport.Status#PARTIAL}) and the run goes on; a store
 * that throws {@link UserSyncException.Reason#STORE_UNAVAILABLE}, or {@link
 * Builder#maxConsecutiveFailures(int)} failures in a row, abort it.
 *
 * <p>Safety: the engine never deletes unless configured with {@link CleanupAction#DELETE}; deprovisions
 * a user missing from a listing only when a source that can look users up confirms it gone,
 * disabled or out of scope, and only after a listing a {@code ListingCheck} source vouches for;
 * never deprovisions after a source or store failure, an incomplete pass (users that failed to map) or an
 * empty result where there were users; refuses a run that would deprovision more than {@link
 * Builder#maxDeprovisions(int)} users or more than {@link Builder#maxDeprovisionShare(double)} of the
 * active managed users; and never touches users and groups that the source does not manage,
 * protected users and groups, or default groups.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *     .store(myStore)
 *     .source(myConnector)
 *     .mapper(mapping)
 *     .build();
 * SyncReport report = engine.fullSync("manual");
 * }</pre>
 *
 * <p>Thread-safe: logins may provision while a sync runs (work on one user is serialised, across
 * every engine in the JVM), and two runs for the same source never overlap (the second returns
 * {@link SyncReport.Status#ALREADY_RUNNING}): the default {@link InJvmSyncLock} is JVM-wide and
 * keyed by source id. Across a cluster, give every node's engine a shared {@link
 * Builder#lock(SyncLock)} and keep the store's unique constraints.
 */
public final class SyncEngine {

  private final SyncCore core;
  private final String sourceId;
  private final @Nullable DirectorySource source;

  private SyncEngine(EngineSettings settings) {
    this.core = new SyncCore(settings);
    this.sourceId = settings.sourceId();
    this.source = settings.source();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the id of the source whose users this engine manages} */
  public String sourceId() {
    return sourceId;
  }

  /**
   * Signs a login in to its account, or refuses it: the one decision a login path needs.
   *
   * <p>The engine maps the login's source user (the token's claims, or the record a lookup
   * returns), and under the user's lock checks the account it matches before writing anything:
   * an account bound to another {@link IdpSubject} is refused ({@link
   * LoginResult.Refusal#SUBJECT_MISMATCH}, logged at WARN as a possible takeover), and so is a
   * local account with the login's username ({@link LoginResult.Refusal#LOCAL_ACCOUNT}) or, with
   * {@link MatchKey#USERNAME}, an unbound account whose external id is not the login's ({@link
   * LoginResult.Refusal#UNCONFIRMED_ACCOUNT}), unless {@link Builder#linkAccountsByUsername()}.
   * Then it creates or updates the account as {@link #provision} does (a lookup also applies the
   * directory's active flag, as {@link #lookupAndProvision} does). Only an outcome of {@link
   * UserOutcome.Kind#CREATED}, {@code UPDATED}, {@code UNCHANGED} or {@code REACTIVATED} signs in,
   * to the account read back by (source, external id) — never by username — when it is active;
   * the first login binds its subject to the account ({@link SubjectBindings#bind}), later ones
   * must present the same subject. A lookup whose selector the IdP does not vouch for is refused
   * before the directory or the store is asked.
   *
   * @param request the login: its subject, and its claims or lookup selector
   * @return the account signed in to, with its groups, or the refusal with its reason; store and
   *     directory failures are refusals too ({@link LoginResult.Refusal#STORE_UNAVAILABLE}, {@link
   *     LoginResult.Refusal#SOURCE_UNAVAILABLE})
   * @throws UserSyncException with {@link UserSyncException.Reason#UNSUPPORTED} when the store does
   *     not implement {@link SubjectBindings}, or a lookup's source does not implement {@link
   *     UserLookup}; other exceptions of the store (not {@code UserSyncException}) propagate
   */
  public LoginResult login(LoginRequest request) {
    return core.login(Objects.requireNonNull(request, "request"));
  }

  /**
   * Provisions one user from a login's claims (JIT) without deciding a login: maps its claims,
   * creates or updates it, and assigns the default groups. Never deactivates, reactivates or
   * deletes anyone: an inactive user stays inactive (the outcome is {@link
   * UserOutcome.Kind#SKIPPED}). The outcome says what happened to the store, not which account may
   * sign in: a login path calls {@link #login} instead, which also checks the subject binding.
   *
   * @param user the login's claims as a source user (see {@code JitSource})
   * @return what happened; {@link UserOutcome.Kind#FAILED} when the mapping or a conflict fails
   * @throws UserSyncException when the store fails
   */
  public UserOutcome provision(SourceUser user) {
    return core.provision(Objects.requireNonNull(user, "user"));
  }

  /**
   * Finds one user in the directory by an attribute and stores its full record (including the
   * source's active flag), without deciding a login: a login path calls {@link #login} with {@link
   * LoginRequest#lookup}, which refuses unverified selectors and binds the subject.
   *
   * @param attribute the source's lookup attribute (Entra {@code id} or {@code userPrincipalName},
   *     others {@code email})
   * @param value the value from the login's claims
   * @return what happened, or empty when the source has no such user
   * @throws UserSyncException with {@link UserSyncException.Reason#UNSUPPORTED} when the source
   *     cannot look users up, or when the source or store fails
   */
  public Optional<UserOutcome> lookupAndProvision(String attribute, String value) {
    if (!(source instanceof UserLookup)) {
      throw new UserSyncException(UserSyncException.Reason.UNSUPPORTED,
          "source " + sourceId + " does not implement UserLookup; use provision(…) instead");
    }
    return core.lookupAndProvision(Objects.requireNonNull(attribute), Objects.requireNonNull(value));
  }

  /**
   * Runs a full sync: every source user is mapped and created or updated when it changed; then, after
   * a complete error-free pass and within the safety limits, the managed users not returned are
   * cleaned up. Never throws for a source or store failure: the report says {@link
   * SyncReport.Status#FAILED} and why.
   *
   * @param trigger who asks, for the report ({@code "manual"}, {@code "schedule"}, …)
   * @return what the run did, with its status
   * @throws UserSyncException with {@link UserSyncException.Reason#UNSUPPORTED} when no directory
   *     source is configured
   */
  public SyncReport fullSync(String trigger) {
    requireSource();
    return core.full(Objects.requireNonNull(trigger, "trigger"), false);
  }

  /**
   * Plans a full sync without writing anything: the report lists what {@link #fullSync} would do.
   *
   * @param trigger who asks
   * @return what a full sync would do now; {@link SyncReport#dryRun()} is true
   */
  public SyncReport dryRun(String trigger) {
    requireSource();
    return core.full(Objects.requireNonNull(trigger, "trigger"), true);
  }

  /**
   * Runs a delta sync: applies only the changes since the saved token, page by page, saving the
   * cursor after each page so a crashed round resumes there; removals are deprovisioned (within the
   * safety limits) when the round completes. Without saved state (the first run, or after {@link
   * SyncStateStore#clear}), or when the source says the saved token expired ({@link
   * UserSyncException.Reason#DELTA_EXPIRED}; see {@link Builder#fullSyncWhenDeltaExpires}), it runs
   * a full sync and saves a new token when that succeeds.
   *
   * @param trigger who asks
   * @return what the run did, with its status
   * @throws UserSyncException with {@link UserSyncException.Reason#UNSUPPORTED} when the source does
   *     not implement {@link DeltaSource}
   */
  public SyncReport deltaSync(String trigger) {
    if (!(requireSource() instanceof DeltaSource)) {
      throw new UserSyncException(UserSyncException.Reason.UNSUPPORTED,
          "source " + sourceId + " does not implement DeltaSource; use fullSync(…) instead");
    }
    return core.delta(Objects.requireNonNull(trigger, "trigger"));
  }

  private DirectorySource requireSource() {
    if (source == null) {
      throw new UserSyncException(UserSyncException.Reason.UNSUPPORTED,
          "no directory source configured; set source(…) on the builder to sync");
    }
    return source;
  }

  /**
   * Builds a {@link SyncEngine}. Each option may be set once. Not thread-safe; the engine it builds
   * is.
   */
  public static final class Builder {

    private @Nullable UserStore store;
    private @Nullable DirectorySource source;
    private @Nullable String sourceId;
    private @Nullable UserAttributeMapper mapper;
    private @Nullable Predicate<SourceUser> filter;
    private @Nullable MatchKey matchKey;
    private @Nullable CleanupAction cleanup;
    private boolean stripGroupsOnCleanup;
    private @Nullable Set<String> protectedUsers;
    private @Nullable Set<String> protectedGroups;
    private @Nullable Set<String> defaultGroups;
    private @Nullable MissingValue missingDefault;
    private final Map<String, MissingValue> missingPerAttribute = new HashMap<>();
    private @Nullable Integer maxDeprovisions;
    private @Nullable Double maxDeprovisionShare;
    private boolean allowEmptySource;
    private boolean syncGroups;
    private @Nullable SyncLock lock;
    private @Nullable Duration lockAtMostFor;
    private @Nullable SyncStateStore stateStore;
    private @Nullable Clock clock;
    private final List<SyncListener> listeners = new ArrayList<>();
    private @Nullable Integer maxReportedOutcomes;
    private @Nullable Integer maxConsecutiveFailures;
    private @Nullable Boolean fullSyncWhenDeltaExpires;
    private @Nullable Duration sourceCallTimeout;
    private @Nullable Duration sourceRunTimeout;
    private boolean linkAccountsByUsername;

    private Builder() {}

    /**
     * The host application's user store (required). Its capabilities ({@link GroupStore}, {@link
     * UserDeletion}) are detected here.
     *
     * @param userStore the store
     * @return this builder
     */
    public Builder store(UserStore userStore) {
      store = once(store, userStore, "store");
      return this;
    }

    /**
     * The directory source to sync from; its {@link DirectorySource#id()} names the managed users.
     * Either this or {@link #sourceId(String)} is required.
     *
     * @param directorySource the connector
     * @return this builder
     */
    public Builder source(DirectorySource directorySource) {
      source = once(source, directorySource, "source");
      return this;
    }

    /**
     * The source id, for an engine that only provisions at login (no directory source).
     *
     * @param id the source id, such as {@code "entra"}
     * @return this builder
     */
    public Builder sourceId(String id) {
      sourceId = once(sourceId, id, "sourceId");
      return this;
    }

    /**
     * How source records become user attributes (required): a compiled mapping or code.
     *
     * @param attributeMapper the mapper; thread-safe
     * @return this builder
     */
    public Builder mapper(UserAttributeMapper attributeMapper) {
      mapper = once(mapper, attributeMapper, "mapper");
      return this;
    }

    /**
     * Which source users are in scope (default: all). Users filtered out count as not returned, so
     * cleanup applies to them.
     *
     * @param predicate the filter; thread-safe
     * @return this builder
     */
    public Builder filter(Predicate<SourceUser> predicate) {
      filter = once(filter, predicate, "filter");
      return this;
    }

    /**
     * How stored users are matched (default {@link MatchKey#EXTERNAL_ID}, which follows renames).
     *
     * @param key the match key
     * @return this builder
     */
    public Builder matchBy(MatchKey key) {
      matchKey = once(matchKey, key, "matchBy");
      return this;
    }

    /**
     * What happens to managed users the source no longer returns (default {@link
     * CleanupAction#DISABLE}).
     *
     * @param action the action
     * @return this builder
     */
    public Builder cleanup(CleanupAction action) {
      cleanup = once(cleanup, action, "cleanup");
      return this;
    }

    /**
     * Also removes cleaned-up users from their groups (except protected and default groups).
     *
     * @return this builder
     */
    public Builder stripGroupsOnCleanup() {
      stripGroupsOnCleanup = true;
      return this;
    }

    /**
     * Usernames that cleanup never touches (for example a break-glass admin).
     *
     * @param usernames the usernames
     * @return this builder
     */
    public Builder protectUsers(String... usernames) {
      protectedUsers = once(protectedUsers, names(usernames), "protectUsers");
      return this;
    }

    /**
     * Groups whose memberships the engine never changes.
     *
     * @param groups the group names
     * @return this builder
     */
    public Builder protectGroups(String... groups) {
      protectedGroups = once(protectedGroups, names(groups), "protectGroups");
      return this;
    }

    /**
     * Groups every provisioned user always gets (for example the application-access group); never
     * removed by the engine. Needs a store implementing {@link GroupStore}.
     *
     * @param groups the group names (created as local groups when missing)
     * @return this builder
     */
    public Builder defaultGroups(String... groups) {
      defaultGroups = once(defaultGroups, names(groups), "defaultGroups");
      return this;
    }

    /**
     * What happens when a mapping expression yields nothing (default {@link
     * MissingValue#LEAVE_UNCHANGED}).
     *
     * @param policy the policy for every attribute without its own
     * @return this builder
     */
    public Builder onMissing(MissingValue policy) {
      missingDefault = once(missingDefault, policy, "onMissing");
      return this;
    }

    /**
     * What happens when one attribute's expression yields nothing.
     *
     * @param attribute the attribute name
     * @param policy the policy
     * @return this builder
     */
    public Builder onMissing(String attribute, MissingValue policy) {
      onceFor(missingPerAttribute, attribute, policy, "onMissing");
      return this;
    }

    /**
     * The most users one run may deprovision (default 500, like Entra's accidental-deletion
     * threshold); a run over it deprovisions nobody and reports why.
     *
     * @param max the limit, at least 0
     * @return this builder
     */
    public Builder maxDeprovisions(int max) {
      maxDeprovisions = once(maxDeprovisions, max, "maxDeprovisions");
      return this;
    }

    /**
     * The largest share of active managed users one run may deprovision (default 0.25); a run over
     * it deprovisions nobody and reports why. Runs deprovisioning at most 5 users are exempt, so
     * small directories can shrink.
     *
     * @param share between 0 and 1
     * @return this builder
     */
    public Builder maxDeprovisionShare(double share) {
      maxDeprovisionShare = once(maxDeprovisionShare, share, "maxDeprovisionShare");
      return this;
    }

    /**
     * Lets a full sync deprovision everyone when the source returns no users (default: refused).
     *
     * @return this builder
     */
    public Builder allowEmptySource() {
      allowEmptySource = true;
      return this;
    }

    /**
     * Syncs groups and memberships in a full sync, for groups the source manages. Needs a source
     * implementing {@link GroupSource} and a store implementing {@link GroupStore}. Use either this
     * or a mapped {@code groups} attribute, not both.
     *
     * <p>A group the source manages but no longer returns is emptied, never deleted, and only after
     * a complete, error-free pass that returned users and groups (or with {@link
     * #allowEmptySource()}); protected, default and local groups are never touched.
     *
     * @return this builder
     */
    public Builder syncGroups() {
      syncGroups = true;
      return this;
    }

    /**
     * The lock that keeps two runs apart (default {@link InJvmSyncLock}).
     *
     * @param syncLock the lock
     * @return this builder
     */
    public Builder lock(SyncLock syncLock) {
      lock = once(lock, syncLock, "lock");
      return this;
    }

    /**
     * How long a run may hold the lock before a distributed lock presumes it crashed (default 1 hour).
     *
     * @param duration positive
     * @return this builder
     */
    public Builder lockAtMostFor(Duration duration) {
      lockAtMostFor = once(lockAtMostFor, duration, "lockAtMostFor");
      return this;
    }

    /**
     * Where delta-sync state is kept (default {@link InMemorySyncStateStore}).
     *
     * @param states the state store
     * @return this builder
     */
    public Builder stateStore(SyncStateStore states) {
      stateStore = once(stateStore, states, "stateStore");
      return this;
    }

    /**
     * The clock for report times (default the system UTC clock).
     *
     * @param time the clock
     * @return this builder
     */
    public Builder clock(Clock time) {
      clock = once(clock, time, "clock");
      return this;
    }

    /**
     * Adds a listener for user and run events; may be called several times.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The most per-user outcomes a report lists (default 10,000); counts are always complete.
     *
     * @param max at least 0
     * @return this builder
     */
    public Builder maxReportedOutcomes(int max) {
      maxReportedOutcomes = once(maxReportedOutcomes, max, "maxReportedOutcomes");
      return this;
    }

    /**
     * How many users in a row may fail before a sync gives up (default 100): a failing store write
     * or mapping fails that user and the run goes on; this many in a row look like an outage, so
     * the run stops with {@link SyncReport.Status#FAILED} and deprovisions nobody. A store that
     * knows it is down says so at once with {@link UserSyncException.Reason#STORE_UNAVAILABLE}.
     *
     * @param max at least 1
     * @throws IllegalArgumentException when {@code max} is below 1
     * @return this builder
     */
    public Builder maxConsecutiveFailures(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConsecutiveFailures is " + max + "; use 1 or more");
      }
      maxConsecutiveFailures = once(maxConsecutiveFailures, max, "maxConsecutiveFailures");
      return this;
    }

    /**
     * Whether a delta sync whose token the source no longer accepts ({@link
     * UserSyncException.Reason#DELTA_EXPIRED}) runs a full sync at once and saves a new token
     * (default true). With false, such runs fail with a message naming the reason until the state
     * is cleared ({@link SyncStateStore#clear}).
     *
     * @param enabled whether to fall back to a full sync
     * @return this builder
     */
    public Builder fullSyncWhenDeltaExpires(boolean enabled) {
      fullSyncWhenDeltaExpires = once(fullSyncWhenDeltaExpires, enabled, "fullSyncWhenDeltaExpires");
      return this;
    }

    /**
     * The longest a sync waits for one source call (a page of a listing, a delta page, a lookup)
     * before it fails the run with {@link UserSyncException.Reason#SOURCE_TIMEOUT} and
     * deprovisions nobody (default 5 minutes). Connectors keep their own HTTP timeouts; this
     * bounds a source that hangs anyway. Login-time calls are not bounded by it.
     *
     * @param timeout positive
     * @throws IllegalArgumentException when not positive
     * @return this builder
     */
    public Builder sourceCallTimeout(Duration timeout) {
      sourceCallTimeout = once(sourceCallTimeout, positive(timeout, "sourceCallTimeout"),
          "sourceCallTimeout");
      return this;
    }

    /**
     * The most time one sync run may spend in source calls, counted on the engine's clock from the
     * run's first source call (default 1 hour, like {@link #lockAtMostFor}); a run over it fails
     * with {@link UserSyncException.Reason#SOURCE_TIMEOUT} and deprovisions nobody.
     *
     * @param budget positive
     * @throws IllegalArgumentException when not positive
     * @return this builder
     */
    public Builder sourceRunTimeout(Duration budget) {
      sourceRunTimeout = once(sourceRunTimeout, positive(budget, "sourceRunTimeout"),
          "sourceRunTimeout");
      return this;
    }

    /**
     * Lets a login ({@link SyncEngine#login}) bind its subject to an existing account that it found
     * by username only and that is bound to no subject yet: a local account (no source) with the
     * login's username, or, with {@link MatchKey#USERNAME}, an account of this source whose
     * external id is not the login's. Off by default: such an account is refused ({@link
     * LoginResult.Refusal#LOCAL_ACCOUNT}, {@link LoginResult.Refusal#UNCONFIRMED_ACCOUNT}).
     *
     * <p>For migrations only, and for as short as they last: whoever signs in first with a
     * username gets that account and everything it may do (a local {@code admin} and its groups),
     * so the IdP must guarantee that the username claim is unique, verified and cannot be chosen
     * by users. A linked local account stays local (the engine never changes it) and keeps its
     * binding after the option is turned off.
     *
     * @return this builder
     */
    public Builder linkAccountsByUsername() {
      linkAccountsByUsername = true;
      return this;
    }

    private static Duration positive(Duration d, String option) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " is " + d + "; use a positive duration");
      }
      return d;
    }

    /**
     * Validates the options and builds the engine.
     *
     * @return the engine, safe to share between threads
     * @throws IllegalStateException when an option is missing, out of range or needs a capability
     *     the store or source lacks
     */
    public SyncEngine build() {
      UserStore s = require(store, "store is required; set store(…)");
      UserAttributeMapper m = require(mapper, "mapper is required; set mapper(…)");
      if (source != null && sourceId != null) {
        throw new IllegalStateException("both source(…) and sourceId(" + sourceId
            + ") are set; the source supplies its id, drop sourceId");
      }
      String id = source != null ? source.id() : require(sourceId,
          "a source is required; set source(…) to sync, or sourceId(…) for login-time provisioning");
      CleanupAction action = cleanup == null ? CleanupAction.DISABLE : cleanup;
      if (action == CleanupAction.DELETE && !(s instanceof UserDeletion)) {
        throw new IllegalStateException("cleanup DELETE needs a store implementing UserDeletion; "
            + s.getClass().getName() + " does not (use DISABLE)");
      }
      Set<String> defaults = defaultGroups == null ? Set.of() : defaultGroups;
      if ((!defaults.isEmpty() || syncGroups || stripGroupsOnCleanup) && !(s instanceof GroupStore)) {
        throw new IllegalStateException("default groups, group sync and stripGroupsOnCleanup need a"
            + " store implementing GroupStore; " + s.getClass().getName() + " does not");
      }
      if (syncGroups && !(source instanceof GroupSource)) {
        throw new IllegalStateException("syncGroups needs a source implementing GroupSource; "
            + (source == null ? "none is set" : source.getClass().getName() + " does not"));
      }
      int max = notNegative(maxDeprovisions == null ? 500 : maxDeprovisions, "maxDeprovisions");
      double share = maxDeprovisionShare == null ? 0.25 : maxDeprovisionShare;
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalStateException("maxDeprovisionShare is " + share + "; use 0 to 1");
      }
      Duration atMost = lockAtMostFor == null ? Duration.ofHours(1) : lockAtMostFor;
      if (atMost.isNegative() || atMost.isZero()) {
        throw new IllegalStateException("lockAtMostFor is " + atMost + "; use a positive duration");
      }
      int reported = notNegative(maxReportedOutcomes == null ? 10_000 : maxReportedOutcomes,
          "maxReportedOutcomes");
      return new SyncEngine(new EngineSettings(
          id, source, s, m,
          filter == null ? u -> true : filter,
          matchKey == null ? MatchKey.EXTERNAL_ID : matchKey,
          action, stripGroupsOnCleanup,
          protectedUsers == null ? Set.of() : protectedUsers,
          protectedGroups == null ? Set.of() : protectedGroups,
          defaults,
          missingDefault == null ? MissingValue.LEAVE_UNCHANGED : missingDefault,
          Map.copyOf(missingPerAttribute),
          max, share, allowEmptySource, syncGroups,
          lock == null ? new InJvmSyncLock() : lock,
          atMost,
          stateStore == null ? new InMemorySyncStateStore() : stateStore,
          clock == null ? Clock.systemUTC() : clock,
          List.copyOf(listeners),
          reported,
          maxConsecutiveFailures == null ? 100 : maxConsecutiveFailures,
          fullSyncWhenDeltaExpires == null || fullSyncWhenDeltaExpires,
          sourceCallTimeout == null ? Duration.ofMinutes(5) : sourceCallTimeout,
          sourceRunTimeout == null ? Duration.ofHours(1) : sourceRunTimeout,
          linkAccountsByUsername));
    }

    private static Set<String> names(String... names) {
      Set<String> set = new LinkedHashSet<>();
      for (String n : Arrays.asList(names)) {
        if (n == null || n.isBlank()) {
          throw new IllegalArgumentException("name is blank; give a non-blank name");
        }
        set.add(n);
      }
      return Set.copyOf(set);
    }

    private static int notNegative(int value, String option) {
      if (value < 0) {
        throw new IllegalStateException(option + " is " + value + "; use 0 or more");
      }
      return value;
    }

    private static <T> T require(@Nullable T value, String message) {
      if (value == null) {
        throw new IllegalStateException(message);
      }
      return value;
    }
  }
}
