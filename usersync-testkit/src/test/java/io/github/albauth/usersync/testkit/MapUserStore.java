package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.UserUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

// README: the "implementing the SPI" example, verbatim; ReadmeStoreComplianceTest checks both.
final class MapUserStore implements UserStore {
  private final Map<String, StoredUser> users = new HashMap<>(); // a real store uses its database
  @Override public synchronized Optional<StoredUser> findByUsername(String username) {
    return Optional.ofNullable(users.get(username));
  }
  @Override public synchronized Optional<StoredUser> findByExternalId(String source, String id) {
    return managedBy(source).filter(u -> id.equals(u.externalId())).findFirst();
  }
  @Override public synchronized void create(StoredUser user) {
    if (user.source() != null && findByExternalId(user.source(), user.externalId()).isPresent()
        || users.putIfAbsent(user.username(), user) != null) {
      throw new UserSyncException(Reason.CONFLICT, "taken: " + user.username());
    }
  }
  @Override public void update(String name, UserUpdate up) { change(name, u -> u.apply(up)); }
  @Override public void deactivate(String name) { change(name, u -> u.withActive(false)); }
  @Override public void reactivate(String name) { change(name, u -> u.withActive(true)); }
  @Override public synchronized Stream<StoredUser> managedBy(String source) {
    return users.values().stream().filter(u -> u.isManagedBy(source)).toList().stream();
  }
  private synchronized void change(String name, UnaryOperator<StoredUser> change) {
    StoredUser user = change.apply(Optional.ofNullable(users.get(name))
        .orElseThrow(() -> new UserSyncException(Reason.NOT_FOUND, "no user " + name)));
    if (!user.username().equals(name) && users.containsKey(user.username())) {
      throw new UserSyncException(Reason.CONFLICT, "taken: " + user.username());
    }
    users.remove(name);
    users.put(user.username(), user);
  }
}
