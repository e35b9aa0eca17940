package io.github.albauth.usersync.connectors.keycloak.internal;

import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.connectors.support.Paging;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One listing read from several offset-paged listings one after the other (the members of each
 * chosen group; or just the realm's users), as one lazy stream in which each id appears once, and
 * whether the whole of it was read.
 *
 * <p>The stream has one consumer; {@link #complete()} may be asked from any thread.
 *
 * @param <T> the item type
 */
public final class Listing<T> {

  private final List<OffsetPager<T>> parts = new ArrayList<>();
  private int current;
  private volatile boolean complete;

  /**
   * Prepares the listing; nothing is fetched yet.
   *
   * @param what the listing, for log lines
   * @param pageSize how many items a page holds
   * @param idOf an item's immutable id
   * @param fetches the parts, read in this order
   */
  public Listing(String what, int pageSize, Function<T, String> idOf,
      List<OffsetPager.Fetch<T>> fetches) {
    if (fetches.isEmpty()) {
      throw new IllegalArgumentException(what + ": a listing needs at least one part");
    }
    Set<String> delivered = new HashSet<>();
    for (OffsetPager.Fetch<T> fetch : fetches) {
      parts.add(new OffsetPager<>(what, pageSize, fetch, idOf, delivered));
    }
  }

  /**
   * {@return a lazy stream of every part's items, the next page fetched while the consumer works on
   * this one}
   */
  public Stream<T> stream() {
    return Paging.prefetching(cursor -> nextPage());
  }

  /** {@return whether every part was read to its end, with no gap left by shifting items} */
  public boolean complete() {
    return complete;
  }

  private Page<T> nextPage() {
    Page<T> page = parts.get(current).nextPage();
    if (page.nextCursor() != null) {
      return new Page<>(page.items(), current + ":" + page.nextCursor());
    }
    current++;
    if (current < parts.size()) {
      return new Page<>(page.items(), current + ":0");
    }
    complete = parts.stream().allMatch(OffsetPager::complete);
    return page;
  }
}
