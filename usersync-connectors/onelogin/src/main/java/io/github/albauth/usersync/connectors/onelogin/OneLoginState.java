package io.github.albauth.usersync.connectors.onelogin;

import org.jspecify.annotations.Nullable;

/**
 * The {@code state} code of a OneLogin user (its approval and licence) and whether albauth counts it
 * as active; a user is active only when both its {@link OneLoginStatus status} and its state are.
 * Codes from OneLogin's User resource (https://developers.onelogin.com/api-docs/1/users/user-resource).
 *
 * <table>
 *   <caption>OneLogin state to albauth's active flag</caption>
 *   <tr><th>code</th><th>state</th><th>active</th><th>why</th></tr>
 *   <tr><td>0</td><td>Unapproved</td><td>no</td><td>waiting for an administrator's approval</td></tr>
 *   <tr><td>1</td><td>Approved</td><td>yes</td><td></td></tr>
 *   <tr><td>2</td><td>Rejected</td><td>no</td><td>an administrator refused the account</td></tr>
 *   <tr><td>3</td><td>Unlicensed</td><td>no</td><td>beyond the account's licences: cannot sign
 *       in</td></tr>
 * </table>
 *
 * <p>A code missing from this table counts as active, as for {@link OneLoginStatus}.
 *
 * <p>Immutable and thread-safe.
 */
public enum OneLoginState {
  /** 0: waiting for approval. */
  UNAPPROVED(0, false),
  /** 1: approved. */
  APPROVED(1, true),
  /** 2: rejected. */
  REJECTED(2, false),
  /** 3: no licence. */
  UNLICENSED(3, false);

  private final int code;
  private final boolean active;

  OneLoginState(int code, boolean active) {
    this.code = code;
    this.active = active;
  }

  /** {@return the code OneLogin sends in {@code state}} */
  public int code() {
    return code;
  }

  /** {@return whether albauth counts a user in this state as active} */
  public boolean active() {
    return active;
  }

  /**
   * Reads a state as OneLogin sends it.
   *
   * @param state the {@code state} field (a JSON integer), or null
   * @return the state, or null when absent, not an integer, or a code missing from the table
   */
  public static @Nullable OneLoginState of(@Nullable Object state) {
    return Codes.find(values(), OneLoginState::code, state);
  }
}
