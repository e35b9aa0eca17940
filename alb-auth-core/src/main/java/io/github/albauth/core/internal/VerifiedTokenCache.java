package io.github.albauth.core.internal;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * A bounded cache of verified tokens, keyed by the exact token string, whose entries expire at
 * a given instant (the token's {@code exp} plus clock skew). When full, expired entries are
 * purged first, then arbitrary ones down to 90% of the bound. Thread-safe.
 *
 * @param <V> the cached value (the verified identity)
 */
public final class VerifiedTokenCache<V> {
  private final int maxEntries;
  private final ConcurrentMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

  /**
   * Creates a cache.
   *
   * @param maxEntries the bound
   */
  public VerifiedTokenCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /**
   * Returns the value for a token if cached and not expired.
   *
   * @param token the exact token string
   * @param nowMillis the current time
   * @return the value, or null
   */
  public @Nullable V get(String token, long nowMillis) {
    Entry<V> entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (nowMillis > entry.validUntilMillis) {
      entries.remove(token, entry);
      return null;
    }
    return entry.value;
  }

  /**
   * Caches a value until an instant.
   *
   * @param token the exact token string
   * @param value the value
   * @param validUntilMillis last millisecond the value may be served
   * @param nowMillis the current time
   */
  public void put(String token, V value, long validUntilMillis, long nowMillis) {
    if (entries.size() >= maxEntries) {
      // Purge in bulk so that a full cache does not scan on every insert.
      entries.values().removeIf(e -> nowMillis > e.validUntilMillis);
      int target = maxEntries - Math.max(1, maxEntries / 10);
      Iterator<String> it = entries.keySet().iterator();
      while (entries.size() > target && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    entries.put(token, new Entry<>(value, validUntilMillis));
  }

  /**
   * Returns the number of entries (expired ones included until purged).
   *
   * @return the size
   */
  public int size() {
    return entries.size();
  }

  private static final class Entry<V> {
    final V value;
    final long validUntilMillis;

    Entry(V value, long validUntilMillis) {
      this.value = value;
      this.validUntilMillis = validUntilMillis;
    }
  }
}
