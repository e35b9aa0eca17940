package io.github.albauth.servlet;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.LoginRequest;
import io.github.albauth.usersync.engine.LoginResult;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.source.JitSource;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Provisions the signed-in user through the UserSync engine's one login decision ({@link
 * SyncEngine#login}): just in time from the token's claims ({@link #jit}), or by looking the user
 * up in the IdP's directory ({@link #lookup}). Either way the account is the one the engine just
 * created, updated or confirmed for the token's subject ({@code iss} + {@code sub}), read back by
 * (source, external id) and bound to that subject on the first login; a later login of another
 * subject into it is refused as a possible takeover. The store must implement {@link
 * SubjectBindings}.
 *
 * <p>Outcomes: a signed-in account proceeds with its groups ({@link GroupStore} when the store has
 * it, else the stored {@code groups} attribute); a deactivated one is 403 {@link
 * AlbAuthFailure#USER_DEACTIVATED}; a username without a canonical form 403 {@link
 * AlbAuthFailure#INVALID_USERNAME}; every other refusal (skipped or filtered, a local account or
 * one bound to another subject, an unverified lookup selector, not in the directory) 403 {@link
 * AlbAuthFailure#PROVISIONING_REFUSED} with the engine's reason in the log; a store or directory
 * that is down 503.
 *
 * <p>Immutable and thread-safe (the engine serialises work per user).
 */
// The engine is optional (requires static): only apps that build a SyncEngine use this class.
@SuppressWarnings("exports")
public final class UserSyncProvisioner implements LoginProvisioner {

  /** Claims an IdP issues and a user cannot choose: a lookup by them needs no further proof. */
  private static final Set<String> IMMUTABLE_ID_CLAIMS = Set.of("sub", "oid", "uid");

  private final SyncEngine engine;
  private final UserStore store;
  private final JitSource jitSource;
  private final @Nullable String lookupClaim;
  private final @Nullable String lookupAttribute;
  private final boolean claimTrusted;

  private UserSyncProvisioner(SyncEngine engine, UserStore store, JitSource jitSource,
      @Nullable String lookupClaim, @Nullable String lookupAttribute, boolean claimTrusted) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    if (!(store instanceof SubjectBindings)) {
      throw new IllegalArgumentException("the store " + store.getClass().getName() + " does not"
          + " implement SubjectBindings: a login must bind each account to its IdP subject, so that"
          + " another subject cannot log into it; implement SubjectBindings (two columns: issuer,"
          + " subject)");
    }
    this.jitSource = jitSource;
    this.lookupClaim = lookupClaim;
    this.lookupAttribute = lookupAttribute;
    this.claimTrusted = claimTrusted;
  }

  /**
   * Just-in-time provisioning: the token's claims are mapped by the engine's mapping and the user
   * created or updated, with the engine's default groups. The external id is the {@code sub} claim.
   *
   * @param engine the engine (its store must be {@code store})
   * @param store the application's user store; implements {@link SubjectBindings}
   * @return the provisioner
   * @throws IllegalArgumentException when the store cannot bind subjects
   */
  public static UserSyncProvisioner jit(SyncEngine engine, UserStore store) {
    return new UserSyncProvisioner(engine, store, JitSource.fromSub(), null, null, false);
  }

  /**
   * Just-in-time provisioning with the external id taken from another claim (an immutable one,
   * such as Entra's {@code oid}).
   *
   * @param engine the engine
   * @param store the application's user store; implements {@link SubjectBindings}
   * @param idClaim the claim holding the user's immutable id
   * @return the provisioner
   * @throws IllegalArgumentException when the store cannot bind subjects
   */
  public static UserSyncProvisioner jit(SyncEngine engine, UserStore store, String idClaim) {
    return new UserSyncProvisioner(engine, store, JitSource.fromClaim(idClaim), null, null, false);
  }

  /**
   * Login-time lookup: the value of {@code claim} in the token is searched for as the directory
   * attribute {@code sourceAttribute} (the engine's source must implement {@code UserLookup}), and
   * the directory's full record is mapped, stored and bound to the token's subject.
   *
   * <p>Only a selector the IdP vouches for is used (the nOAuth class of takeover is a lookup by an
   * email the user typed in): {@code email} when the token's {@code email_verified} is {@code true}
   * (or the string {@code "true"}, as the ALB passes Cognito's); {@code sub}, {@code oid} and
   * {@code uid}, which the IdP issues. Any other claim, or an email the token does not say is
   * verified, is refused before the directory or the store is asked. For a claim your IdP does
   * vouch for (say an administrator-managed {@code preferred_username}), use {@link
   * #lookupTrusting}.
   *
   * @param engine the engine, with a directory source
   * @param store the application's user store; implements {@link SubjectBindings}
   * @param claim the token claim to look up by, e.g. {@code email}
   * @param sourceAttribute the directory attribute it matches, e.g. {@code mail}
   * @return the provisioner
   * @throws IllegalArgumentException when the store cannot bind subjects
   */
  public static UserSyncProvisioner lookup(
      SyncEngine engine, UserStore store, String claim, String sourceAttribute) {
    return new UserSyncProvisioner(engine, store, JitSource.fromSub(),
        Objects.requireNonNull(claim, "claim"),
        Objects.requireNonNull(sourceAttribute, "sourceAttribute"), false);
  }

  /**
   * Login-time lookup by a claim you assert the IdP vouches for, whatever the token says: the
   * account is still bound to the token's subject on first login, but if users can set this claim
   * themselves at the IdP, one of them can claim another's directory record on its first login.
   * Prefer {@link #lookup}.
   *
   * @param engine the engine, with a directory source
   * @param store the application's user store; implements {@link SubjectBindings}
   * @param claim the token claim to look up by
   * @param sourceAttribute the directory attribute it matches
   * @return the provisioner
   * @throws IllegalArgumentException when the store cannot bind subjects
   */
  public static UserSyncProvisioner lookupTrusting(
      SyncEngine engine, UserStore store, String claim, String sourceAttribute) {
    return new UserSyncProvisioner(engine, store, JitSource.fromSub(),
        Objects.requireNonNull(claim, "claim"),
        Objects.requireNonNull(sourceAttribute, "sourceAttribute"), true);
  }

  @Override
  public ProvisionedUser provision(AlbIdentity identity, MappingResult mapping) {
    IdpSubject subject = new IdpSubject(identity.issuer(), identity.subject());
    LoginRequest request;
    if (lookupClaim != null && lookupAttribute != null) {
      String value = identity.stringClaim(lookupClaim);
      if (value == null || value.isBlank()) {
        throw new LoginRefusedException("token has no " + lookupClaim + " claim to look up");
      }
      request = LoginRequest.lookup(subject, lookupAttribute, value, vouchedFor(identity));
    } else {
      request = LoginRequest.jit(subject, jitSource.user(identity.claims()));
    }
    LoginResult result = engine.login(request);
    StoredUser account = result.account();
    if (result.isSignedIn() && account != null) {
      return ProvisionedUser.of(account.username(), account.active(),
          store instanceof GroupStore ? result.groups() : groupsAttribute(account));
    }
    LoginResult.Refusal refusal = Objects.requireNonNull(result.refusal(), "a refused login");
    String reason = refusal + ": " + result.message();
    switch (refusal) {
      case STORE_UNAVAILABLE, SOURCE_UNAVAILABLE ->
          // our dependency is down: the filter answers 503 and names this reason
          throw new IllegalStateException(reason);
      case DEACTIVATED -> throw new LoginRefusedException(AlbAuthFailure.USER_DEACTIVATED, reason);
      case INVALID_USERNAME -> throw new LoginRefusedException(AlbAuthFailure.INVALID_USERNAME, reason);
      default -> throw new LoginRefusedException(reason);
    }
  }

  private boolean vouchedFor(AlbIdentity identity) {
    String claim = Objects.requireNonNull(lookupClaim);
    if (claimTrusted || IMMUTABLE_ID_CLAIMS.contains(claim)) {
      return true;
    }
    if (claim.equals("email")) {
      Object verified = identity.claim("email_verified");
      return Boolean.TRUE.equals(verified)
          || (verified instanceof String text && text.strip().toLowerCase(Locale.ROOT).equals("true"));
    }
    return false;
  }

  private static Collection<String> groupsAttribute(StoredUser user) {
    Object groups = user.attributes().get("groups");
    if (groups instanceof Collection<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast)
          .collect(Collectors.toList());
    }
    return List.of();
  }
}
