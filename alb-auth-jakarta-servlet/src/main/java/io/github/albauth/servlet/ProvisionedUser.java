package io.github.albauth.servlet;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link LoginProvisioner} reports about the signed-in user after provisioning: the local
 * username, whether the account is active (an inactive user is refused with 403), and the user's
 * groups in the store (which become roles).
 *
 * <p>Immutable and thread-safe.
 */
public final class ProvisionedUser {

  private final String username;
  private final boolean active;
  private final Set<String> groups;

  private ProvisionedUser(String username, boolean active, Set<String> groups) {
    this.username = username;
    this.active = active;
    this.groups = groups;
  }

  /**
   * Creates the report.
   *
   * @param username the local username
   * @param active whether the account may log in
   * @param groups the user's groups in the store
   * @return the report; the groups are copied
   */
  public static ProvisionedUser of(String username, boolean active, Collection<String> groups) {
    Objects.requireNonNull(username, "username");
    return new ProvisionedUser(
        username, active, Collections.unmodifiableSet(new LinkedHashSet<>(groups)));
  }

  /** {@return the local username} */
  public String username() {
    return username;
  }

  /** {@return whether the account may log in} */
  public boolean active() {
    return active;
  }

  /** {@return the user's groups in the store, unmodifiable} */
  public Set<String> groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "ProvisionedUser[" + username + (active ? "" : ", inactive") + ", groups=" + groups + "]";
  }
}
