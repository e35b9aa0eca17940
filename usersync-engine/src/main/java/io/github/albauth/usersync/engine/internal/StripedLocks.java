package io.github.albauth.usersync.engine.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work per key (a user) with a fixed number of lock stripes, so that login-time
 * provisioning and a sync never interleave on one user. Thread-safe.
 */
public final class StripedLocks {

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
    int h = key.hashCode();
    ReentrantLock lock = stripes[(h ^ (h >>> 16)) & (stripes.length - 1)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
