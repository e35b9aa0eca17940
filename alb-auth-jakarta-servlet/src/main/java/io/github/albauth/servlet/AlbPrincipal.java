package io.github.albauth.servlet;

import io.github.albauth.core.AccessToken;
import io.github.albauth.core.AlbIdentity;
import java.io.Serializable;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user of a request that passed {@link AlbAuthenticationFilter}: what
 * {@code request.getUserPrincipal()} returns, and the request attribute {@link #REQUEST_ATTRIBUTE}.
 *
 * <p>{@link #getName()} is the mapped username; {@link #groups()} the mapped groups (merged with the
 * verified access token's groups when so configured, and with the store's groups after
 * provisioning); {@link #roles()} what {@code isUserInRole} checks; {@link #attributes()} every
 * mapped attribute; {@link #identity()} the verified ALB token itself.
 *
 * <p>Immutable and thread-safe. Serializable for session replication, except the transient
 * token details ({@link #identity()} and {@link #accessToken()} are null after deserialization).
 */
public final class AlbPrincipal implements Principal, Serializable {

  /** The request attribute under which the filter stores the principal. */
  public static final String REQUEST_ATTRIBUTE = AlbPrincipal.class.getName();

  private static final long serialVersionUID = 1L;

  /** The local username, the principal's name. */
  private final String username;
  /** The IdP's subject ({@code sub}). */
  private final String subject;
  /** The user's groups, unmodifiable. */
  private final Set<String> groups;
  /** The user's roles (groups after role mapping), unmodifiable. */
  private final Set<String> roles;
  /** The mapped attributes, unmodifiable. */
  private final Map<String, @Nullable Object> attributes;
  private final transient @Nullable AlbIdentity identity;
  private final transient @Nullable AccessToken accessToken;

  /**
   * Creates a principal. The filter does this; applications need it only in tests.
   *
   * @param username the local username
   * @param groups the user's groups
   * @param roles the user's roles (groups after role mapping)
   * @param attributes the mapped attributes
   * @param identity the verified ALB token
   * @param accessToken the verified access token, when one was verified
   */
  public AlbPrincipal(
      String username,
      Set<String> groups,
      Set<String> roles,
      Map<String, ? extends @Nullable Object> attributes,
      AlbIdentity identity,
      @Nullable AccessToken accessToken) {
    this.username = Objects.requireNonNull(username, "username");
    this.subject = identity.subject();
    this.groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    this.attributes = Collections.unmodifiableMap(serializableCopy(attributes));
    this.identity = identity;
    this.accessToken = accessToken;
  }

  /** Copies the attributes so that the principal survives session serialization. */
  private static Map<String, @Nullable Object> serializableCopy(
      Map<String, ? extends @Nullable Object> attributes) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    attributes.forEach((name, value) -> copy.put(name,
        value instanceof List<?> list ? Collections.unmodifiableList(new ArrayList<>(list)) : value));
    return copy;
  }

  /** {@return the local username} */
  @Override
  public String getName() {
    return username;
  }

  /** {@return the IdP's subject ({@code sub}) of the user} */
  public String subject() {
    return subject;
  }

  /** {@return the user's groups, unmodifiable} */
  public Set<String> groups() {
    return groups;
  }

  /** {@return the user's roles (groups after role mapping), unmodifiable} */
  public Set<String> roles() {
    return roles;
  }

  /** {@return the mapped attributes (username, email, displayName, …), unmodifiable} */
  public Map<String, @Nullable Object> attributes() {
    return attributes;
  }

  /**
   * {@return one mapped attribute when it is a string, else {@code null}}
   *
   * @param name the attribute name, e.g. {@code email}
   */
  public @Nullable String attribute(String name) {
    Object value = attributes.get(name);
    return value instanceof String s ? s : null;
  }

  /** {@return the verified ALB token; null only after deserialization} */
  public @Nullable AlbIdentity identity() {
    return identity;
  }

  /** {@return the verified access token, or null when none was verified} */
  public @Nullable AccessToken accessToken() {
    return accessToken;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AlbPrincipal other && username.equals(other.username)
        && subject.equals(other.subject);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, subject);
  }

  @Override
  public String toString() {
    return "AlbPrincipal[" + username + ", groups=" + groups + "]";
  }
}
