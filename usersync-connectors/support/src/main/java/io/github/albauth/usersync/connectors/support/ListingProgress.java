package io.github.albauth.usersync.connectors.support;

import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceUser;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Whether one {@code users()} listing reached the vendor's end of every page sequence it reads
 * (one listing, or one per group in scope), for {@link ListingCheck#checkListing()}: stream the
 * sequences with {@link #stream(List)}, or pass each fetched page through {@link #track}.
 *
 * <pre>{@code
 * List<Paging<SourceUser>> sequences = scope.isEmpty() ? List.of(allUsers)
 *     : scope.stream().map(this::members).toList();
 * ListingProgress listing = new ListingProgress(sequences.size());
 * lastListing.set(listing);        // checkListing() asks lastListing.get().complete()
 * return listing.stream(sequences);
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

  /**
   * Streams the users of every sequence, one after the other, each page's successor prefetched,
   * each user once (a user in two groups in scope is listed with the first), tracking progress.
   *
   * @param sequences the page sequences, as many as this progress was created for
   * @return a lazy stream; close it to stop early
   * @throws IllegalArgumentException when the number of sequences differs from this progress's
   */
  public Stream<SourceUser> stream(List<Paging<SourceUser>> sequences) {
    if (sequences.size() != this.sequences) {
      throw new IllegalArgumentException("got " + sequences.size() + " sequences; this progress"
          + " tracks " + this.sequences);
    }
    if (sequences.size() == 1) {
      Paging<SourceUser> only = sequences.get(0);
      return Paging.prefetching(cursor -> track(only.fetch(cursor)));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    return sequences.stream()
        .flatMap(paging -> Paging.prefetching(cursor -> track(paging.fetch(cursor))))
        .filter(user -> seen.add(user.id()));
  }

  /** {@return whether every sequence reached its last page} */
  public boolean complete() {
    return ended.get() >= sequences;
  }
}
