package io.github.albauth.usersync.store;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.Usernames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link UserStore} with every capability ({@link GroupStore}, {@link UserDeletion}, {@link
 * SubjectBindings}), kept in memory: the reference implementation that passes the store compliance
 * kit, for tests and prototypes. It counts writes ({@link #writes()}) so tests can check that a run
 * wrote nothing. Usernames are case-sensitive ({@link #InMemoryUserStore()}) or not ({@link
 * #caseInsensitive()}); a case-insensitive store keeps each name as it was first spelled.
 *
 * <p>Thread-safe: every method holds one lock; streams return snapshots.
 */
public final class InMemoryUserStore
    implements UserStore, GroupStore, UserDeletion, SubjectBindings {

  private final Object lock = new Object();
  private final boolean caseSensitive;
  /** {@link Usernames#key} of the username to the user; the other indexes use the stored spelling. */
  private final Map<String, StoredUser> byUsername = new HashMap<>();
  private final Map<String, String> usernameByExternal = new HashMap<>();
  private final Map<String, StoredGroup> groups = new HashMap<>();
  private final Map<String, Set<String>> membersByGroup = new HashMap<>();
  private final Map<String, Set<String>> groupsByUser = new HashMap<>();
  /** (group, username) key to the source managing that membership; absent: the host's. */
  private final Map<String, String> membershipSource = new HashMap<>();
  /** Stored spelling of the username to its bound subject, and back. */
  private final Map<String, IdpSubject> subjectByUser = new HashMap<>();
  private final Map<IdpSubject, String> userBySubject = new HashMap<>();
  private final AtomicLong writes = new AtomicLong();

  /** Creates an empty store whose usernames are case-sensitive. */
  public InMemoryUserStore() {
    this(true);
  }

  private InMemoryUserStore(boolean caseSensitive) {
    this.caseSensitive = caseSensitive;
  }

  /**
   * Creates an empty store in which usernames that differ only in case ({@link Usernames#key}) are
   * one name, like a database with a case-insensitive collation.
   *
   * @return the store
   */
  public static InMemoryUserStore caseInsensitive() {
    return new InMemoryUserStore(false);
  }

  @Override
  public boolean caseSensitiveUsernames() {
    return caseSensitive;
  }

  /** {@return how many writes (create, update, (de|re)activate, delete, group changes) happened} */
  public long writes() {
    return writes.get();
  }

  /** {@return the number of users} */
  public int size() {
    synchronized (lock) {
      return byUsername.size();
    }
  }

  @Override
  public Optional<StoredUser> findByUsername(String username) {
    synchronized (lock) {
      return Optional.ofNullable(byUsername.get(key(username)));
    }
  }

  @Override
  public Optional<StoredUser> findByExternalId(String source, String externalId) {
    synchronized (lock) {
      String username = usernameByExternal.get(key(source, externalId));
      return username == null ? Optional.empty() : Optional.of(indexed(byUsername, key(username)));
    }
  }

  @Override
  public void create(StoredUser user) {
    synchronized (lock) {
      if (byUsername.containsKey(key(user.username()))) {
        throw new UserSyncException(Reason.CONFLICT, "username " + user.username() + " is taken");
      }
      String key = externalKey(user);
      if (key != null && usernameByExternal.containsKey(key)) {
        throw new UserSyncException(Reason.CONFLICT,
            "external id " + user.externalId() + " of " + user.source() + " is taken");
      }
      byUsername.put(key(user.username()), user);
      if (key != null) {
        usernameByExternal.put(key, user.username());
      }
      writes.incrementAndGet();
    }
  }

  @Override
  public void update(String name, UserUpdate update) {
    synchronized (lock) {
      StoredUser user = require(name);
      String username = user.username();
      String newName = update.newUsername();
      if (newName != null && !newName.equals(username)) {
        // a case-only rename in a case-insensitive store keeps the user's own key
        if (!key(newName).equals(key(username)) && byUsername.containsKey(key(newName))) {
          throw new UserSyncException(Reason.CONFLICT, "username " + newName + " is taken");
        }
        byUsername.remove(key(username));
        IdpSubject subject = subjectByUser.remove(username);
        if (subject != null) {
          subjectByUser.put(newName, subject);
          userBySubject.put(subject, newName);
        }
        Set<String> memberships = groupsByUser.remove(username);
        if (memberships != null) {
          groupsByUser.put(newName, memberships);
          memberships.forEach(g -> {
            Set<String> members = indexed(membersByGroup, g);
            members.remove(username);
            members.add(newName);
            String managing = membershipSource.remove(key(g, username));
            if (managing != null) {
              membershipSource.put(key(g, newName), managing);
            }
          });
        }
      }
      StoredUser updated = user.apply(update);
      byUsername.put(key(updated.username()), updated);
      String key = externalKey(updated);
      if (key != null) {
        usernameByExternal.put(key, updated.username());
      }
      writes.incrementAndGet();
    }
  }

  @Override
  public void deactivate(String username) {
    setActive(username, false);
  }

  @Override
  public void reactivate(String username) {
    setActive(username, true);
  }

  private void setActive(String username, boolean active) {
    synchronized (lock) {
      StoredUser user = require(username);
      if (user.active() != active) {
        byUsername.put(key(username), user.withActive(active));
        writes.incrementAndGet();
      }
    }
  }

  @Override
  public Stream<StoredUser> managedBy(String source) {
    synchronized (lock) {
      List<StoredUser> list = new ArrayList<>();
      for (StoredUser u : byUsername.values()) {
        if (u.isManagedBy(source)) {
          list.add(u);
        }
      }
      return list.stream();
    }
  }

  @Override
  public void delete(String name) {
    synchronized (lock) {
      StoredUser user = byUsername.remove(key(name));
      if (user == null) {
        return;
      }
      String username = user.username();
      IdpSubject subject = subjectByUser.remove(username);
      if (subject != null) {
        userBySubject.remove(subject);
      }
      String key = externalKey(user);
      if (key != null) {
        usernameByExternal.remove(key);
      }
      Set<String> memberships = groupsByUser.remove(username);
      if (memberships != null) {
        memberships.forEach(g -> {
          indexed(membersByGroup, g).remove(username);
          membershipSource.remove(key(g, username));
        });
      }
      writes.incrementAndGet();
    }
  }

  @Override
  public Optional<StoredGroup> findGroup(String name) {
    synchronized (lock) {
      return Optional.ofNullable(groups.get(name));
    }
  }

  @Override
  public void createGroup(StoredGroup group) {
    synchronized (lock) {
      if (groups.putIfAbsent(group.name(), group) != null) {
        throw new UserSyncException(Reason.CONFLICT, "group " + group.name() + " exists");
      }
      membersByGroup.put(group.name(), new HashSet<>());
      writes.incrementAndGet();
    }
  }

  @Override
  public void renameGroup(String name, String newName) {
    synchronized (lock) {
      StoredGroup group = groups.get(name);
      if (group == null) {
        throw new UserSyncException(Reason.NOT_FOUND, "no group " + name);
      }
      if (name.equals(newName)) {
        return;
      }
      if (groups.containsKey(newName)) {
        throw new UserSyncException(Reason.CONFLICT, "group " + newName + " exists");
      }
      groups.remove(name);
      groups.put(newName, new StoredGroup(newName, group.source(), group.externalId()));
      Set<String> members = indexed(membersByGroup, name);
      membersByGroup.remove(name);
      membersByGroup.put(newName, members);
      for (String username : members) {
        Set<String> of = indexed(groupsByUser, username);
        of.remove(name);
        of.add(newName);
        String managing = membershipSource.remove(key(name, username));
        if (managing != null) {
          membershipSource.put(key(newName, username), managing);
        }
      }
      writes.incrementAndGet();
    }
  }

  @Override
  public void addMember(String group, String name) {
    synchronized (lock) {
      String username = require(name).username();
      Set<String> members = membersByGroup.get(group);
      if (members == null) {
        throw new UserSyncException(Reason.NOT_FOUND, "no group " + group);
      }
      if (members.add(username)) {
        groupsByUser.computeIfAbsent(username, u -> new HashSet<>()).add(group);
        writes.incrementAndGet();
      }
    }
  }

  @Override
  public void addManagedMember(String group, String name, String source) {
    synchronized (lock) {
      String username = require(name).username();
      Set<String> members = membersByGroup.get(group);
      if (members == null) {
        throw new UserSyncException(Reason.NOT_FOUND, "no group " + group);
      }
      if (members.add(username)) {
        groupsByUser.computeIfAbsent(username, u -> new HashSet<>()).add(group);
        membershipSource.put(key(group, username), source);
        writes.incrementAndGet();
      }
    }
  }

  @Override
  public Stream<String> managedMembers(String group, String source) {
    synchronized (lock) {
      return membersByGroup.getOrDefault(group, Set.of()).stream()
          .filter(u -> source.equals(membershipSource.get(key(group, u))))
          .toList().stream();
    }
  }

  @Override
  public Stream<String> managedMemberships(String name, String source) {
    synchronized (lock) {
      String username = spelling(name);
      return groupsByUser.getOrDefault(username, Set.of()).stream()
          .filter(g -> source.equals(membershipSource.get(key(g, username))))
          .toList().stream();
    }
  }

  @Override
  public void removeMember(String group, String name) {
    synchronized (lock) {
      String username = spelling(name);
      Set<String> members = membersByGroup.get(group);
      if (members != null && members.remove(username)) {
        indexed(groupsByUser, username).remove(group);
        membershipSource.remove(key(group, username));
        writes.incrementAndGet();
      }
    }
  }

  @Override
  public Stream<String> members(String group) {
    synchronized (lock) {
      return List.copyOf(membersByGroup.getOrDefault(group, Set.of())).stream();
    }
  }

  @Override
  public Stream<String> groupsOf(String name) {
    synchronized (lock) {
      return List.copyOf(groupsByUser.getOrDefault(spelling(name), Set.of())).stream();
    }
  }

  @Override
  public Stream<StoredGroup> managedGroups(String source) {
    synchronized (lock) {
      return groups.values().stream().filter(g -> g.isManagedBy(source)).toList().stream();
    }
  }

  @Override
  public Optional<IdpSubject> boundSubject(String username) {
    synchronized (lock) {
      return Optional.ofNullable(subjectByUser.get(spelling(username)));
    }
  }

  @Override
  public IdpSubject bind(String name, IdpSubject subject) {
    synchronized (lock) {
      String username = require(name).username();
      IdpSubject bound = subjectByUser.get(username);
      if (bound != null) {
        return bound;
      }
      if (userBySubject.containsKey(subject)) {
        throw new UserSyncException(Reason.CONFLICT, "the subject is bound to another user");
      }
      subjectByUser.put(username, subject);
      userBySubject.put(subject, username);
      writes.incrementAndGet();
      return subject;
    }
  }

  private StoredUser require(String username) {
    StoredUser user = byUsername.get(key(username));
    if (user == null) {
      throw new UserSyncException(Reason.NOT_FOUND, "no user " + username);
    }
    return user;
  }

  /**
   * The entry that the other indexes promise {@code index} holds for {@code key}: all indexes
   * change together under the lock.
   */
  private static <K, V> V indexed(Map<K, V> index, K key) {
    return Objects.requireNonNull(index.get(key), () -> "indexes out of step at " + key);
  }

  /** The user's name as stored, or {@code name} itself when there is no such user. */
  private String spelling(String name) {
    StoredUser user = byUsername.get(key(name));
    return user == null ? name : user.username();
  }

  private String key(String username) {
    return Usernames.key(username, caseSensitive);
  }

  private static String key(String source, String externalId) {
    return source + '\u0000' + externalId;
  }

  private static @Nullable String externalKey(StoredUser user) {
    return user.source() == null || user.externalId() == null
        ? null : key(user.source(), user.externalId());
  }
}
