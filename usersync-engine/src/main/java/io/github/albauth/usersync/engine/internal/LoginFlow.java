package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.engine.LoginRequest;
import io.github.albauth.usersync.engine.LoginResult;
import io.github.albauth.usersync.engine.LoginResult.Refusal;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.engine.internal.UserReconciler.Caller;
import io.github.albauth.usersync.engine.internal.UserReconciler.Prepared;
import io.github.albauth.usersync.engine.internal.UserReconciler.Result;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a login: the account is the one the engine just created, updated, confirmed or
 * reactivated for the login's source user, found by (source, external id), and bound to the
 * login's IdP subject; every other path is a refusal. The checks that can refuse without writing
 * (binding, local account, inactive) run under the user's lock before the reconcile writes, so a
 * refused login changes nothing of another person's account. Thread-safe.
 */
public final class LoginFlow {

  private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

  private final EngineSettings settings;
  private final UserReconciler reconciler;
  private final UserStore store;

  /**
   * Creates the flow.
   *
   * @param settings the engine settings
   * @param reconciler the engine's reconciler, whose per-user locks the login shares with syncs
   */
  public LoginFlow(EngineSettings settings, UserReconciler reconciler) {
    this.settings = settings;
    this.reconciler = reconciler;
    this.store = settings.store();
  }

  /**
   * Signs a login in, or refuses it.
   *
   * @param request the login
   * @return the result; store and directory failures are refusals (STORE_UNAVAILABLE,
   *     SOURCE_UNAVAILABLE)
   * @throws UserSyncException with {@link Reason#UNSUPPORTED} when the store does not implement
   *     {@link SubjectBindings}, or a lookup's source does not implement {@link UserLookup}
   */
  public LoginResult login(LoginRequest request) {
    if (!(store instanceof SubjectBindings bindings)) {
      throw new UserSyncException(Reason.UNSUPPORTED, "store " + store.getClass().getName()
          + " does not implement SubjectBindings, which login needs to bind accounts to subjects");
    }
    SourceUser user;
    Caller caller;
    if (request instanceof LoginRequest.Lookup lookup) {
      if (!lookup.verified()) {
        return LoginResult.refused(Refusal.UNVERIFIED_SELECTOR, "lookup by " + lookup.attribute()
            + " refused: the IdP does not vouch for the value", null);
      }
      if (!(settings.source() instanceof UserLookup directory)) {
        throw new UserSyncException(Reason.UNSUPPORTED,
            "source " + settings.sourceId() + " does not implement UserLookup");
      }
      Optional<SourceUser> found;
      try {
        found = directory.lookup(lookup.attribute(), lookup.value());
      } catch (UserSyncException e) {
        return LoginResult.refused(
            e.reason() == Reason.CONFLICT ? Refusal.CONFLICT : Refusal.SOURCE_UNAVAILABLE,
            "lookup by " + lookup.attribute() + " failed: " + e.getMessage(), null);
      }
      if (found.isEmpty()) {
        return LoginResult.refused(Refusal.NOT_FOUND, "no user in " + settings.sourceId()
            + " has " + lookup.attribute() + " " + lookup.value(), null);
      }
      user = found.get();
      caller = Caller.LOOKUP;
    } else {
      user = ((LoginRequest.Jit) request).user();
      caller = Caller.LOGIN;
    }
    try {
      return signIn(user, caller, request.subject(), bindings);
    } catch (UserSyncException e) {
      if (UserReconciler.isUserProblem(e) || e.reason() == Reason.NOT_FOUND) {
        // a concurrent write took the name or removed the account between two calls
        return LoginResult.refused(Refusal.CONFLICT, String.valueOf(e.getMessage()), null);
      }
      if (e.reason() == Reason.STORE_UNAVAILABLE || e.reason() == Reason.STORE_FAILED) {
        return LoginResult.refused(Refusal.STORE_UNAVAILABLE,
            "user store failed: " + e.getMessage(), null);
      }
      throw e;
    }
  }

  private LoginResult signIn(
      SourceUser user, Caller caller, IdpSubject subject, SubjectBindings bindings) {
    Prepared prepared = reconciler.prepare(user);
    DesiredUser d = prepared.desired();
    if (d == null) {
      UserOutcome outcome = Objects.requireNonNull(prepared.ended()).outcome();
      RunRecorder.notify(settings, outcome);
      return LoginResult.refused(Objects.requireNonNull(prepared.refusal()),
          String.valueOf(outcome.reason()), outcome);
    }
    return reconciler.locked(d.externalId(), () -> {
      Optional<StoredUser> match = reconciler.match(d);
      StoredUser holder = match.isPresent() ? match.get()
          : store.findByUsername(d.username()).orElse(null);
      if (holder != null && holder.source() == null) {
        return local(holder, d, subject, bindings);
      }
      if (holder != null && !holder.isManagedBy(settings.sourceId())) {
        return LoginResult.refused(Refusal.CONFLICT, "username " + d.username()
            + " belongs to a user of source " + holder.source(), null);
      }
      if (match.isEmpty() && holder != null) {
        return LoginResult.refused(Refusal.CONFLICT, "username " + d.username()
            + " belongs to another user of " + settings.sourceId(), null);
      }
      if (holder != null) {
        LoginResult refused = checkExisting(holder, d, caller, subject, bindings);
        if (refused != null) {
          return refused;
        }
      }
      Result result = reconciler.apply(d, caller, false);
      UserOutcome outcome = result.outcome();
      RunRecorder.notify(settings, outcome);
      return switch (outcome.kind()) {
        case CREATED, UPDATED, UNCHANGED, REACTIVATED -> bindAndSignIn(outcome, subject, bindings);
        case DEACTIVATED -> LoginResult.refused(Refusal.DEACTIVATED,
            "user " + outcome.username() + " is disabled in " + settings.sourceId(), outcome);
        case SKIPPED -> LoginResult.refused(Refusal.SKIPPED, String.valueOf(outcome.reason()), outcome);
        default -> LoginResult.refused(Refusal.CONFLICT, String.valueOf(outcome.reason()), outcome);
      };
    });
  }

  /**
   * Checks an account of this source that the login matched, before anything is written to it:
   * bound to another subject, found by username only and not yet bound, or (just in time, which
   * never reactivates) inactive.
   *
   * @return the refusal, or null when the login may go on
   */
  private @Nullable LoginResult checkExisting(StoredUser account, DesiredUser d, Caller caller,
      IdpSubject subject, SubjectBindings bindings) {
    Optional<IdpSubject> bound = bindings.boundSubject(account.username());
    if (bound.isPresent() && !bound.get().equals(subject)) {
      return mismatch(account, bound.get(), subject, null);
    }
    if (bound.isEmpty() && !d.externalId().equals(account.externalId())
        && !settings.linkAccountsByUsername()) {
      return LoginResult.refused(Refusal.UNCONFIRMED_ACCOUNT, "account " + account.username()
          + " was found by username only (its external id is not the login's) and is bound to no"
          + " subject; linkAccountsByUsername() links such accounts", null);
    }
    if (caller == Caller.LOGIN && !account.active()) {
      return LoginResult.refused(Refusal.DEACTIVATED, "account " + account.username()
          + " is inactive; login-time provisioning never reactivates", null);
    }
    return null;
  }

  /** A local account with the login's username: linked only when the engine allows it. */
  private LoginResult local(
      StoredUser account, DesiredUser d, IdpSubject subject, SubjectBindings bindings) {
    Optional<IdpSubject> bound = bindings.boundSubject(account.username());
    if (bound.isPresent() && !bound.get().equals(subject)) {
      return mismatch(account, bound.get(), subject, null);
    }
    if (bound.isEmpty() && !settings.linkAccountsByUsername()) {
      return LoginResult.refused(Refusal.LOCAL_ACCOUNT, "username " + account.username()
          + " belongs to a local account; a login links to it only with linkAccountsByUsername()",
          null);
    }
    if (!account.active()) {
      return LoginResult.refused(Refusal.DEACTIVATED,
          "local account " + account.username() + " is inactive", null);
    }
    // the engine never changes a local user: the account is used as it is
    UserOutcome outcome = new UserOutcome(Kind.UNCHANGED, account.username(), d.externalId(),
        Set.of(), "local account, bound to the login's subject");
    LoginResult refused = bind(account, subject, bindings, outcome);
    if (refused != null) {
      return refused;
    }
    if (bound.isEmpty()) {
      LOG.info("linked local account {} to subject {} of issuer {}",
          LogSafe.escape(account.username()), LogSafe.escape(subject.subject()),
          LogSafe.escape(subject.issuer()));
    }
    return LoginResult.signedIn(account, groupsOf(account.username()), outcome,
        "signed in to local account " + account.username());
  }

  /** Reads the account the outcome names back, by (source, external id), and binds it. */
  private LoginResult bindAndSignIn(
      UserOutcome outcome, IdpSubject subject, SubjectBindings bindings) {
    Optional<StoredUser> found = store.findByExternalId(settings.sourceId(), outcome.externalId());
    if (found.isEmpty()) {
      return LoginResult.refused(Refusal.CONFLICT, "account of " + outcome.externalId()
          + " is not in the store after " + outcome.kind(), outcome);
    }
    StoredUser account = found.get();
    if (!account.active()) {
      return LoginResult.refused(Refusal.DEACTIVATED, "account " + account.username()
          + " is inactive (the directory says the user is disabled)", outcome);
    }
    LoginResult refused = bind(account, subject, bindings, outcome);
    if (refused != null) {
      return refused;
    }
    return LoginResult.signedIn(account, groupsOf(account.username()), outcome,
        "signed in to account " + account.username() + " (" + outcome.kind() + ")");
  }

  /**
   * Binds the subject to the account, or finds it bound to it already.
   *
   * @return the refusal when the account or the subject is bound elsewhere, else null
   */
  private @Nullable LoginResult bind(StoredUser account, IdpSubject subject,
      SubjectBindings bindings, UserOutcome outcome) {
    IdpSubject bound;
    try {
      bound = bindings.bind(account.username(), subject);
    } catch (UserSyncException e) {
      if (e.reason() != Reason.CONFLICT) {
        throw e;
      }
      LOG.warn("login refused: subject {} of issuer {} is bound to another account, not to {}"
              + " (renamed in the IdP while matching by username, or an attempt to take it over)",
          LogSafe.escape(subject.subject()), LogSafe.escape(subject.issuer()),
          LogSafe.escape(account.username()));
      return LoginResult.refused(Refusal.SUBJECT_MISMATCH, "the login's subject is bound to"
          + " another account than " + account.username(), outcome);
    }
    return bound.equals(subject) ? null : mismatch(account, bound, subject, outcome);
  }

  private static LoginResult mismatch(StoredUser account, IdpSubject bound, IdpSubject subject,
      @Nullable UserOutcome outcome) {
    LOG.warn("possible account takeover: subject {} of issuer {} tried to sign in to account {},"
            + " which is bound to subject {} of issuer {}",
        LogSafe.escape(subject.subject()), LogSafe.escape(subject.issuer()),
        LogSafe.escape(account.username()), LogSafe.escape(bound.subject()),
        LogSafe.escape(bound.issuer()));
    return LoginResult.refused(Refusal.SUBJECT_MISMATCH,
        "account " + account.username() + " is bound to another subject", outcome);
  }

  private Set<String> groupsOf(String username) {
    GroupStore groups = reconciler.groupStore();
    if (groups == null) {
      return Set.of();
    }
    try (Stream<String> names = groups.groupsOf(username)) {
      return names.collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
