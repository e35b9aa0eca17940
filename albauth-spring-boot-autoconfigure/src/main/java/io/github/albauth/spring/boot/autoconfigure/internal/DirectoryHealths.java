package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The health of every directory source, by source id, told of their sync runs as a {@link
 * SyncListener} of the engines. Thread-safe.
 */
public final class DirectoryHealths implements SyncListener {

  private final Map<String, DirectoryHealth> bySource;

  /**
   * The health of these sources.
   *
   * @param sources the sources
   * @param interval the least time between two checks of one source; zero for none
   * @param clock the time
   * @param executor where checks run
   */
  public DirectoryHealths(List<DirectorySource> sources, Duration interval, Clock clock,
      Executor executor) {
    Map<String, DirectoryHealth> healths = new LinkedHashMap<>();
    for (DirectorySource source : sources) {
      healths.put(source.id(), new DirectoryHealth(source, interval, clock, executor));
    }
    bySource = Collections.unmodifiableMap(healths);
  }

  /** {@return the health of each source, by id} */
  public Map<String, DirectoryHealth> bySource() {
    return bySource;
  }

  @Override
  public void runFinished(SyncReport report) {
    DirectoryHealth health = bySource.get(report.source());
    if (health != null) {
      health.runFinished(report);
    }
  }
}
