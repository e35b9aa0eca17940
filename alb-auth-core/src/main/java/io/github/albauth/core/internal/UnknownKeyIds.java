package io.github.albauth.core.internal;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The negative cache: key ids the key server said it does not know, each remembered for a time to
 * live. Bounded; when full, the least-recently asked entry goes, one at a time, so that a flood of
 * one-off junk key ids evicts other junk, not a key id that requests keep asking for (and never
 * the whole cache at once). Thread-safe (one lock; only positive-cache misses come here).
 */
final class UnknownKeyIds {
  private final int maxEntries;
  private final long ttlMillis;
  private final Clock clock;
  /** Key id to the time it is forgotten, in access order: least-recently asked first. */
  private final LinkedHashMap<String, Long> untilMillis = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * Creates the cache.
   *
   * @param maxEntries the bound, at least 1
   * @param ttlMillis how long an unknown key id is remembered; 0 remembers nothing
   * @param clock the clock
   */
  UnknownKeyIds(int maxEntries, long ttlMillis, Clock clock) {
    this.maxEntries = maxEntries;
    this.ttlMillis = ttlMillis;
    this.clock = clock;
  }

  /**
   * Tells whether a key id is remembered as unknown, and marks it as recently asked.
   *
   * @param kid the (canonical) key id
   * @return true until its time to live has passed
   */
  synchronized boolean contains(String kid) {
    Long until = untilMillis.get(kid);
    if (until == null) {
      return false;
    }
    if (clock.millis() < until) {
      return true;
    }
    untilMillis.remove(kid);
    return false;
  }

  /**
   * Remembers a key id as unknown.
   *
   * @param kid the (canonical) key id
   */
  synchronized void add(String kid) {
    if (ttlMillis <= 0) {
      return;
    }
    long now = clock.millis();
    untilMillis.remove(kid);
    Iterator<Long> eldest = untilMillis.values().iterator();
    while (untilMillis.size() >= maxEntries && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
    untilMillis.put(kid, now + ttlMillis);
  }

  /** Number of entries, expired ones included until asked for, for tests. */
  synchronized int size() {
    return untilMillis.size();
  }
}
