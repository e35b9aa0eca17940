package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.UserUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

// README: the "implementing the SPI" example, verbatim; ReadmeStoreComplianceTest checks it.
final class MapUserStore implements UserStore {
  private final Map<String, StoredUser> users = new HashMap<>(); // a real store uses its database

  @Override public synchronized Optional<StoredUser> findByUsername(String username) {
    return Optional.ofNullable(users.get(username));
  }
  @Override public synchronized Optional<StoredUser> findByExternalId(String source, String id) {
    return users.values().stream()
        .filter(u -> u.isManagedBy(source) && id.equals(u.externalId())).findFirst();
  }
  @Override public synchronized void create(StoredUser user) {
    if (users.containsKey(user.username()) || user.source() != null
        && findByExternalId(user.source(), user.externalId()).isPresent()) {
      throw new UserSyncException(Reason.CONFLICT, "taken: " + user.username());
    }
    users.put(user.username(), user);
  }
  @Override public synchronized void update(String username, UserUpdate update) {
    StoredUser user = get(username);
    String name = update.newUsername() == null ? username : update.newUsername();
    if (!name.equals(username) && users.containsKey(name)) {
      throw new UserSyncException(Reason.CONFLICT, "taken: " + name);
    }
    users.remove(username);
    users.put(name, user.apply(update));
  }
  @Override public synchronized void deactivate(String username) {
    users.put(username, get(username).withActive(false));
  }
  @Override public synchronized void reactivate(String username) {
    users.put(username, get(username).withActive(true));
  }
  @Override public synchronized Stream<StoredUser> managedBy(String source) {
    return users.values().stream().filter(u -> u.isManagedBy(source)).toList().stream();
  }
  private StoredUser get(String username) {
    StoredUser user = users.get(username);
    if (user == null) {
      throw new UserSyncException(Reason.NOT_FOUND, "no user " + username);
    }
    return user;
  }
}
