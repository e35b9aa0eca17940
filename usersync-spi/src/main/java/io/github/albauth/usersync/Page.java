package io.github.albauth.usersync;

import io.github.albauth.usersync.PagedIterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * One page of a paged listing, and the helper that turns a page-fetching function into a lazy
 * {@link Stream}, so connectors hide paging (Graph {@code @odata.nextLink}, Okta {@code Link:
 * rel="next"}, Google {@code nextPageToken}, Keycloak {@code first}, OneLogin {@code After-Cursor},
 * Cognito {@code PaginationToken}) and never hold more than one page in memory.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the page's items
 * @param nextCursor the opaque cursor of the next page, or {@code null} on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  /**
   * Copies the items.
   *
   * @param items the page's items
   * @param nextCursor the opaque cursor of the next page, or {@code null} on the last page
   */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Streams every item of every page, fetching the next page only when the previous one is
   * consumed. The first call receives {@code null}; each further call the previous page's {@link
   * #nextCursor()}. An exception thrown by {@code fetch} ends the stream with that exception (wrap
   * it in a {@link UserSyncException} with {@link UserSyncException.Reason#SOURCE_FAILED}).
   *
   * @param fetch fetches the page at a cursor ({@code null}: the first page)
   * @param <T> the item type
   * @return a sequential, lazy stream; close it to stop early
   */
  public static <T> Stream<T> stream(Function<@Nullable String, Page<T>> fetch) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new PagedIterator<>(fetch), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
