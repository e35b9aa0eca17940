package io.github.albauth.benchmarks.connectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.entra.EntraConfig;
import io.github.albauth.usersync.connectors.entra.EntraSource;
import io.github.albauth.usersync.connectors.entra.simulation.GraphSimulation;
import io.github.albauth.usersync.connectors.google.GoogleConfig;
import io.github.albauth.usersync.connectors.google.GoogleSource;
import io.github.albauth.usersync.connectors.google.simulation.GoogleSimulation;
import io.github.albauth.usersync.connectors.okta.OktaConfig;
import io.github.albauth.usersync.connectors.okta.OktaSource;
import io.github.albauth.usersync.connectors.okta.simulation.OktaSimulation;
import io.github.albauth.usersync.connectors.onelogin.OneLoginConfig;
import io.github.albauth.usersync.connectors.onelogin.OneLoginSource;
import io.github.albauth.usersync.connectors.onelogin.simulation.OneLoginSimulation;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Counts what a full sync costs in round trips: for Okta, Microsoft Graph, OneLogin and Google
 * Workspace, a WireMock simulation of the vendor's API ({@code OktaSimulation}, {@code
 * GraphSimulation}, {@code OneLoginSimulation}, {@code GoogleSimulation}, from the connectors' test
 * jars) answers every request after a fixed latency, pages at the vendor's maximum and enforces a
 * rate limit; the real sync engine runs a full sync with groups into the in-memory store. Printed:
 * requests made versus the fewest the vendor's paging allows, wall time versus that minimum times
 * the latency, 429s received, and the peak live heap of draining the listings at two directory
 * sizes (flat means the connector holds pages, not directories).
 *
 * <p>Run: {@code ./mvnw -B -pl benchmarks -am package -DskipTests && java -Xmx1g -cp
 * benchmarks/target/benchmarks.jar io.github.albauth.benchmarks.connectors.ConnectorRoundTrips
 * 50000 200 50} (arguments: users, groups, latency in milliseconds).
 */
public final class ConnectorRoundTrips {

  /** Okta's rate limit for the Users and Groups endpoints assumed here, per endpoint and minute. */
  static final int OKTA_PER_MINUTE = 600;
  /** Graph requests allowed per ten seconds (app and tenant) assumed here. */
  static final int GRAPH_PER_TEN_SECONDS = 1000;
  /**
   * OneLogin's documented account-wide limit per hour:
   * https://developers.onelogin.com/api-docs/2/oauth20-tokens/get-rate-limit
   */
  static final int ONELOGIN_PER_HOUR = 5000;

  private ConnectorRoundTrips() {}

  /**
   * A vendor: its simulation (served with a latency and, when asked, the vendor's rate limit), its
   * source, the fewest listing requests it allows, and the simulation's counters.
   */
  private record Vendor(String name, Object simulation, DirectoryPreset preset, Serving serving,
      Function<String, DirectorySource> sourceAt, ToLongFunction<TestDirectory> minimum,
      IntSupplier requestCount, IntSupplier throttledCount,
      Supplier<Map<String, Integer>> requestsByEndpoint) {

    void serve(WireMockServer server, TestDirectory d, int latencyMillis, boolean limit) {
      serving.serve(server, d, latencyMillis, limit);
    }

    DirectorySource source(String baseUrl) {
      return sourceAt.apply(baseUrl);
    }

    long minimumRequests(TestDirectory d) {
      return minimum.applyAsLong(d);
    }

    int totalRequests() {
      return requestCount.getAsInt();
    }

    int throttled() {
      return throttledCount.getAsInt();
    }

    Map<String, Integer> requests() {
      return requestsByEndpoint.get();
    }
  }

  /** Serves a directory from a simulation. */
  private interface Serving {
    void serve(WireMockServer server, TestDirectory d, int latencyMillis, boolean limit);
  }

  private static long pages(long items, int pageSize) {
    return Math.max(1, (items + pageSize - 1) / pageSize);
  }

  private static long minimum(TestDirectory d, int userPage, int groupPage, int memberPage) {
    long min = pages(d.users().size(), userPage) + pages(d.groups().size(), groupPage);
    for (TestDirectory.Group g : d.groups()) {
      min += pages(d.memberIds(g.id()).size(), memberPage);
    }
    return min;
  }

  private static Vendor okta() {
    OktaSimulation sim = new OktaSimulation(Clock.systemUTC());
    return new Vendor("Okta", sim, DirectoryPreset.OKTA, (server, d, latency, limit) -> {
      sim.serve(server, d);
      sim.latency(latency);
      sim.limitPerMinute(limit ? OKTA_PER_MINUTE : 0);
    }, baseUrl -> OktaSource.create(OktaConfig.builder().orgUrl(URI.create(baseUrl))
        .apiToken("00benchmark").build()),
        d -> minimum(d, OktaConfig.MAX_USER_PAGE, OktaConfig.MAX_GROUP_PAGE,
            OktaConfig.MAX_MEMBER_PAGE),
        sim::totalRequests, sim::throttled, sim::requests);
  }

  private static Vendor graph() {
    GraphSimulation sim = new GraphSimulation(Clock.systemUTC());
    return new Vendor("Entra (Graph)", sim, DirectoryPreset.ENTRA, (server, d, latency, limit) -> {
      sim.serve(server, d);
      sim.latency(latency);
      sim.limitPerTenSeconds(limit ? GRAPH_PER_TEN_SECONDS : 0);
    }, baseUrl -> {
      URI base = URI.create(baseUrl);
      return EntraSource.create(EntraConfig.builder().tenantId("contoso.onmicrosoft.com")
          .clientId("benchmark").clientSecret("benchmark").baseUrls(base, base).build());
    }, d -> minimum(d, EntraConfig.MAX_PAGE, EntraConfig.MAX_PAGE, EntraConfig.MAX_PAGE),
        sim::totalRequests, sim::throttled, sim::requests);
  }

  private static Vendor oneLogin() {
    OneLoginSimulation sim = new OneLoginSimulation(Clock.systemUTC());
    return new Vendor("OneLogin", sim, DirectoryPreset.ONELOGIN, (server, d, latency, limit) -> {
      sim.serve(server, d);
      sim.latency(latency);
      sim.limitPerHour(limit ? ONELOGIN_PER_HOUR : 0);
    }, baseUrl -> OneLoginSource.create(OneLoginConfig.builder().apiUrl(URI.create(baseUrl))
        .clientId("benchmark").clientSecret("benchmark").build()),
        d -> minimum(d, OneLoginConfig.MAX_USER_PAGE, OneLoginConfig.MAX_ROLE_PAGE,
            OneLoginConfig.MAX_MEMBER_PAGE),
        sim::totalRequests, sim::throttled, sim::requests);
  }

  /**
   * Google Workspace: the JWT bearer grant, then users 500, groups 200 and members 200 per page,
   * under Google's quota of 2,400 queries per minute per user ({@link
   * GoogleSimulation#QUOTA_PER_MINUTE}); the simulation's one nested-group member per group fits
   * into the members' last page here, so it adds no page to the minimum.
   */
  private static Vendor google() {
    GoogleSimulation sim = new GoogleSimulation(Clock.systemUTC());
    return new Vendor("Google Workspace", sim, DirectoryPreset.GOOGLE,
        (server, d, latency, limit) -> {
          sim.serve(server, d);
          sim.latency(latency);
          sim.quotaPerMinute(limit ? GoogleSimulation.QUOTA_PER_MINUTE : 0);
        }, baseUrl -> GoogleSource.create(GoogleConfig.builder()
            .serviceAccountKey(sim.keyFile(baseUrl)).subject("sync-admin@example.com")
            .apiUrl(URI.create(baseUrl)).build()),
        d -> minimum(d, GoogleConfig.MAX_USER_PAGE, GoogleConfig.MAX_GROUP_PAGE,
            GoogleConfig.MAX_MEMBER_PAGE),
        sim::totalRequests, sim::throttled, sim::requests);
  }





  /**
   * Runs the measurement.
   *
   * @param args users (default 50000), groups (default 200), latency in ms (default 50)
   */
  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int latency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    for (Vendor vendor : List.of(
        okta(),
        graph(),
        oneLogin(),
        google())) {
      WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort()
          .extensions((com.github.tomakehurst.wiremock.extension.Extension) vendor.simulation())
          .disableRequestJournal().containerThreads(32));
      server.start();
      try {
        fullSync(vendor, server, directory(2_000, 20), 0); // warm-up
        fullSync(vendor, server, directory(users, groups), latency);
        for (int size : new int[] {users / 5, users}) {
          vendor.serve(server, directory(size, groups), 0, false);
          long peak = peakLiveHeapWhile(() -> drain(vendor.source(server.baseUrl())));
          System.out.printf(Locale.ROOT, "%s: drained %,d users, %d groups: peak live heap"
              + " growth %.1f MiB%n", vendor.name(), size, groups, peak / 1048576.0);
        }
      } finally {
        server.stop();
      }
    }
  }

  private static void fullSync(Vendor vendor, WireMockServer server, TestDirectory d, int latency) {
    vendor.serve(server, d, latency, true);
    SyncEngine engine = SyncEngine.builder().store(new InMemoryUserStore())
        .source(vendor.source(server.baseUrl()))
        .mapper(AttributeMapping.builder().preset(vendor.preset()).build())
        .syncGroups().build();
    long start = System.nanoTime();
    SyncReport report = engine.fullSync("benchmark");
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (latency == 0) {
      return;
    }
    long min = vendor.minimumRequests(d);
    System.out.printf(Locale.ROOT, "%s: full sync of %,d users in %d groups, %d ms latency: %s,"
        + " %,d created%n", vendor.name(), d.users().size(), d.groups().size(), latency,
        report.status(), report.count(UserOutcome.Kind.CREATED));
    System.out.printf(Locale.ROOT, "  requests %,d (minimum %,d listing pages) %s%n",
        vendor.totalRequests(), min, vendor.requests());
    System.out.printf(Locale.ROOT, "  wall %.1f s (minimum x latency %.1f s, ratio %.2f); 429s %d%n",
        wall.toMillis() / 1000.0, min * latency / 1000.0,
        wall.toMillis() / (double) (min * latency), vendor.throttled());
  }

  /** Users in round-robin groups: user i is in group i mod groups. */
  static TestDirectory directory(int users, int groups) {
    List<TestDirectory.Group> gs = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      gs.add(new TestDirectory.Group("g" + g, "Group " + g));
    }
    List<TestDirectory.User> us = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      us.add(new TestDirectory.User("u" + i, "user" + i + "@example.com",
          "user" + i + ".mail@example.com", i % 50 != 0, Set.of("g" + (i % groups))));
    }
    return new TestDirectory(us, gs);
  }

  private static void drain(DirectorySource source) {
    AtomicLong n = new AtomicLong();
    try (Stream<SourceUser> s = source.users()) {
      s.forEach(u -> n.incrementAndGet());
    }
    GroupSource groups = (GroupSource) source;
    List<String> ids;
    try (Stream<SourceGroup> s = groups.groups()) {
      ids = s.map(SourceGroup::id).toList();
    }
    for (String id : ids) {
      try (Stream<String> s = groups.memberIds(id)) {
        s.forEach(m -> n.incrementAndGet());
      }
    }
  }

  /** The largest heap use seen right after a forced GC, minus the use after one before the run. */
  private static long peakLiveHeapWhile(Runnable run) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    LongSupplier live = () -> {
      memory.gc();
      return memory.getHeapMemoryUsage().getUsed();
    };
    long baseline = live.getAsLong();
    AtomicLong peak = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        peak.accumulateAndGet(live.getAsLong(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    try {
      run.run();
    } finally {
      done.set(true);
      try {
        sampler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Math.max(0, peak.get() - baseline);
  }
}
