package io.github.albauth.usersync.connectors.support.internal;

import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.UserSyncException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Streams pages with the next one fetched in the background while the consumer works on the
 * current one: a listing then costs the round trips, not the round trips plus the consumer's time.
 * At most two pages are held. A failed fetch is thrown where its page would have started, so a
 * stream never ends early.
 */
public final class Prefetch {

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "albauth-connector-prefetch-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private Prefetch() {}

  /**
   * Streams every item of every page.
   *
   * @param fetch fetches the page at a cursor (null: the first page)
   * @return a lazy, sequential stream; closing it abandons a fetch in flight
   */
  public static <T> Stream<T> stream(Function<@Nullable String, Page<T>> fetch) {
    Pages<T> pages = new Pages<>(fetch);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        pages, Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(pages::close);
  }

  /** One consumer. */
  private static final class Pages<T> implements Iterator<T> {
    private final Function<@Nullable String, Page<T>> fetch;
    private @Nullable Iterator<T> current;
    private @Nullable CompletableFuture<Page<T>> pending;
    private @Nullable String pendingCursor;
    private boolean started;

    Pages(Function<@Nullable String, Page<T>> fetch) {
      this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        Page<T> page;
        if (!started) {
          started = true;
          page = fetch.apply(null);
        } else if (pending != null) {
          page = await(pending);
        } else {
          return false;
        }
        String next = page.nextCursor();
        if (next != null && next.equals(pendingCursor)) {
          throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
              "the source returned the same next cursor twice; stopping rather than looping");
        }
        current = page.items().iterator();
        pendingCursor = next;
        pending = next == null ? null
            : CompletableFuture.supplyAsync(() -> fetch.apply(next), EXECUTOR);
      }
      return true;
    }

    private static <T> Page<T> await(CompletableFuture<Page<T>> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
            "interrupted while waiting for the next page", e);
      } catch (ExecutionException | CancellationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re; // the fetch's own exception (a SourceCallException with the call and status)
        }
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
            "fetching the next page failed: " + cause, cause);
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return Objects.requireNonNull(current).next();
    }

    void close() {
      CompletableFuture<Page<T>> p = pending;
      if (p != null) {
        p.cancel(true);
      }
    }
  }
}
