package io.github.albauth.usersync.engine;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the engine did (or, in a dry run, would do) with one user.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what happened
 * @param username the user's (new) username, or the source id when the username is unknown
 * @param externalId the user's immutable id in the source
 * @param changed the attributes that changed ({@code username} for a rename, {@code groups} for
 *     memberships); empty unless created, updated or reactivated
 * @param reason why the user was skipped or failed, or why it was deprovisioned; else null
 */
public record UserOutcome(
    Kind kind, String username, String externalId, Set<String> changed, @Nullable String reason) {

  /** What happened to a user. */
  public enum Kind {
    /** The user was created. */
    CREATED,
    /** Attributes, username or memberships changed. */
    UPDATED,
    /** An inactive user became active again (possibly with other changes). */
    REACTIVATED,
    /** Nothing changed. */
    UNCHANGED,
    /** The user was deactivated (the source marks it inactive, or cleanup). */
    DEACTIVATED,
    /** Cleanup replaced the user's identity with a pseudonym and deactivated it. */
    ANONYMIZED,
    /** Cleanup deleted the user. */
    DELETED,
    /** The user was left alone (mapping rule, filter, conflict with a local user, inactive). */
    SKIPPED,
    /** Processing this user failed; the run went on with the others. */
    FAILED,
    /**
     * Missing from the listing (or removed by a delta round) but kept: the source, asked with
     * {@code UserLookup.lookupById}, did not confirm the user gone, disabled or out of scope (it
     * still has the user, or the lookup failed); the reason says which.
     */
    KEPT
  }

  /**
   * Validates and copies.
   *
   * @param kind what happened
   * @param username the user's (new) username, or the source id when the username is unknown
   * @param externalId the user's immutable id in the source
   * @param changed the attributes that changed ({@code username} for a rename, {@code groups} for
   *     memberships); empty unless created, updated or reactivated
   * @param reason why the user was skipped or failed, or why it was deprovisioned; else null
   */
  public UserOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(externalId, "externalId");
    changed = Set.copyOf(changed);
  }

  /** {@return whether the engine wrote (or in a dry run would write) to the store for this user} */
  public boolean isWrite() {
    return kind != Kind.UNCHANGED && kind != Kind.SKIPPED && kind != Kind.FAILED
        && kind != Kind.KEPT;
  }
}
