package io.github.albauth.servlet;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.source.JitSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Provisions the signed-in user through the UserSync engine: just in time from the token's claims
 * ({@link #jit}), or by looking the user up in the IdP's directory and storing the full record
 * ({@link #lookup}). The user's groups are read back from the store ({@link GroupStore} when the
 * store has that capability, else the stored {@code groups} attribute).
 *
 * <p>Outcomes: created, updated or unchanged users proceed; a user that is inactive in the store (or
 * in the directory) is refused with 403 {@link AlbAuthFailure#USER_DEACTIVATED}; a user the engine
 * could not provision (username taken by a local account, mapping failure) or the directory does
 * not know is refused with 403 {@link AlbAuthFailure#PROVISIONING_REFUSED}; a failing store or
 * directory gives 503.
 *
 * <p>Immutable and thread-safe (the engine serialises work per user).
 */
// The engine is optional (requires static): only apps that build a SyncEngine use this class.
@SuppressWarnings("exports")
public final class UserSyncProvisioner implements LoginProvisioner {

  private final SyncEngine engine;
  private final UserStore store;
  private final JitSource jitSource;
  private final @Nullable String lookupClaim;
  private final @Nullable String lookupAttribute;

  private UserSyncProvisioner(SyncEngine engine, UserStore store, JitSource jitSource,
      @Nullable String lookupClaim, @Nullable String lookupAttribute) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.jitSource = jitSource;
    this.lookupClaim = lookupClaim;
    this.lookupAttribute = lookupAttribute;
  }

  /**
   * Just-in-time provisioning: the token's claims are mapped by the engine's mapping and the user
   * created or updated, with the engine's default groups. The external id is the {@code sub} claim.
   *
   * @param engine the engine (its store must be {@code store})
   * @param store the application's user store
   * @return the provisioner
   */
  public static UserSyncProvisioner jit(SyncEngine engine, UserStore store) {
    return new UserSyncProvisioner(engine, store, JitSource.fromSub(), null, null);
  }

  /**
   * Just-in-time provisioning with the external id taken from another claim.
   *
   * @param engine the engine
   * @param store the application's user store
   * @param idClaim the claim holding the user's immutable id
   * @return the provisioner
   */
  public static UserSyncProvisioner jit(SyncEngine engine, UserStore store, String idClaim) {
    return new UserSyncProvisioner(engine, store, JitSource.fromClaim(idClaim), null, null);
  }

  /**
   * Login-time lookup: the value of {@code claim} in the token is searched for as the directory
   * attribute {@code sourceAttribute} (the engine's source must implement {@code UserLookup}), and
   * the directory's full record is mapped and stored.
   *
   * @param engine the engine, with a directory source
   * @param store the application's user store
   * @param claim the token claim to look up by, e.g. {@code email}
   * @param sourceAttribute the directory attribute it matches, e.g. {@code mail}
   * @return the provisioner
   */
  public static UserSyncProvisioner lookup(
      SyncEngine engine, UserStore store, String claim, String sourceAttribute) {
    return new UserSyncProvisioner(engine, store, JitSource.fromSub(),
        Objects.requireNonNull(claim, "claim"),
        Objects.requireNonNull(sourceAttribute, "sourceAttribute"));
  }

  @Override
  public ProvisionedUser provision(AlbIdentity identity, MappingResult mapping) {
    UserOutcome outcome;
    if (lookupClaim != null && lookupAttribute != null) {
      String value = identity.stringClaim(lookupClaim);
      if (value == null || value.isBlank()) {
        throw new LoginRefusedException("token has no " + lookupClaim + " claim to look up");
      }
      Optional<UserOutcome> found = engine.lookupAndProvision(lookupAttribute, value);
      if (found.isEmpty()) {
        throw new LoginRefusedException("user not found in the directory by " + lookupAttribute);
      }
      outcome = found.get();
    } else {
      outcome = engine.provision(jitSource.user(identity.claims()));
    }
    if (outcome.kind() == UserOutcome.Kind.FAILED) {
      throw new LoginRefusedException("provisioning failed: " + outcome.reason());
    }
    Optional<StoredUser> stored = store.findByUsername(outcome.username());
    if (stored.isEmpty()) {
      // skipped by a mapping rule or filter before it was ever stored
      return ProvisionedUser.of(outcome.username(), false, List.of());
    }
    StoredUser user = stored.get();
    return ProvisionedUser.of(user.username(), user.active(), groupsOf(user));
  }

  private Collection<String> groupsOf(StoredUser user) {
    if (store instanceof GroupStore groups) {
      try (Stream<String> names = groups.groupsOf(user.username())) {
        return names.collect(Collectors.toList());
      }
    }
    Object groups = user.attributes().get("groups");
    if (groups instanceof Collection<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast)
          .collect(Collectors.toList());
    }
    return List.of();
  }
}
