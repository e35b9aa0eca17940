package io.github.albauth.usersync.mapping;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Test helper: runs a task on a thread with a small stack, as a servlet container's or an
 * executor's worker may have, and hands back its result or rethrows what it threw (an Error
 * included, so a stack overflow fails the test instead of passing unnoticed).
 */
final class SmallStack {

  /** The stack of the thread: a quarter of the 1 MiB default on 64-bit Linux. */
  static final long BYTES = 256 * 1024;

  private SmallStack() {}

  static <T> T call(Callable<T> task) throws Exception {
    AtomicReference<@Nullable Object> result = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(task.call());
      } catch (Throwable t) { // an Error included: it is what the caller looks for
        thrown.set(t);
      }
    }, "small-stack", BYTES);
    thread.start();
    thread.join();
    Throwable t = thrown.get();
    if (t instanceof Exception e) {
      throw e;
    } else if (t instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result.get();
    return value;
  }
}
