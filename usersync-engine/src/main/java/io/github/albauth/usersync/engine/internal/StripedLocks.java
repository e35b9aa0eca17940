package io.github.albauth.usersync.engine.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work per key (a user) with a fixed number of lock stripes, so that login-time
 * provisioning and a sync never interleave on one user. {@link #USERS} is shared by every engine in
 * the JVM, so two engines for one source (and one store) serialise on the same user too.
 * Thread-safe.
 */
public final class StripedLocks {

  /** The JVM-wide per-user locks, keyed by source id and external id. */
  public static final StripedLocks USERS = new StripedLocks(1024);

  private final ReentrantLock[] stripes;

  /**
   * Creates the locks.
   *
   * @param count the number of stripes, a power of two
   */
  public StripedLocks(int count) {
    if (Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("stripe count must be a power of two, got " + count);
    }
    stripes = new ReentrantLock[count];
    for (int i = 0; i < count; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /**
   * Runs work while holding the key's stripe.
   *
   * @param key the key
   * @param work the work
   * @param <T> the result type
   */
  public <T> T with(String key, Supplier<T> work) {
    return withHash(key.hashCode(), work);
  }

  /**
   * Runs work while holding the stripe of a two-part key (a source id and an external id).
   *
   * @param scope the first part
   * @param key the second part
   * @param work the work
   * @param <T> the result type
   */
  public <T> T with(String scope, String key, Supplier<T> work) {
    return withHash(31 * scope.hashCode() + key.hashCode(), work);
  }

  /**
   * Returns the stripe of a two-part key, for a caller that locks and unlocks it itself (in a
   * {@code try}/{@code finally}) rather than allocating a {@link Supplier} per call.
   *
   * @param scope the first part
   * @param key the second part
   */
  public ReentrantLock stripe(String scope, String key) {
    return stripe(31 * scope.hashCode() + key.hashCode());
  }

  private ReentrantLock stripe(int h) {
    return stripes[(h ^ (h >>> 16)) & (stripes.length - 1)];
  }

  private <T> T withHash(int h, Supplier<T> work) {
    ReentrantLock lock = stripe(h);
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
