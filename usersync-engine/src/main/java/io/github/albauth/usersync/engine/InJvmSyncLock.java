package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.SyncLock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SyncLock} that works within one JVM: the engine's default. It needs no lease expiry, as
 * a crashed holder takes the JVM with it. A cluster needs a lock that all its nodes share. Thread-safe.
 */
public final class InJvmSyncLock implements SyncLock {

  /** Creates a lock that no one holds. */
  public InJvmSyncLock() {}

  private final Set<String> held = ConcurrentHashMap.newKeySet();

  @Override
  public Optional<Lease> tryAcquire(String name, Duration atMostFor) {
    if (!held.add(name)) {
      return Optional.empty();
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return Optional.of(() -> {
      if (open.compareAndSet(true, false)) {
        held.remove(name);
      }
    });
  }
}
