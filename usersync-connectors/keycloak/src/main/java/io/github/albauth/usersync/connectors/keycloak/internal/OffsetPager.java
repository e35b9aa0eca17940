package io.github.albauth.usersync.connectors.keycloak.internal;

import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.connectors.support.Paging;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through an offset-paged listing (Keycloak's {@code first}/{@code max}, sorted by username
 * or group name) so that items shifting while it pages neither hide an item nor repeat one.
 *
 * <p>Offsets count positions in a listing that can change between two requests: a user created or
 * deleted before the current position moves every later user by one, and plain offset paging then
 * skips or repeats a user. So every page after the first starts one position early, at the last
 * item of the page before (the anchor). When the anchor is on the page, nothing that was after it
 * can be before the page. When it is missing (items before it were deleted, or it was itself
 * deleted or renamed), the page is fetched again from one page further back; that window is sound
 * when it starts at the beginning or holds an item of the page before, else {@link #complete()}
 * says false (more than a page of deletions between two requests).
 *
 * <p>Every id is delivered at most once (items that shifted onto a later page come again, and so
 * does a user renamed to a name after the position), which needs the set of ids delivered so far.
 * Items created before the position while it pages are delivered when a page still shows them,
 * else not. A user renamed from after the position to before it can be missed without a trace:
 * the count the source gives ({@code /users/count}), which the engine compares with the users
 * delivered, shows that.
 *
 * <p>Not thread-safe: one instance per listing, read by one consumer (the prefetching stream
 * fetches one page at a time, each after the one before completed).
 *
 * @param <T> the item type
 */
public final class OffsetPager<T> {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetPager.class);

  /**
   * Fetches the items at positions {@code first} to {@code first + max - 1} (fewer at the end).
   *
   * @param <T> the item type
   */
  @FunctionalInterface
  public interface Fetch<T> {

    /**
     * Fetches one page.
     *
     * @param first the position of the first item, from 0
     * @param max how many items at most
     * @return the items, in listing order
     */
    List<T> fetch(int first, int max);
  }

  private final String what;
  private final int pageSize;
  private final Fetch<T> fetch;
  private final Function<T, String> idOf;
  private final Set<String> delivered;
  /** The ids on the page before, the last of which is the anchor. */
  private final Set<String> previous = new HashSet<>();
  private int offset;
  private String anchor = "";
  private boolean ended;
  private boolean gap;

  /**
   * Creates the pager; nothing is fetched yet.
   *
   * @param what the listing, for log lines (for example {@code "users"})
   * @param pageSize how many items a page holds
   * @param fetch fetches a page
   * @param idOf an item's immutable id
   * @param delivered the ids delivered so far; shared by the pagers of one listing that spans
   *     several (the members of several groups), so that each id is delivered once
   */
  public OffsetPager(String what, int pageSize, Fetch<T> fetch, Function<T, String> idOf,
      Set<String> delivered) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size is " + pageSize + "; give 1 or more");
    }
    this.what = what;
    this.pageSize = pageSize;
    this.fetch = fetch;
    this.idOf = idOf;
    this.delivered = delivered;
  }

  /**
   * {@return a lazy stream of every item, the next page fetched (on another thread, one fetch at a
   * time) while the consumer works on this one} A fetch failure is thrown where its page would
   * start: the stream never ends early.
   */
  public Stream<T> stream() {
    return Paging.prefetching(cursor -> nextPage());
  }

  /**
   * Fetches the next page.
   *
   * @return the items not delivered before, and a next cursor unless this was the last page
   * @throws IllegalStateException when called after the last page
   */
  public Page<T> nextPage() {
    if (ended) {
      throw new IllegalStateException(what + ": the listing already ended");
    }
    if (previous.isEmpty()) { // the first page (a later empty page is the last)
      return take(fetch.fetch(0, pageSize), 0, pageSize);
    }
    int first = offset - 1;
    int max = pageSize + 1;
    List<T> page = fetch.fetch(first, max);
    if (page.stream().map(idOf).noneMatch(anchor::equals)) {
      first = Math.max(0, offset - 1 - pageSize);
      max = offset - first + pageSize;
      LOG.debug("{}: items before position {} changed while paging; reading again from {}",
          what, offset, first);
      page = fetch.fetch(first, max);
      if (first > 0 && page.stream().map(idOf).noneMatch(previous::contains)) {
        gap = true;
        LOG.debug("{}: more than a page changed before position {} while paging", what, offset);
      }
    }
    return take(page, first, max);
  }

  /**
   * {@return whether the listing reached its end and every shift on the way was accounted for}
   */
  public boolean complete() {
    return ended && !gap;
  }

  private Page<T> take(List<T> page, int first, int max) {
    List<T> fresh = new ArrayList<>(page.size());
    previous.clear();
    for (T item : page) {
      String id = idOf.apply(item);
      previous.add(id);
      if (delivered.add(id)) {
        fresh.add(item);
      }
    }
    if (!page.isEmpty()) {
      anchor = idOf.apply(page.get(page.size() - 1));
    }
    offset = first + page.size();
    ended = page.size() < max;
    return new Page<>(fresh, ended ? null : String.valueOf(offset));
  }
}
