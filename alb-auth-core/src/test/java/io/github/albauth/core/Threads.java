package io.github.albauth.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the threads an HTTP client started (the JDK's {@code HttpClient-…} selector and the
 * library's {@code albauth-…} executors) and waits, boundedly, for them to end.
 */
final class Threads {
  private final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

  /** Starts watching: threads alive now are not counted as started later. */
  static Threads watch() {
    return new Threads();
  }

  /** The live client threads started since {@link #watch()}. */
  List<Thread> started() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(t -> t.getName().startsWith("HttpClient-") || t.getName().startsWith("albauth-http-")
            || t.getName().startsWith("albauth-jwks-"))
        .collect(Collectors.toList());
  }

  /**
   * Waits up to {@code limit} for {@code threads} to end, polling; on JDK 17 a closed client's
   * selector thread ends only once the client is garbage-collected, so each poll asks for a GC.
   *
   * @return the names of those still alive at the end (empty when all ended)
   */
  static List<String> awaitEnd(List<Thread> threads, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      List<String> alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
      if (alive.isEmpty() || System.nanoTime() > deadline) {
        return alive;
      }
      System.gc();
      Thread.sleep(50); // polling interval, not an assertion about time
    }
  }
}
