package io.github.albauth.servlet.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Remembers the outcome of provisioning a user for a while, so that the user store is asked once
 * per user per interval rather than on every request; concurrent first requests of one user share
 * one provisioning call. Failures are not remembered. Bounded: when full, expired entries go first,
 * then arbitrary ones.
 *
 * <p>Thread-safe.
 *
 * @param <V> the cached outcome
 */
public final class ProvisioningCache<V> {

  private final Clock clock;
  private final Duration ttl;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

  /**
   * Creates the cache.
   *
   * @param clock the time source
   * @param ttl how long an outcome is reused; zero disables caching (every request provisions)
   * @param maxEntries the bound on remembered users
   */
  public ProvisioningCache(Clock clock, Duration ttl, int maxEntries) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("provisioning cache ttl must not be negative, was " + ttl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException(
          "provisioning cache size must be at least 1, was " + maxEntries);
    }
    this.clock = clock;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
  }

  /**
   * Returns the remembered outcome for a key, or computes it (once, however many threads ask).
   *
   * @param key identifies the user
   * @param provisioning computes the outcome; its exception propagates to every waiting caller
   * @return the outcome
   */
  public V get(String key, Supplier<V> provisioning) {
    if (ttl.isZero()) {
      return provisioning.get();
    }
    Instant now = clock.instant();
    Entry<V> existing = entries.get(key);
    if (existing != null && (!existing.future.isDone() || now.isBefore(existing.expiresAt))) {
      return join(existing, key);
    }
    Entry<V> mine = new Entry<>(new CompletableFuture<>(), now.plus(ttl));
    Entry<V> winner = existing == null
        ? entries.putIfAbsent(key, mine)
        : (entries.replace(key, existing, mine) ? null : entries.get(key));
    if (winner != null) {
      return join(winner, key);
    }
    evictIfFull(now);
    try {
      V value = provisioning.get();
      mine.future.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      entries.remove(key, mine);
      mine.future.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Forgets one user, so the next request provisions again.
   *
   * @param key identifies the user
   */
  public void invalidate(String key) {
    entries.remove(key);
  }

  /** Returns how many users are remembered. */
  public int size() {
    return entries.size();
  }

  private V join(Entry<V> entry, String key) {
    try {
      return entry.future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for provisioning of a user", e);
    } catch (ExecutionException e) {
      entries.remove(key, entry);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void evictIfFull(Instant now) {
    if (entries.size() <= maxEntries) {
      return;
    }
    entries.values().removeIf(e -> e.future.isDone() && !now.isBefore(e.expiresAt));
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (entries.size() > maxEntries && it.hasNext()) {
      if (it.next().getValue().future.isDone()) {
        it.remove();
      }
    }
  }

  private static final class Entry<V> {
    final CompletableFuture<V> future;
    final Instant expiresAt;

    Entry(CompletableFuture<V> future, Instant expiresAt) {
      this.future = future;
      this.expiresAt = expiresAt;
    }
  }
}
