package io.github.albauth.usersync;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Capability of a {@link UserStore} that holds groups and memberships. Needed for default groups,
 * the mapped {@code groups} attribute and group sync.
 *
 * <p>The store records which memberships a source manages ({@link #addManagedMember}): the engine
 * removes only those, so a membership the host gave (to a local user, another source's user, or
 * this source's user) stays until the host removes it.
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
   * Renames a group in place: the same group keeps its source, external id, members (and which of
   * them a source manages) and whatever the host attached to it (rights, references). Group sync
   * calls it when the source renames a group it manages.
   *
   * @param name the group's current name
   * @param newName the new name
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when there is no
   *     group {@code name}, or {@link UserSyncException.Reason#CONFLICT} when {@code newName} is taken
   */
  void renameGroup(String name, String newName);

  /**
   * Adds a user to a group; idempotent.
   *
   * @param group the group name
   * @param username the username
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when either is absent
   */
  void addMember(String group, String username);

  /**
   * Adds a user to a group as a membership that a source manages; idempotent. When the user is
   * already a member by the host's hand ({@link #addMember}), the membership stays the host's.
   *
   * @param group the group name
   * @param username the username
   * @param source the managing source's id
   * @throws UserSyncException with {@link UserSyncException.Reason#NOT_FOUND} when either is absent
   */
  void addManagedMember(String group, String username, String source);

  /**
   * Streams the usernames whose membership of a group a source manages (added with {@link
   * #addManagedMember} for that source); the caller closes the stream.
   *
   * @param group the group name
   * @param source the source id
   * @return the usernames
   */
  Stream<String> managedMembers(String group, String source);

  /**
   * Streams the names of the groups whose membership of a user a source manages; the caller closes
   * the stream.
   *
   * @param username the username
   * @param source the source id
   * @return the group names
   */
  Stream<String> managedMemberships(String username, String source);

  /**
   * Removes a user from a group (whoever added the membership); idempotent.
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
