package io.github.albauth.usersync;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Iterates the items of pages fetched one at a time. Not thread-safe (one consumer). */
final class PagedIterator<T> implements Iterator<T> {

  private final Function<@Nullable String, Page<T>> fetch;
  private @Nullable Iterator<T> current;
  private @Nullable String next;
  private boolean last;

  /**
   * Creates the iterator; nothing is fetched until the first {@link #hasNext()}.
   *
   * @param fetch fetches the page at a cursor (null: the first page)
   */
  PagedIterator(Function<@Nullable String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (last) {
        return false;
      }
      Page<T> page = fetch.apply(next);
      if (current != null && page.nextCursor() != null && page.nextCursor().equals(next)) {
        throw new IllegalStateException("the source returned the same next cursor twice: " + next);
      }
      current = page.items().iterator();
      next = page.nextCursor();
      last = next == null;
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return Objects.requireNonNull(current, "hasNext() leaves a page with items").next();
  }
}
