package io.github.albauth.usersync.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduled executor that only records tasks; the test runs them. Not thread-safe. */
final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {

  /** A recorded delayed task. */
  static final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
    final long delayMillis;

    Task(Runnable r, long delayMillis) {
      super(r, null);
      this.delayMillis = delayMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(delayMillis, o.getDelay(TimeUnit.MILLISECONDS));
    }
  }

  final List<Task> scheduled = new ArrayList<>();
  final List<Runnable> submitted = new ArrayList<>();

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task task = new Task(command, unit.toMillis(delay));
    scheduled.add(task);
    return task;
  }

  @Override
  public void execute(Runnable command) {
    submitted.add(command);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
