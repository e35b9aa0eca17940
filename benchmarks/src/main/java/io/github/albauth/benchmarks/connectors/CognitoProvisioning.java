package io.github.albauth.benchmarks.connectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.cognito.CognitoConfig;
import io.github.albauth.usersync.connectors.cognito.CognitoSource;
import io.github.albauth.usersync.connectors.cognito.CognitoUserStore;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import io.github.albauth.usersync.connectors.cognito.simulation.ScriptedDirectory;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Users provisioned per second into a Cognito user pool through the real sync engine: {@code
 * CognitoUserStore} at its default rates (Cognito's documented quotas) against the WireMock
 * simulation of the pool ({@code CognitoSimulation}, from the connector's test jar), which
 * enforces those quotas per category (token buckets, 5 per second per group operation) and
 * answers {@code TooManyRequestsException} above them. Printed per run: users per second, the
 * requests per quota category, and the throttled answers (the goal: 0). Then a source listing:
 * {@code CognitoSource} at its default listing rate (5 {@code ListUsers} per second) reading a pool
 * of {@code listed} users: requests versus the minimum (60 users per page), wall time, throttles.
 *
 * <p>Run: {@code ./mvnw -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar io.github.albauth.benchmarks.connectors.CognitoProvisioning
 * 1000 10 0,20 6000} (arguments: users, groups, latencies in milliseconds, users listed).
 */
public final class CognitoProvisioning {

  private CognitoProvisioning() {}

  /**
   * Runs the measurement.
   *
   * @param args users (default 1000), groups (default 10), comma-separated latencies in ms
   *     (default {@code 0,20}), users listed by the source (default 6000)
   */
  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String latencies = args.length > 2 ? args[2] : "0,20";
    int listed = args.length > 3 ? Integer.parseInt(args[3]) : 6000;
    CognitoSimulation cognito = new CognitoSimulation(Clock.systemUTC());
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(cognito)
        .disableRequestJournal().containerThreads(16));
    server.start();
    try {
      provision(cognito, server, 50, groups, 0); // warm-up
      for (String latency : latencies.split(",", -1)) {
        provision(cognito, server, users, groups, Integer.parseInt(latency.strip()));
      }
      list(cognito, server, listed);
    } finally {
      server.stop();
    }
  }

  private static CognitoConfig.Builder config(WireMockServer server) {
    return CognitoConfig.builder().userPoolId(CognitoSimulation.POOL_ID)
        .endpoint(URI.create(server.baseUrl()))
        .credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDBENCHMARK", "benchmark")));
  }

  private static void provision(CognitoSimulation cognito, WireMockServer server, int users,
      int groups, int latency) {
    cognito.emptyPool(server);
    cognito.enforceQuotas();
    cognito.latency(latency);
    ScriptedDirectory hr = new ScriptedDirectory("hr");
    hr.set(ScriptedDirectory.people(users, groups));
    try (CognitoUserStore store = CognitoUserStore.create(config(server).build())) {
      SyncEngine engine = SyncEngine.builder().store(store).source(hr)
          .mapper(ScriptedDirectory.mapper()).build();
      long start = System.nanoTime();
      SyncReport report = engine.fullSync("benchmark");
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      if (users < 100) {
        return;
      }
      System.out.printf(Locale.ROOT, "Cognito target: %,d users in %d groups, %d ms latency: %s,"
          + " %,d created in %.1f s = %.1f users/s; %d TooManyRequests%n", users, groups, latency,
          report.status(), report.count(UserOutcome.Kind.CREATED), wall.toMillis() / 1000.0,
          report.count(UserOutcome.Kind.CREATED) / (wall.toMillis() / 1000.0), cognito.throttled());
      System.out.printf(Locale.ROOT, "  requests %,d by category %s%n", cognito.totalRequests(),
          cognito.requestsByCategory());
      long rerunStart = System.nanoTime();
      SyncReport rerun = engine.fullSync("benchmark");
      System.out.printf(Locale.ROOT, "  no-change re-run: %s, %d writes, %.1f s, %d TooManyRequests"
          + " in all%n", rerun.status(), rerun.writes(),
          (System.nanoTime() - rerunStart) / 1e9, cognito.throttled());
    }
  }

  private static void list(CognitoSimulation cognito, WireMockServer server, int listed) {
    cognito.serve(server, ConnectorRoundTrips.directory(listed, 1));
    cognito.enforceQuotas();
    try (CognitoSource source = CognitoSource.create(config(server).build())) {
      long start = System.nanoTime();
      long n;
      try (Stream<SourceUser> users = source.users()) {
        n = users.count();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      int minimum = (listed + CognitoConfig.MAX_PAGE - 1) / CognitoConfig.MAX_PAGE;
      System.out.printf(Locale.ROOT, "Cognito source: listed %,d users: requests %,d (minimum %,d"
          + " pages of 60), wall %.1f s (%d ListUsers/s pacing: minimum %.1f s), %d TooManyRequests%n",
          n, cognito.totalRequests(), minimum, wall, 5, (minimum - 1) / 5.0, cognito.throttled());
    }
  }
}
