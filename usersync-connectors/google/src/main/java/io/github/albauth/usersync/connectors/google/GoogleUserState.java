package io.github.albauth.usersync.connectors.google;

import io.github.albauth.usersync.AttributeSource;

/**
 * Whether a Google Workspace user counts as active, from the user resource's {@code suspended} and
 * {@code archived} flags (https://developers.google.com/workspace/admin/directory/reference/rest/v1/users):
 * the same table as the {@code google} mapping preset, whose {@code active} is {@code !suspended
 * && !archived}.
 *
 * <table>
 *   <caption>Google's flags to albauth's active flag</caption>
 *   <tr><th>{@code suspended}</th><th>{@code archived}</th><th>state</th><th>active</th><th>why</th></tr>
 *   <tr><td>false</td><td>false</td><td>{@link #ACTIVE}</td><td>yes</td><td>may sign in</td></tr>
 *   <tr><td>true</td><td>either</td><td>{@link #SUSPENDED}</td><td>no</td><td>an administrator
 *       (or Google, see {@code suspensionReason}) suspended the user: no sign-in</td></tr>
 *   <tr><td>false</td><td>true</td><td>{@link #ARCHIVED}</td><td>no</td><td>an Archived User
 *       licence keeps the data of someone who left: no sign-in</td></tr>
 * </table>
 *
 * <p>A deleted user is not listed, and {@code users.get} answers {@code 404}: the connector reports
 * it as gone. A record without the flags counts as active, as in the mapping preset.
 *
 * <p>Immutable and thread-safe.
 */
public enum GoogleUserState {
  /** Neither suspended nor archived. */
  ACTIVE(true),
  /** Suspended. */
  SUSPENDED(false),
  /** Archived (and not suspended). */
  ARCHIVED(false);

  private final boolean active;

  GoogleUserState(boolean active) {
    this.active = active;
  }

  /** {@return whether albauth counts a user in this state as active} */
  public boolean active() {
    return active;
  }

  /**
   * Reads a user record's state.
   *
   * @param user the record as Google sends it
   * @return its state
   */
  public static GoogleUserState of(AttributeSource user) {
    if (Boolean.TRUE.equals(user.get("suspended"))) {
      return SUSPENDED;
    }
    return Boolean.TRUE.equals(user.get("archived")) ? ARCHIVED : ACTIVE;
  }
}
