package io.github.albauth.usersync.store;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.UserUpdate;
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
 * A {@link UserStore} with every capability ({@link GroupStore}, {@link UserDeletion}), kept in
 * memory: the reference implementation that passes the store compliance kit, for tests and
 * prototypes. It counts writes ({@link #writes()}) so tests can check that a run wrote nothing.
 *
 * <p>Thread-safe: every method holds one lock; streams return snapshots.
 */
public final class InMemoryUserStore implements UserStore, GroupStore, UserDeletion {

  private final Object lock = new Object();
  private final Map<String, StoredUser> byUsername = new HashMap<>();
  private final Map<String, String> usernameByExternal = new HashMap<>();
  private final Map<String, StoredGroup> groups = new HashMap<>();
  private final Map<String, Set<String>> membersByGroup = new HashMap<>();
  private final Map<String, Set<String>> groupsByUser = new HashMap<>();
  /** (group, username) key to the source managing that membership; absent: the host's. */
  private final Map<String, String> membershipSource = new HashMap<>();
  private final AtomicLong writes = new AtomicLong();

  /** Creates an empty store. */
  public InMemoryUserStore() {}

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
      return Optional.ofNullable(byUsername.get(username));
    }
  }

  @Override
  public Optional<StoredUser> findByExternalId(String source, String externalId) {
    synchronized (lock) {
      String username = usernameByExternal.get(key(source, externalId));
      return username == null ? Optional.empty() : Optional.of(indexed(byUsername, username));
    }
  }

  @Override
  public void create(StoredUser user) {
    synchronized (lock) {
      if (byUsername.containsKey(user.username())) {
        throw new UserSyncException(Reason.CONFLICT, "username " + user.username() + " is taken");
      }
      String key = externalKey(user);
      if (key != null && usernameByExternal.containsKey(key)) {
        throw new UserSyncException(Reason.CONFLICT,
            "external id " + user.externalId() + " of " + user.source() + " is taken");
      }
      byUsername.put(user.username(), user);
      if (key != null) {
        usernameByExternal.put(key, user.username());
      }
      writes.incrementAndGet();
    }
  }

  @Override
  public void update(String username, UserUpdate update) {
    synchronized (lock) {
      StoredUser user = require(username);
      String newName = update.newUsername();
      if (newName != null && !newName.equals(username)) {
        if (byUsername.containsKey(newName)) {
          throw new UserSyncException(Reason.CONFLICT, "username " + newName + " is taken");
        }
        byUsername.remove(username);
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
      byUsername.put(updated.username(), updated);
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
        byUsername.put(username, user.withActive(active));
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
  public void delete(String username) {
    synchronized (lock) {
      StoredUser user = byUsername.remove(username);
      if (user == null) {
        return;
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
  public void addMember(String group, String username) {
    synchronized (lock) {
      require(username);
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
  public void addManagedMember(String group, String username, String source) {
    synchronized (lock) {
      require(username);
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
  public Stream<String> managedMemberships(String username, String source) {
    synchronized (lock) {
      return groupsByUser.getOrDefault(username, Set.of()).stream()
          .filter(g -> source.equals(membershipSource.get(key(g, username))))
          .toList().stream();
    }
  }

  @Override
  public void removeMember(String group, String username) {
    synchronized (lock) {
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
  public Stream<String> groupsOf(String username) {
    synchronized (lock) {
      return List.copyOf(groupsByUser.getOrDefault(username, Set.of())).stream();
    }
  }

  @Override
  public Stream<StoredGroup> managedGroups(String source) {
    synchronized (lock) {
      return groups.values().stream().filter(g -> g.isManagedBy(source)).toList().stream();
    }
  }

  private StoredUser require(String username) {
    StoredUser user = byUsername.get(username);
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

  private static String key(String source, String externalId) {
    return source + '\u0000' + externalId;
  }

  private static @Nullable String externalKey(StoredUser user) {
    return user.source() == null || user.externalId() == null
        ? null : key(user.source(), user.externalId());
  }
}
