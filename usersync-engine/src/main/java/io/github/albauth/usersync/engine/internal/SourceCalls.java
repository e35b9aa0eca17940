package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.UserSyncException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Bounds one run's calls to its source: each call (or, for a stream, each wait for the next items)
 * may take at most the per-call timeout, and all of them together at most the run's budget, counted
 * on the engine's clock from the run's start. Calls run on one worker thread per run; a call that
 * does not answer in time fails with {@link UserSyncException.Reason#SOURCE_TIMEOUT} and its thread
 * is interrupted (a source that ignores interrupts keeps a daemon thread until it returns).
 *
 * <p>One run, one calling thread.
 */
final class SourceCalls implements AutoCloseable {

  private static final Object END = new Object();
  private static final int CHUNK = 256;
  private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final EngineSettings settings;
  private final Instant deadline;
  private @Nullable ExecutorService worker;

  SourceCalls(EngineSettings settings) {
    this.settings = settings;
    this.deadline = settings.clock().instant().plus(settings.sourceRunTimeout());
  }

  /** A failure the worker thread caught, handed to the calling thread. */
  private record Failure(Throwable error) {}

  private ExecutorService worker() {
    ExecutorService w = worker;
    if (w == null) {
      w = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "albauth-usersync-source-" + settings.sourceId());
        t.setDaemon(true);
        return t;
      });
      worker = w;
    }
    return w;
  }

  /** How long the next wait may last, or a timeout when the run's budget is spent. */
  private long waitNanos(String what) {
    Duration left = Duration.between(settings.clock().instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new UserSyncException(UserSyncException.Reason.SOURCE_TIMEOUT,
          "source " + settings.sourceId() + " used up the run's time budget of "
              + settings.sourceRunTimeout() + " (sourceRunTimeout) before " + what);
    }
    return Math.min(settings.sourceCallTimeout().toNanos(), left.toNanos());
  }

  private UserSyncException timedOut(String what, long nanos) {
    boolean perCall = nanos == settings.sourceCallTimeout().toNanos();
    return new UserSyncException(UserSyncException.Reason.SOURCE_TIMEOUT,
        "source " + settings.sourceId() + " did not answer " + what + " within "
            + Duration.ofNanos(nanos) + (perCall ? " (sourceCallTimeout)"
                : " (what was left of sourceRunTimeout " + settings.sourceRunTimeout() + ")"));
  }

  /**
   * Runs one source call within the time bounds.
   *
   * @param what the call, for messages ({@code "changes(…)"})
   */
  <T> T call(String what, Supplier<T> call) {
    long nanos = waitNanos(what);
    Future<T> future = worker().submit(call::get);
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(what, nanos);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
          "interrupted while waiting for " + what);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Streams a source listing within the time bounds: a worker thread reads the stream and hands
   * its items over in small chunks; each wait for the next chunk is bounded. The stream is closed
   * on the worker when it ends, fails, or the iterator is {@linkplain #close() abandoned}.
   *
   * @param what the listing, for messages ({@code "users()"})
   */
  <T> Iterator<T> stream(String what, Supplier<Stream<T>> open) {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
    worker().execute(() -> {
      List<Object> chunk = new ArrayList<>(CHUNK);
      try {
        try (Stream<T> stream = open.get()) {
          Iterator<T> it = stream.iterator();
          long started = 0;
          while (it.hasNext()) {
            if (chunk.isEmpty()) {
              started = System.nanoTime();
            }
            chunk.add(it.next());
            if (chunk.size() == CHUNK || System.nanoTime() - started > FLUSH_NANOS) {
              queue.put(chunk);
              chunk = new ArrayList<>(CHUNK);
            }
          }
        } catch (InterruptedException e) {
          throw e;
        } catch (Throwable t) { // handed to the caller after the items before it
          chunk.add(new Failure(t));
        }
        if (!chunk.isEmpty()) {
          queue.put(chunk);
        }
        queue.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return new Iterator<>() {
      private List<?> current = List.of();
      private int index;
      private boolean ended;

      @Override
      public boolean hasNext() {
        while (index == current.size()) {
          if (ended) {
            return false;
          }
          long nanos = waitNanos(what);
          Object next;
          try {
            next = queue.poll(nanos, TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
                "interrupted while waiting for " + what);
          }
          if (next == null) {
            throw timedOut(what, nanos);
          }
          if (next == END) {
            ended = true;
            return false;
          }
          current = (List<?>) next;
          index = 0;
        }
        if (current.get(index) instanceof Failure f) {
          ended = true;
          current = List.of();
          index = 0;
          throw rethrow(f.error());
        }
        return true;
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return (T) current.get(index++);
      }
    };
  }

  private static RuntimeException rethrow(@Nullable Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
        "the source failed: " + t, t == null ? new IllegalStateException() : t);
  }

  /** Stops the worker, interrupting a call or listing still running. */
  @Override
  public void close() {
    ExecutorService w = worker;
    if (w != null) {
      w.shutdownNow();
    }
  }
}
