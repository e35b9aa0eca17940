package io.github.albauth.usersync;

import java.util.stream.Stream;

/**
 * Capability of a {@link DirectorySource} that delivers groups and memberships.
 *
 * <p>Implementations must be thread-safe.
 */
public interface GroupSource {

  /**
   * Streams the groups in scope, lazily; the engine closes the stream.
   *
   * @return the groups, read as the stream is consumed
   */
  Stream<SourceGroup> groups();

  /**
   * Streams the immutable ids of a group's user members, lazily; the engine closes the stream.
   *
   * @param groupId the group's id in the source
   * @return the members' ids, fetched as the stream is consumed
   */
  Stream<String> memberIds(String groupId);
}
