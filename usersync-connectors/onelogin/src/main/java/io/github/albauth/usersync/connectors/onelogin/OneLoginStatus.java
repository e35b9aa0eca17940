package io.github.albauth.usersync.connectors.onelogin;

import org.jspecify.annotations.Nullable;

/**
 * The {@code status} code of a OneLogin user and whether albauth counts it as active: the same
 * table as the {@code onelogin} mapping preset, whose {@code active} is false when the {@code
 * status} is 0 or 2, or the {@link OneLoginState state} is 0, 2 or 3. Codes from OneLogin's User
 * resource (https://developers.onelogin.com/api-docs/1/users/user-resource; the API v2 user carries
 * the same {@code status} and {@code state} integers).
 *
 * <table>
 *   <caption>OneLogin status to albauth's active flag</caption>
 *   <tr><th>code</th><th>status</th><th>active</th><th>why</th></tr>
 *   <tr><td>0</td><td>Unactivated</td><td>no</td><td>created but never activated: the user
 *       cannot sign in until an administrator activates the account</td></tr>
 *   <tr><td>1</td><td>Active</td><td>yes</td><td></td></tr>
 *   <tr><td>2</td><td>Suspended</td><td>no</td><td>an administrator (or a directory) suspended the
 *       user: OneLogin's way to switch an account off</td></tr>
 *   <tr><td>3</td><td>Locked</td><td>yes</td><td>a temporary lock after failed sign-ins
 *       ({@code locked_until})</td></tr>
 *   <tr><td>4</td><td>Password expired</td><td>yes</td><td>must change the password at the next
 *       sign-in</td></tr>
 *   <tr><td>5</td><td>Awaiting password reset</td><td>yes</td><td>must reset the password</td></tr>
 *   <tr><td>7</td><td>Password pending</td><td>yes</td><td>has not set a password yet (invited)</td></tr>
 *   <tr><td>8</td><td>Security questions required</td><td>yes</td><td>has not set security
 *       questions yet</td></tr>
 * </table>
 *
 * <p>The "yes" rows are states a person leaves by signing in; deactivating the app's account for
 * them would flap it on every sync. A code missing from this table (OneLogin has no 6) counts as
 * active, as in the preset: failing closed would deactivate every such user at once the day
 * OneLogin adds a code.
 *
 * <p>Immutable and thread-safe.
 */
public enum OneLoginStatus {
  /** 0: created, never activated. */
  UNACTIVATED(0, false),
  /** 1: active. */
  ACTIVE(1, true),
  /** 2: suspended. */
  SUSPENDED(2, false),
  /** 3: locked after failed sign-ins. */
  LOCKED(3, true),
  /** 4: the password expired. */
  PASSWORD_EXPIRED(4, true),
  /** 5: must reset the password. */
  AWAITING_PASSWORD_RESET(5, true),
  /** 7: has not set a password yet. */
  PASSWORD_PENDING(7, true),
  /** 8: has not set security questions yet. */
  SECURITY_QUESTIONS_REQUIRED(8, true);

  private final int code;
  private final boolean active;

  OneLoginStatus(int code, boolean active) {
    this.code = code;
    this.active = active;
  }

  /** {@return the code OneLogin sends in {@code status}} */
  public int code() {
    return code;
  }

  /** {@return whether albauth counts a user with this status as active} */
  public boolean active() {
    return active;
  }

  /**
   * Reads a status as OneLogin sends it.
   *
   * @param status the {@code status} field (a JSON integer), or null
   * @return the status, or null when absent, not an integer, or a code missing from the table
   */
  public static @Nullable OneLoginStatus of(@Nullable Object status) {
    return Codes.find(values(), OneLoginStatus::code, status);
  }

  /**
   * Whether a user record counts as active: neither its {@code status} nor its {@code state} is
   * one that the tables mark inactive.
   *
   * @param status the record's {@code status}, or null
   * @param state the record's {@code state}, or null
   * @return false when either is an inactive code, else true
   */
  public static boolean active(@Nullable Object status, @Nullable Object state) {
    OneLoginStatus s = of(status);
    OneLoginState t = OneLoginState.of(state);
    return (s == null || s.active) && (t == null || t.active());
  }
}
