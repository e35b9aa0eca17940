package io.github.albauth.core.internal;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which key ids may be fetched: at most {@code perSecond} fetches start per clock second
 * (the backstop against a client spraying random key ids), and within that budget a key id that
 * more refused requests are waiting for goes first.
 *
 * <p>Why a genuinely new key id gets in within about a second, however many one-off junk key ids
 * arrive: every key id refused for lack of budget is remembered with its <em>demand</em>, the
 * number of requests refused for it (bounded table, forgotten a minute after its last request).
 * <ul>
 *   <li>A key id asked for the first time (demand 1) may use only {@code perSecond - reserve}
 *       slots of a second; the last {@code reserve} slots are kept for key ids asked for again.
 *       Junk made of one-off random key ids therefore never gets them.</li>
 *   <li>A key id asked for again may take a slot only while more slots are free than there are
 *       key ids with a strictly higher demand that were asked for in this or the previous
 *       second: slots go to the most-wanted key ids first.</li>
 * </ul>
 * A new ALB key id is in every user's next token, so it is asked for again at once: on its second
 * request (or in the next second, at the latest) it finds a reserved slot. To keep it out, an
 * attacker has to fill the reserved slots every second with key ids asked for more often than the
 * genuine one, which costs more requests each second because the genuine key id's demand keeps
 * growing while it waits; and each of those key ids spends its slot and is then remembered as
 * unknown, so it cannot be reused.
 *
 * <p>The table of waiting key ids is bounded; when full, the least-recently asked key id with the
 * lowest demand goes, so one-off junk evicts other one-off junk, not a key id many requests want.
 * Thread-safe (one lock; only cache misses that would fetch come here).
 */
final class FetchBudget {
  /** How long a waiting key id's demand is remembered after its last request. */
  static final long DEMAND_MEMORY_MILLIS = 60_000;

  private final int perSecond;
  private final int reserve;
  private final int maxWaiting;
  private final Clock clock;

  /** Key id to its demand, least-recently asked first. */
  private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
  private long window = Long.MIN_VALUE;
  private int used;

  private static final class Waiting {
    int demand;
    long lastSecond;
  }

  /** Whether a fetch may start, and if not, why. */
  static final class Decision {
    static final Decision GRANTED = new Decision(true, 0, 0);

    final boolean granted;
    /** Requests refused for this key id so far, this one included. */
    final int demand;
    /** Key ids asked for more often that the free slots were kept for. */
    final int ahead;

    private Decision(boolean granted, int demand, int ahead) {
      this.granted = granted;
      this.demand = demand;
      this.ahead = ahead;
    }
  }

  /**
   * Creates a budget.
   *
   * @param perSecond fetches per clock second, at least 1
   * @param maxWaiting how many refused key ids are remembered, at least 1
   * @param clock the clock
   */
  FetchBudget(int perSecond, int maxWaiting, Clock clock) {
    this.perSecond = perSecond;
    this.reserve = perSecond >= 2 ? Math.max(1, perSecond / 5) : 0;
    this.maxWaiting = maxWaiting;
    this.clock = clock;
  }

  /** Slots of each second that only key ids asked for before may use. */
  int reserve() {
    return reserve;
  }

  /**
   * Asks for a fetch slot for a (canonical) key id.
   *
   * @param kid the key id
   * @return granted, or refused with the key id's demand and how many are ahead of it
   */
  synchronized Decision tryAcquire(String kid) {
    long second = Math.floorDiv(clock.millis(), 1000L);
    if (second != window) {
      window = second;
      used = 0;
      forgetStale(second);
    }
    Waiting entry = waiting.get(kid);
    int demand = entry == null ? 1 : entry.demand + 1;
    int free = perSecond - used - (demand == 1 ? reserve : 0);
    int ahead = free > 0 ? countAhead(kid, demand, second, free) : 0;
    if (free > 0 && ahead < free) {
      used++;
      if (entry != null) {
        waiting.remove(kid);
      }
      return Decision.GRANTED;
    }
    if (entry == null) {
      if (waiting.size() >= maxWaiting) {
        evictOne();
      }
      entry = new Waiting();
    } else {
      waiting.remove(kid); // re-inserted below: most recently asked last
    }
    entry.demand = demand;
    entry.lastSecond = second;
    waiting.put(kid, entry);
    return new Decision(false, demand, ahead);
  }

  /** Other key ids asked for this or last second with a higher demand, counted up to {@code limit}. */
  private int countAhead(String kid, int demand, long second, int limit) {
    int ahead = 0;
    for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
      Waiting w = e.getValue();
      if (w.demand > demand && w.lastSecond >= second - 1 && !e.getKey().equals(kid) && ++ahead >= limit) {
        break;
      }
    }
    return ahead;
  }

  /** Drops the least-recently asked key id among those with the lowest demand. */
  private void evictOne() {
    String victim = null;
    int lowest = Integer.MAX_VALUE;
    for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
      if (e.getValue().demand < lowest) {
        lowest = e.getValue().demand;
        victim = e.getKey();
        if (lowest == 1) {
          break; // the least-recently asked one-off: nothing ranks lower
        }
      }
    }
    waiting.remove(victim);
  }

  private void forgetStale(long second) {
    long oldest = second - DEMAND_MEMORY_MILLIS / 1000;
    for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
      if (it.next().lastSecond < oldest) {
        it.remove();
      } else {
        break; // least-recently asked first: the rest are newer
      }
    }
  }

  /** Number of remembered waiting key ids, for tests. */
  synchronized int waitingCount() {
    return waiting.size();
  }
}
