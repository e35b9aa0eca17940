package io.github.albauth.usersync;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Capability of a {@link UserStore} that holds groups and memberships. Needed for default groups,
 * the mapped {@code groups} attribute and group sync.
 *
 * <p>Implementations must be thread-safe.
 */
public interface GroupStore {

  /**
   * Finds a group by name.
   *
   * @param name the group name
   * @return the group, or empty when there is none by that name
   */
  Optional<StoredGroup> findGroup(String name);

  /**
   * Creates a group.
   *
   * @param group the group
   * @throws UserSyncException with {@link UserSyncException.Reason#CONFLICT} when the name is taken
   */
  void createGroup(StoredGroup group);

  /**
   * Adds a user to a group; idempotent.
   *
   * @param group the group name
   * @param username the username
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when either is absent
   */
  void addMember(String group, String username);

  /**
   * Removes a user from a group; idempotent.
   *
   * @param group the group name
   * @param username the username
   */
  void removeMember(String group, String username);

  /**
   * Streams the usernames of a group's members; the caller closes the stream.
   *
   * @param group the group name
   * @return the members' usernames; empty for an unknown group
   */
  Stream<String> members(String group);

  /**
   * Streams the names of the groups a user belongs to; the caller closes the stream.
   *
   * @param username the username
   * @return the group names; empty for a user in no group
   */
  Stream<String> groupsOf(String username);

  /**
   * Streams the groups a source manages (whose {@link StoredGroup#source()} is {@code source});
   * the caller closes the stream. Group sync empties those the source no longer returns.
   *
   * @param source the source id
   * @return the groups managed by {@code source}
   */
  Stream<StoredGroup> managedGroups(String source);
}
