package io.github.albauth.usersync;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A group as the host application's {@link GroupStore} holds it. A group with a {@link #source()}
 * is managed by that directory source; a group without one is local and never touched by the
 * engine (neither are the configured default groups).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the unique group name
 * @param source the managing source's id, or {@code null} for a local group
 * @param externalId the group's immutable id in that source, or {@code null}
 */
public record StoredGroup(String name, @Nullable String source, @Nullable String externalId) {

  /**
   * Validates the fields.
   *
   * @param name the unique group name
   * @param source the managing source's id, or {@code null} for a local group
   * @param externalId the group's immutable id in that source, or {@code null}
   */
  public StoredGroup {
    StoredUser.requireText(name, "group name");
  }

  /**
   * A group managed by a source.
   *
   * @param name the group name
   * @param source the source id
   * @param externalId the group's immutable id in the source
   * @return the group, with source and external id set
   */
  public static StoredGroup managed(String name, String source, String externalId) {
    return new StoredGroup(name, Objects.requireNonNull(source), Objects.requireNonNull(externalId));
  }

  /**
   * A local group.
   *
   * @param name the group name
   * @return the group, with no source and no external id
   */
  public static StoredGroup local(String name) {
    return new StoredGroup(name, null, null);
  }

  /**
   * Tells whether a source manages this group.
   *
   * @param sourceId a source id
   * @return whether this group's {@link #source()} is {@code sourceId}
   */
  public boolean isManagedBy(String sourceId) {
    return sourceId.equals(source);
  }
}
