package io.github.albauth.benchmarks.sync;

import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.store.InMemoryUserStore;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures a full sync of a simulated directory into the in-memory store: users per second; peak
 * heap growth, twice: live (the largest heap use right after any GC during the run, minus the use
 * after a GC before it; this is what the run needs, the goal's measure) and raw (the heap pools'
 * peak use, garbage included, which depends on the young generation's size); the heap retained
 * after the run (the store itself); and a no-change re-run that must write nothing (exit code 1
 * otherwise).
 *
 * <p>Run: {@code ./mvnw -pl benchmarks -am package -DskipTests && java -Xmx1g -cp
 * benchmarks/target/benchmarks.jar io.github.albauth.benchmarks.sync.UserSyncHarness 100000 100}
 * (arguments: users, groups).
 */
public final class UserSyncHarness {

  private UserSyncHarness() {}

  /**
   * Runs the measurement.
   *
   * @param args users (default 100000) and groups (default 100)
   */
  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    SimulatedDirectory directory = new SimulatedDirectory(users, groups);

    for (int i = 0; i < 3; i++) { // warm-up on a small directory
      sync(new InMemoryUserStore(), new SimulatedDirectory(Math.min(users, 20_000), groups));
    }

    InMemoryUserStore store = new InMemoryUserStore();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
    Set<String> heapPools = heap.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    AtomicLong peakLive = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed())
              .sum();
          peakLive.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
    System.gc();
    long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    peakLive.set(before);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = processCpuNanos();
    long threadStart = threads.getCurrentThreadCpuTime();
    long[] gcStart = gcCountAndMillis();
    long start = System.nanoTime();
    SyncReport full = sync(store, directory);
    long fullNanos = System.nanoTime() - start;
    long fullCpu = processCpuNanos() - cpuStart;
    long fullThread = threads.getCurrentThreadCpuTime() - threadStart;
    long[] fullGc = since(gcStart);
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.gc();
    long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum() - before;

    long writesBefore = store.writes();
    cpuStart = processCpuNanos();
    threadStart = threads.getCurrentThreadCpuTime();
    gcStart = gcCountAndMillis();
    start = System.nanoTime();
    SyncReport again = sync(store, directory);
    long againNanos = System.nanoTime() - start;
    long againCpu = processCpuNanos() - cpuStart;
    long againThread = threads.getCurrentThreadCpuTime() - threadStart;
    long[] againGc = since(gcStart);
    long writes = store.writes() - writesBefore;

    out("full sync:        %,d users, %,d memberships, %s in %,d ms = %,.0f users/s;"
            + " CPU: process %,d ms, syncing thread %,d ms; %d GCs, %,d ms",
        full.sourceUsers(), full.groupChanges(), full.status(), fullNanos / 1_000_000,
        users / (fullNanos / 1e9), fullCpu / 1_000_000, fullThread / 1_000_000, fullGc[0],
        fullGc[1]);
    out("peak heap growth: live %,.1f MB, raw %,.1f MB (garbage included); retained %,.1f MB",
        Math.max(peakLive.get(), before + retained) / 1e6 - before / 1e6, (peak - before) / 1e6,
        retained / 1e6);
    out("no-change re-run: %s in %,d ms = %,.0f users/s, %d writes; CPU: process %,d ms,"
            + " syncing thread %,d ms; %d GCs, %,d ms",
        again.status(), againNanos / 1_000_000, users / (againNanos / 1e9), writes,
        againCpu / 1_000_000, againThread / 1_000_000, againGc[0], againGc[1]);
    if (writes != 0 || again.writes() != 0) {
      out("FAILED: the no-change re-run wrote %d times", writes);
      System.exit(1);
    }
  }

  /**
   * CPU time of the whole process (every thread: the engine's, the source worker's, the GC's and
   * the JIT's): on a shared machine it moves less with other load than the wall clock does.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Collections so far and their accumulated time in ms, over all collectors. */
  private static long[] gcCountAndMillis() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static long[] since(long[] start) {
    long[] now = gcCountAndMillis();
    return new long[] {now[0] - start[0], now[1] - start[1]};
  }

  private static SyncReport sync(InMemoryUserStore store, SimulatedDirectory directory) {
    return directory.engine(store).fullSync("harness");
  }

  @SuppressWarnings("SystemOut") // a command-line harness: printing its measurements is its job
  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
