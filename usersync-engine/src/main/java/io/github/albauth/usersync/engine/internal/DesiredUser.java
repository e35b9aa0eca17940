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
import java.util.Set;
import java.util.function.BiConsumer;
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
    Collector c = new Collector(user, settings);
    result.attributes().forEach(c); // no iterator or entry wrappers per attribute
    String username = c.username;
    if (username == null) {
      throw new UserSyncException(
          UserSyncException.Reason.INVALID_USER,
          "mapping yielded no username for source user " + user.id() + "; map username");
    }
    String canonical = canonical(username);
    if (canonical == null) {
      Usernames.Result refused = Usernames.canonicalize(username);
      throw new RefusedName(c.externalId, "username of source user " + user.id() + " refused ("
          + refused.refusal() + "): " + refused.reason());
    }
    Set<String> clear = c.clear;
    return new DesiredUser(canonical, c.externalId, c.active, Collections.unmodifiableMap(c.set),
        clear == null ? Set.of() : Collections.unmodifiableSet(clear), c.groups);
  }

  /**
   * The canonical form of a username ({@link Usernames#canonicalize}), or null when it has none.
   * A name of printable ASCII (U+0020 to U+007E) with at least one character that is not a space
   * is already canonical: ASCII is NFC, and none of it is a control, bidirectional, zero-width or
   * surrogate character; that common case is answered without the normaliser (a test checks that
   * the two agree).
   */
  static @Nullable String canonical(String name) {
    int n = name.length();
    boolean blank = true;
    for (int i = 0; i < n; i++) {
      char ch = name.charAt(i);
      if (ch < 0x20 || ch > 0x7E) {
        return Usernames.canonicalize(name).username();
      }
      blank &= ch == ' ';
    }
    return blank ? Usernames.canonicalize(name).username() : name;
  }

  /** Reads one mapping result's attributes, in order, applying the missing-value policies. */
  private static final class Collector implements BiConsumer<String, @Nullable Object> {
    private final SourceUser user;
    private final EngineSettings settings;
    final Map<String, Object> set = new LinkedHashMap<>();
    @Nullable Set<String> clear;
    @Nullable String username;
    String externalId;
    boolean active = true;
    @Nullable Set<String> groups;

    Collector(SourceUser user, EngineSettings settings) {
      this.user = user;
      this.settings = settings;
      this.externalId = user.id();
    }

    @Override
    public void accept(String name, @Nullable Object mapped) {
      Object value = mapped;
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
          return;
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
            Set<String> c = clear;
            if (c == null) {
              c = new LinkedHashSet<>();
              clear = c;
            }
            c.add(name);
          } else {
            set.put(name, normalize(value));
          }
        }
      }
    }
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
