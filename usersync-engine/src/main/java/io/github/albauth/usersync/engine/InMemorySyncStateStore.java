package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SyncStateStore} that keeps delta state in memory: the engine's default. State is lost
 * on restart, so the next delta sync after a restart is a full sync. Thread-safe.
 */
public final class InMemorySyncStateStore implements SyncStateStore {

  /** Creates an empty store. */
  public InMemorySyncStateStore() {}

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
