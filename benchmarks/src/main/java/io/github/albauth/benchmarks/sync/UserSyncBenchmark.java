package io.github.albauth.benchmarks.sync;

import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full sync of a simulated streaming directory (users with one group membership each) into the
 * in-memory store: {@code fullSync} into an empty store, and {@code noChangeResync} of an
 * unchanged directory, which must write nothing (it throws otherwise). The score is milliseconds per
 * sync; users per second = {@code users} / score × 1000. For peak heap growth run {@link
 * UserSyncHarness}; for allocation add {@code -prof gc}.
 *
 * <p>Run: {@code ./mvnw -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar UserSyncBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UserSyncBenchmark {

  /** Users in the directory. */
  @Param("100000")
  public int users;

  /** Groups (each user is in one). */
  @Param("100")
  public int groups;

  private SimulatedDirectory directory;
  private InMemoryUserStore emptyStore;
  private SyncEngine intoEmpty;
  private InMemoryUserStore syncedStore;
  private SyncEngine resync;

  /** Builds the directory and a store already in step with it. */
  @Setup(Level.Trial)
  public void setUp() {
    directory = new SimulatedDirectory(users, groups);
    syncedStore = new InMemoryUserStore();
    resync = directory.engine(syncedStore);
    resync.fullSync("setup");
  }

  /** A fresh empty store for each full sync. */
  @Setup(Level.Invocation)
  public void freshStore() {
    emptyStore = new InMemoryUserStore();
    intoEmpty = directory.engine(emptyStore);
  }

  /** Creates every user and membership. */
  @Benchmark
  public SyncReport fullSync() {
    return intoEmpty.fullSync("benchmark");
  }

  /** Re-syncs an unchanged directory; throws when anything was written. */
  @Benchmark
  public SyncReport noChangeResync() {
    long before = syncedStore.writes();
    SyncReport report = resync.fullSync("benchmark");
    if (syncedStore.writes() != before || report.writes() != 0) {
      throw new IllegalStateException("no-change re-run wrote " + (syncedStore.writes() - before));
    }
    return report;
  }
}
