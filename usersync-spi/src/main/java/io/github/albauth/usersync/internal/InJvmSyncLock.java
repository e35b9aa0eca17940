package io.github.albauth.usersync.internal;

import io.github.albauth.usersync.SyncLock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The in-JVM {@link SyncLock}: a set of held names. Thread-safe. */
public final class InJvmSyncLock implements SyncLock {

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
