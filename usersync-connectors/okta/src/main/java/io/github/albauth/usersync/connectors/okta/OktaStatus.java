package io.github.albauth.usersync.connectors.okta;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code status} of an Okta user and whether albauth counts it as active: the same table as the
 * {@code okta} mapping preset ({@code active} is false for {@code SUSPENDED} and {@code
 * DEPROVISIONED} only). Statuses from Okta's Users API
 * (https://developer.okta.com/docs/reference/user-query/, "Status" in the Users API reference).
 *
 * <table>
 *   <caption>Okta status to albauth's active flag</caption>
 *   <tr><th>status</th><th>active</th><th>why</th></tr>
 *   <tr><td>STAGED</td><td>yes</td><td>created, not yet activated: the account exists and is
 *       expected to sign in soon</td></tr>
 *   <tr><td>PROVISIONED</td><td>yes</td><td>activated, the user has not set a password yet</td></tr>
 *   <tr><td>ACTIVE</td><td>yes</td><td></td></tr>
 *   <tr><td>RECOVERY</td><td>yes</td><td>resetting a password</td></tr>
 *   <tr><td>PASSWORD_EXPIRED</td><td>yes</td><td>must change the password at the next sign-in</td></tr>
 *   <tr><td>LOCKED_OUT</td><td>yes</td><td>a temporary lock after failed sign-ins</td></tr>
 *   <tr><td>SUSPENDED</td><td>no</td><td>an administrator suspended the user</td></tr>
 *   <tr><td>DEPROVISIONED</td><td>no</td><td>deactivated; the plain listing no longer returns the
 *       user, deltas report the id as removed</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum OktaStatus {
  /** Created, not yet activated. */
  STAGED(true),
  /** Activated, no password set yet. */
  PROVISIONED(true),
  /** Active. */
  ACTIVE(true),
  /** Resetting a password. */
  RECOVERY(true),
  /** Must change the password. */
  PASSWORD_EXPIRED(true),
  /** Locked out after failed sign-ins. */
  LOCKED_OUT(true),
  /** Suspended by an administrator. */
  SUSPENDED(false),
  /** Deactivated. */
  DEPROVISIONED(false);

  private final boolean active;

  OktaStatus(boolean active) {
    this.active = active;
  }

  /** {@return whether albauth counts a user with this status as active} */
  public boolean active() {
    return active;
  }

  /**
   * Reads a status as Okta sends it.
   *
   * @param status the {@code status} field, or null
   * @return the status, or null when absent or unknown (a user without a known status counts as
   *     active, as in the mapping preset)
   */
  public static @Nullable OktaStatus of(@Nullable Object status) {
    if (!(status instanceof String s)) {
      return null;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
