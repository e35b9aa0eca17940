package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of one directory source: whether its API answers an authenticated call. The check is
 * the cheapest one every connector has: looking up a user id that does not exist ({@link
 * UserLookup#lookupById} with a random UUID; Okta, Graph and Keycloak answer 404, which the
 * connector reports as no user), one request with the connector's credentials, so that an expired
 * secret or a revoked permission shows. It runs in the background, at most every {@code
 * albauth.health.directory.probe-interval}, when a health request finds the last one that old:
 * a health request never waits for the IdP, and however many there are, the IdP sees one request
 * per interval.
 *
 * <p>UP when the last check got an answer, DOWN when it failed (the connector's message: call,
 * HTTP status, the vendor's error code; never a secret), UNKNOWN before the first check and for a
 * source that cannot look users up. The last sync run of the source is a detail, not a verdict: a
 * run can fail because of the store.
 *
 * <p>Thread-safe.
 */
public final class DirectoryHealth implements HealthIndicator {

  /** How the last check went. */
  private record Check(Instant at, @Nullable String failure) {}

  private final DirectorySource source;
  private final Clock clock;
  private final BackgroundProbe probe;
  private volatile @Nullable Check last;
  private volatile @Nullable SyncReport lastRun;

  /**
   * The health of a source.
   *
   * @param source the source
   * @param interval the least time between two checks; zero for none
   * @param clock the time
   * @param executor where checks run
   */
  public DirectoryHealth(DirectorySource source, Duration interval, Clock clock,
      Executor executor) {
    this.source = source;
    this.clock = clock;
    this.probe = new BackgroundProbe(source instanceof UserLookup ? interval : Duration.ZERO,
        clock, executor, this::check);
  }

  private void check() {
    String failure = null;
    try {
      ((UserLookup) source).lookupById(UUID.randomUUID().toString());
    } catch (UserSyncException e) {
      failure = e.reason() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    last = new Check(clock.instant(), failure);
  }

  /**
   * Remembers a run of this source, for the details.
   *
   * @param report the run's report
   */
  public void runFinished(SyncReport report) {
    if (!report.dryRun()) {
      lastRun = report;
    }
  }

  @Override
  public Health health() {
    Check check = last;
    // decided on what is known now; the check's answer is for the next request
    probe.startIfDue();
    Health.Builder health = check == null ? Health.unknown()
        : check.failure() == null ? Health.up() : Health.down();
    health.withDetail("source", source.id());
    if (check != null) {
      health.withDetail("lastCheck", check.at().toString());
      if (check.failure() != null) {
        health.withDetail("failure", check.failure());
      }
    }
    health.withDetail("check", probe.enabled()
        ? "a lookup of an unknown user id, at most every " + probe.interval()
        : source instanceof UserLookup ? "off" : "none: the source cannot look users up");
    SyncReport run = lastRun;
    if (run != null) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", run.status().name());
      summary.put("mode", run.mode().name());
      summary.put("trigger", run.trigger());
      summary.put("finished", run.finished().toString());
      summary.put("sourceUsers", run.sourceUsers());
      if (run.status() == SyncReport.Status.FAILED && run.message() != null) {
        summary.put("message", run.message());
      }
      health.withDetail("lastRun", summary);
    }
    return health.build();
  }
}
