package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.MissingValue;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.Usernames;
import io.github.albauth.usersync.mapping.MappingResult;
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
 * A source user as the store should hold it, from its mapping result and the missing-value
 * policies: attributes to set, attributes to clear, the rest left alone.
 *
 * @param username the canonical username ({@link Usernames})
 * @param externalId the external id (mapped, or the source's id)
 * @param active the active flag (a user the source returns without one is active)
 * @param set attributes to set (no null values)
 * @param clear attributes to remove
 * @param groups the groups the mapping assigns, or null when it leaves memberships alone
 */
public record DesiredUser(
    String username,
    String externalId,
    boolean active,
    Map<String, Object> set,
    Set<String> clear,
    @Nullable Set<String> groups) {

  /** Reserved attribute names, not stored in {@code attributes}. */
  static final String USERNAME = "username";
  static final String EXTERNAL_ID = "externalId";
  static final String ACTIVE = "active";
  static final String GROUPS = "groups";

  /** Thrown when the mapped username has no canonical form; the external id is known. */
  static final class RefusedName extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String externalId;

    RefusedName(String externalId, String reason) {
      super(reason, null, false, false);
      this.externalId = externalId;
    }
  }

  /** Thrown when a policy says to skip the user. */
  static final class SkipUser extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SkipUser(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Computes the desired user.
   *
   * @throws SkipUser when a missing-value policy says to skip
   * @throws UserSyncException with INVALID_USER when there is no usable username
   */
  static DesiredUser of(SourceUser user, MappingResult result, EngineSettings settings) {
    Map<String, Object> set = new LinkedHashMap<>();
    Set<String> clear = new LinkedHashSet<>();
    String username = null;
    String externalId = user.id();
    boolean active = true;
    Set<String> groups = null;
    for (Map.Entry<String, @Nullable Object> e : result.attributes().entrySet()) {
      String name = e.getKey();
      Object value = e.getValue();
      boolean clearIt = false;
      if (value == null) {
        MissingValue policy = settings.missing(name);
        switch (policy) {
          case SKIP_USER -> throw new SkipUser("mapping yielded nothing for " + name);
          case LEAVE_UNCHANGED -> { }
          case CLEAR -> clearIt = true;
          case SOURCE_VALUE -> value = user.attributes().get(name);
        }
        if (value == null && !clearIt) {
          continue;
        }
      }
      switch (name) {
        case USERNAME -> username = value instanceof String s && !s.isEmpty() ? s : null;
        case EXTERNAL_ID -> {
          if (value instanceof String s && !s.isBlank()) {
            externalId = s;
          }
        }
        case ACTIVE -> active = !(Boolean.FALSE.equals(value) || "false".equals(value));
        case GROUPS -> groups = clearIt ? Set.of() : toGroups(value);
        default -> {
          if (value == null) { // only the CLEAR policy lets a missing value get this far
            clear.add(name);
          } else {
            set.put(name, normalize(value));
          }
        }
      }
    }
    if (username == null) {
      throw new UserSyncException(
          UserSyncException.Reason.INVALID_USER,
          "mapping yielded no username for source user " + user.id() + "; map username");
    }
    Usernames.Result canonical = Usernames.canonicalize(username);
    if (!canonical.isValid()) {
      throw new RefusedName(externalId, "username of source user " + user.id() + " refused ("
          + canonical.refusal() + "): " + canonical.reason());
    }
    username = Objects.requireNonNull(canonical.username());
    return new DesiredUser(username, externalId, active,
        Collections.unmodifiableMap(set), Collections.unmodifiableSet(clear), groups);
  }

  private static Set<String> toGroups(@Nullable Object value) {
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s);
        }
      }
    } else if (value instanceof String s && !s.isBlank()) {
      out.add(s);
    }
    return Collections.unmodifiableSet(out);
  }

  private static Object normalize(Object value) {
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        if (o != null) {
          copy.add(o);
        }
      }
      return List.copyOf(copy);
    }
    return value;
  }
}
