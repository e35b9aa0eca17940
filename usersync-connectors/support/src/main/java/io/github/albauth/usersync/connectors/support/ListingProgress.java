package io.github.albauth.usersync.connectors.support;

import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.Page;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one {@code users()} listing reached the vendor's end of every page sequence it reads
 * (one listing, or one per group in scope), for {@link ListingCheck#checkListing()}: pass each
 * fetched page through {@link #track}.
 *
 * <pre>{@code
 * ListingProgress listing = new ListingProgress(1);
 * lastListing.set(listing);
 * return Paging.prefetching(cursor -> listing.track(users.fetch(cursor)));
 * }</pre>
 *
 * <p>Thread-safe (pages may be fetched on a prefetch thread).
 */
public final class ListingProgress {

  private final int sequences;
  private final AtomicInteger ended = new AtomicInteger();

  /**
   * Creates the progress of a listing made of page sequences.
   *
   * @param sequences how many page sequences must end (1, or the number of groups in scope)
   */
  public ListingProgress(int sequences) {
    if (sequences < 1) {
      throw new IllegalArgumentException("sequences is " + sequences + "; give 1 or more");
    }
    this.sequences = sequences;
  }

  /**
   * Notes a fetched page; a page without a next cursor ends its sequence.
   *
   * @param page the page
   * @param <T> the item type
   * @return the same page
   */
  public <T> Page<T> track(Page<T> page) {
    if (page.nextCursor() == null) {
      ended.incrementAndGet();
    }
    return page;
  }

  /** {@return whether every sequence reached its last page} */
  public boolean complete() {
    return ended.get() >= sequences;
  }
}
