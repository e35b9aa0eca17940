package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.SyncLock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SyncLock} that works within one JVM: the engine's default. Every instance shares one
 * JVM-wide set of held names (per class loader), so two engines for the same source, each with its
 * own {@code new InJvmSyncLock()}, still never run at once; engines for different sources do not
 * wait for each other. It needs no lease expiry, as a crashed holder takes the JVM with it, and it
 * is not reentrant (a run that starts another for its own source gets {@code ALREADY_RUNNING}).
 *
 * <p>A cluster needs a lock that all its nodes share: back {@link SyncLock} with a distributed lock
 * the host already has (the README shows ShedLock), and keep the store's unique constraints on
 * username and (source, external id), which is what serialises a login on one node against a sync
 * on another. Thread-safe.
 */
public final class InJvmSyncLock implements SyncLock {

  /** The names held in this JVM, shared by every instance. */
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

  /** Creates a handle on the JVM-wide lock table. */
  public InJvmSyncLock() {}

  /**
   * Returns whether a run in this JVM holds the name, for diagnostics.
   *
   * @param name the lock name ({@code albauth-usersync-<source id>})
   * @return whether it is held
   */
  public boolean isHeld(String name) {
    return HELD.contains(name);
  }

  @Override
  public Optional<Lease> tryAcquire(String name, Duration atMostFor) {
    if (!HELD.add(name)) {
      return Optional.empty();
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return Optional.of(() -> {
      if (open.compareAndSet(true, false)) {
        HELD.remove(name);
      }
    });
  }
}
