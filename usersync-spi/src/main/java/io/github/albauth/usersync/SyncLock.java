package io.github.albauth.usersync;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps two sync runs for the same source from running at once. The engine's default (its {@code
 * InJvmSyncLock}) works within one JVM; a cluster backs it with a distributed lock it already has
 * (the README shows a ShedLock adapter in a few lines).
 *
 * <p>Implementations must be thread-safe.
 */
public interface SyncLock {

  /**
   * Tries to take the lock without waiting.
   *
   * @param name the lock name (the engine uses {@code albauth-usersync-<source id>})
   * @param atMostFor how long the lock may be held before a crashed holder is presumed dead
   * @return a lease to close when the run ends, or empty when someone else holds the lock
   */
  Optional<Lease> tryAcquire(String name, Duration atMostFor);

  /** A held lock; closing it releases the lock. */
  interface Lease extends AutoCloseable {
    /** Releases the lock; idempotent. */
    @Override
    void close();
  }
}
