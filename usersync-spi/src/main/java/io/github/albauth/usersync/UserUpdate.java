package io.github.albauth.usersync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes the engine asks a {@link UserStore} to make to one user: only what differs.
 *
 * <p>{@link #newUsername()} is set when the user was renamed in the source; {@link #attributes()}
 * maps each changed attribute to its new value, or to {@code null} when the attribute is to be
 * removed.
 *
 * <p>Immutable and thread-safe.
 */
public final class UserUpdate {

  private final @Nullable String newUsername;
  private final Map<String, @Nullable Object> attributes;

  /**
   * Creates an update.
   *
   * @param newUsername the new username, or {@code null} to keep it
   * @param attributes changed attributes (null value: remove); copied
   */
  public UserUpdate(@Nullable String newUsername, Map<String, ? extends @Nullable Object> attributes) {
    this.newUsername = newUsername;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(attributes)));
  }

  /** {@return the new username, or {@code null} when the username does not change} */
  public @Nullable String newUsername() {
    return newUsername;
  }

  /** {@return changed attributes to their new value ({@code null}: remove); unmodifiable} */
  public Map<String, @Nullable Object> attributes() {
    return attributes;
  }

  /** {@return whether the update changes nothing} */
  public boolean isEmpty() {
    return newUsername == null && attributes.isEmpty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UserUpdate u
        && Objects.equals(newUsername, u.newUsername)
        && attributes.equals(u.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(newUsername, attributes);
  }

  @Override
  public String toString() {
    return "UserUpdate[newUsername=" + newUsername + ", attributes=" + attributes.keySet() + "]";
  }
}
