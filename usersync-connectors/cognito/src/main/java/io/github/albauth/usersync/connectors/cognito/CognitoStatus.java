package io.github.albauth.usersync.connectors.cognito;

import org.jspecify.annotations.Nullable;

/**
 * A Cognito user's {@code UserStatus} and whether albauth counts the user as active. A user whose
 * {@code Enabled} is false is inactive whatever the status; an enabled user is active unless the
 * status says the account cannot be used. The {@code cognito} mapping preset computes the same
 * ({@code active = Enabled && contains(["CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED",
 * "EXTERNAL_PROVIDER"], UserStatus)}). Statuses from the {@code UserType} of the Cognito API reference
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserType.html).
 *
 * <table>
 *   <caption>Enabled and UserStatus to albauth's active flag</caption>
 *   <tr><th>UserStatus</th><th>Enabled = true</th><th>Enabled = false</th><th>why</th></tr>
 *   <tr><td>CONFIRMED</td><td>active</td><td>inactive</td><td>a normal account</td></tr>
 *   <tr><td>FORCE_CHANGE_PASSWORD</td><td>active</td><td>inactive</td><td>created by an
 *       administrator; sets a password at the first sign-in</td></tr>
 *   <tr><td>RESET_REQUIRED</td><td>active</td><td>inactive</td><td>must reset the password
 *       (e.g. after an import)</td></tr>
 *   <tr><td>EXTERNAL_PROVIDER</td><td>active</td><td>inactive</td><td>signs in through a
 *       federated IdP</td></tr>
 *   <tr><td>UNCONFIRMED</td><td>inactive</td><td>inactive</td><td>signed up, never confirmed:
 *       cannot sign in yet</td></tr>
 *   <tr><td>COMPROMISED</td><td>inactive</td><td>inactive</td><td>credentials found compromised;
 *       blocked until reset</td></tr>
 *   <tr><td>ARCHIVED</td><td>inactive</td><td>inactive</td><td>archived (no longer used)</td></tr>
 *   <tr><td>UNKNOWN, or a status this table does not know</td><td>inactive</td><td>inactive</td>
 *       <td>fail closed</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum CognitoStatus {
  /** Signed up, not confirmed. */
  UNCONFIRMED(false),
  /** Confirmed. */
  CONFIRMED(true),
  /** Archived. */
  ARCHIVED(false),
  /** Credentials compromised. */
  COMPROMISED(false),
  /** Unknown to Cognito. */
  UNKNOWN(false),
  /** Must reset the password. */
  RESET_REQUIRED(true),
  /** Must change the temporary password at the first sign-in. */
  FORCE_CHANGE_PASSWORD(true),
  /** Federated through another IdP. */
  EXTERNAL_PROVIDER(true);

  private final boolean usable;

  CognitoStatus(boolean usable) {
    this.usable = usable;
  }

  /** {@return whether an enabled user with this status counts as active} */
  public boolean usable() {
    return usable;
  }

  /**
   * Reads a status as Cognito sends it.
   *
   * @param status the {@code UserStatus} field, or null
   * @return the status, or {@link #UNKNOWN} when absent or not one of the table's
   */
  public static CognitoStatus of(@Nullable Object status) {
    if (status instanceof String s) {
      for (CognitoStatus value : values()) {
        if (value.name().equals(s)) {
          return value;
        }
      }
    }
    return UNKNOWN;
  }

  /**
   * Whether albauth counts a user as active.
   *
   * @param enabled the user's {@code Enabled}
   * @param status the user's {@code UserStatus}, or null
   * @return {@code enabled} and a usable status
   */
  public static boolean active(boolean enabled, @Nullable Object status) {
    return enabled && of(status).usable();
  }
}
