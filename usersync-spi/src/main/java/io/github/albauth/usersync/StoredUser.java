package io.github.albauth.usersync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the host application's {@link UserStore} holds it.
 *
 * <p>{@link #source()} names the directory source that manages the user, or is {@code null} for a
 * user created locally: the engine never changes, deactivates or deletes such a user. {@link
 * #externalId()} is the user's immutable id in that source, which is how renames are followed.
 * {@link #attributes()} holds everything else the mapping produced ({@code email}, {@code
 * displayName}, {@code givenName}, {@code familyName} and custom attributes), never {@code null}
 * values; group memberships live in a {@link GroupStore}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoredUser {

  private final String username;
  private final @Nullable String source;
  private final @Nullable String externalId;
  private final boolean active;
  private final Map<String, Object> attributes;

  private StoredUser(
      String username,
      @Nullable String source,
      @Nullable String externalId,
      boolean active,
      Map<String, Object> attributes) {
    this.username = username;
    this.source = source;
    this.externalId = externalId;
    this.active = active;
    this.attributes = attributes;
  }

  /**
   * A user managed by a directory source.
   *
   * @param username the unique login name
   * @param source the id of the managing source
   * @param externalId the user's immutable id in that source
   * @param active whether the user may log in
   * @param attributes the other attributes (copied; no null values)
   * @return the user
   */
  public static StoredUser managed(
      String username, String source, String externalId, boolean active, Map<String, ?> attributes) {
    return new StoredUser(
        requireText(username, "username"),
        requireText(source, "source"),
        requireText(externalId, "externalId"),
        active,
        copy(attributes));
  }

  /**
   * A user created locally and not managed by any source; the engine never touches it.
   *
   * @param username the unique login name
   * @param active whether the user may log in
   * @param attributes the other attributes (copied; no null values)
   * @return the user, with no source and no external id
   */
  public static StoredUser local(String username, boolean active, Map<String, ?> attributes) {
    return new StoredUser(requireText(username, "username"), null, null, active, copy(attributes));
  }

  /** {@return the unique login name} */
  public String username() {
    return username;
  }

  /** {@return the id of the managing source, or {@code null} for a local user} */
  public @Nullable String source() {
    return source;
  }

  /** {@return the immutable id in the managing source, or {@code null} for a local user} */
  public @Nullable String externalId() {
    return externalId;
  }

  /** {@return whether the user may log in} */
  public boolean active() {
    return active;
  }

  /**
   * Tells whether a source manages this user.
   *
   * @param sourceId a source id
   * @return whether this user's {@link #source()} is {@code sourceId}
   */
  public boolean isManagedBy(String sourceId) {
    return sourceId.equals(source);
  }

  /** {@return the other attributes; unmodifiable, no null values} */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * Returns a copy with an update applied (new username, changed and removed attributes).
   *
   * @param update the changes
   * @return the updated copy; this user is unchanged
   */
  public StoredUser apply(UserUpdate update) {
    Map<String, Object> merged = new LinkedHashMap<>(attributes);
    update.attributes().forEach((k, v) -> {
      if (v == null) {
        merged.remove(k);
      } else {
        merged.put(k, v);
      }
    });
    String name = update.newUsername() == null ? username : update.newUsername();
    return new StoredUser(name, source, externalId, active, Collections.unmodifiableMap(merged));
  }

  /**
   * Returns a copy with another active flag.
   *
   * @param isActive the new flag
   * @return this user when the flag is already {@code isActive}, else a copy
   */
  public StoredUser withActive(boolean isActive) {
    return isActive == active ? this : new StoredUser(username, source, externalId, isActive, attributes);
  }

  private static Map<String, Object> copy(Map<String, ?> attributes) {
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((k, v) -> copy.put(
        Objects.requireNonNull(k, "attribute name"),
        Objects.requireNonNull(v, () -> "attribute " + k + " is null; leave it out instead")));
    return Collections.unmodifiableMap(copy);
  }

  static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank; give a non-blank " + what);
    }
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoredUser u
        && username.equals(u.username)
        && Objects.equals(source, u.source)
        && Objects.equals(externalId, u.externalId)
        && active == u.active
        && attributes.equals(u.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, source, externalId, active, attributes);
  }

  @Override
  public String toString() {
    return "StoredUser[" + username + ", source=" + source + ", externalId=" + externalId
        + ", active=" + active + ", attributes=" + attributes.keySet() + "]";
  }
}
