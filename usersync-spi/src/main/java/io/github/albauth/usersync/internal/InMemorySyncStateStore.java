package io.github.albauth.usersync.internal;

import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link SyncStateStore}. Thread-safe. */
public final class InMemorySyncStateStore implements SyncStateStore {

  private final Map<String, SyncState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<SyncState> load(String source) {
    return Optional.ofNullable(states.get(source));
  }

  @Override
  public void save(String source, SyncState state) {
    states.put(source, state);
  }

  @Override
  public void clear(String source) {
    states.remove(source);
  }
}
