package io.github.albauth.usersync;

import java.util.Optional;

/**
 * Persists delta-sync state ({@link SyncState}) per source. The engine's default (its {@code
 * InMemorySyncStateStore}) forgets on restart (the next run is then a full sync); hosts persist it
 * in their database so that delta syncs survive restarts and crashed rounds resume from their last
 * committed page. To force a full sync, {@link #clear(String)} it (an expired token needs no help:
 * the source says {@link UserSyncException.Reason#DELTA_EXPIRED} and the engine starts over).
 *
 * <p>Implementations must be thread-safe; a save must be durable before it returns.
 */
public interface SyncStateStore {

  /**
   * Loads a source's state.
   *
   * @param source the source id
   * @return the state, or empty when no full sync has completed yet
   */
  Optional<SyncState> load(String source);

  /**
   * Saves a source's state, replacing the previous one.
   *
   * @param source the source id
   * @param state the state
   */
  void save(String source, SyncState state);

  /**
   * Forgets a source's state, so that the next delta sync starts with a full sync.
   *
   * @param source the source id
   */
  void clear(String source);
}
