package io.github.albauth.usersync;

/**
 * One group as a {@link GroupSource} delivers it. Its members come separately from {@link
 * GroupSource#memberIds(String)}, so that a large group is never held in memory by the source.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the group's immutable id in the source
 * @param name the group name the store uses
 */
public record SourceGroup(String id, String name) {

  /**
   * Validates the fields.
   *
   * @param id the group's immutable id in the source
   * @param name the group name the store uses
   */
  public SourceGroup {
    StoredUser.requireText(id, "source group id");
    StoredUser.requireText(name, "group name");
  }
}
