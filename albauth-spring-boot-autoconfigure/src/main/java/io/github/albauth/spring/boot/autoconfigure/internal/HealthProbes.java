package io.github.albauth.spring.boot.autoconfigure.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads albauth's health probes run on: daemon threads, one per probe at most (each probe
 * runs one check at a time), ended when the application context closes. Thread-safe.
 */
public final class HealthProbes implements AutoCloseable {

  private final ExecutorService executor;

  /** Threads named {@code albauth-health-probe-<n>}. */
  public HealthProbes() {
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "albauth-health-probe-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** {@return where the probes run} */
  public Executor executor() {
    return executor;
  }

  /** Interrupts running probes and starts no more; idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
