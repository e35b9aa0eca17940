package io.github.albauth.usersync.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The directory a {@link DirectorySourceComplianceTest} asks a connector's test backend (a WireMock
 * simulation, a container) to serve: users in a fixed order, and groups.
 *
 * <p>Immutable and thread-safe.
 *
 * @param users the users, in listing order
 * @param groups the groups, in listing order
 */
public record TestDirectory(List<User> users, List<Group> groups) {

  /**
   * Copies the lists.
   *
   * @param users the users, in listing order
   * @param groups the groups, in listing order
   */
  public TestDirectory {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /**
   * One user.
   *
   * <p>Immutable and thread-safe.
   *
   * @param id the immutable id the source must report as {@code SourceUser.id()}
   * @param login the login name (Okta {@code profile.login}, Entra {@code userPrincipalName})
   * @param email the email address (the kit looks users up by it)
   * @param active whether the account is active (Okta {@code ACTIVE} or {@code SUSPENDED}, Entra
   *     {@code accountEnabled})
   * @param groupIds the ids of the groups the user is a member of
   */
  public record User(String id, String login, String email, boolean active, Set<String> groupIds) {

    /**
     * Copies the group ids.
     *
     * @param id the immutable id the source must report as {@code SourceUser.id()}
     * @param login the login name
     * @param email the email address
     * @param active whether the account is active
     * @param groupIds the ids of the groups the user is a member of
     */
    public User {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(login, "login");
      Objects.requireNonNull(email, "email");
      groupIds = Set.copyOf(groupIds);
    }

    /**
     * {@return this user with another email address}
     *
     * @param newEmail the new address
     */
    public User withEmail(String newEmail) {
      return new User(id, login, newEmail, active, groupIds);
    }
  }

  /**
   * One group.
   *
   * <p>Immutable and thread-safe.
   *
   * @param id the immutable id
   * @param name the display name
   */
  public record Group(String id, String name) {}

  /**
   * {@return the ids of the group's members, in listing order}
   *
   * @param groupId the group's id
   */
  public List<String> memberIds(String groupId) {
    List<String> out = new ArrayList<>();
    for (User u : users) {
      if (u.groupIds().contains(groupId)) {
        out.add(u.id());
      }
    }
    return out;
  }

  /**
   * {@return the user with this id, or a failure when there is none}
   *
   * @param id the user id
   */
  public User user(String id) {
    return users.stream().filter(u -> u.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no user " + id + " in " + users));
  }
}
