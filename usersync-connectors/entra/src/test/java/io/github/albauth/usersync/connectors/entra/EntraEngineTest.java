package io.github.albauth.usersync.connectors.entra;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.connectors.entra.simulation.GraphSimulation;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Entra connector under the real sync engine, against the simulation of Microsoft Graph. */
class EntraEngineTest {

  static final GraphSimulation GRAPH = new GraphSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(GRAPH)).build();

  private final InMemoryUserStore store = new InMemoryUserStore();
  private SyncEngine engine;
  private TestDirectory directory;

  @BeforeEach
  void firstSync() {
    directory = new TestDirectory(List.of(user("a"), user("b"), user("c"), user("d"), user("e")),
        List.of());
    GRAPH.serve(server, directory);
    engine = SyncEngine.builder().store(store)
        .source(EntraSource.create(EntraSourceComplianceTest.config(server.baseUrl()).pageSize(2).build()))
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.ENTRA).build())
        .maxDeprovisionShare(1.0).build();
    assertThat(engine.deltaSync("test").count(UserOutcome.Kind.CREATED)).isEqualTo(5);
  }

  private static TestDirectory.User user(String id) {
    return new TestDirectory.User(id, id + "@contoso.com", id + "@contoso.com", true, Set.of());
  }

  private TestDirectory without(String id) {
    return new TestDirectory(directory.users().stream().filter(u -> !u.id().equals(id)).toList(),
        List.of());
  }

  private boolean active(String id) {
    return store.findByUsername(id + "@contoso.com").map(StoredUser::active).orElseThrow();
  }

  @Test
  void aDeletedUserIsDeactivatedByTheNextFullSync() {
    GRAPH.changeTo(without("e"));

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("e")).isFalse();
  }

  @Test
  void aDeletedUserIsDeactivatedByTheNextDeltaSync() {
    GRAPH.changeTo(without("c")); // seen only as @removed in /users/delta

    SyncReport report = engine.deltaSync("test");

    assertThat(report.mode()).isEqualTo(SyncReport.Mode.DELTA);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("c")).isFalse();
  }

  @Test
  void aServiceErrorMidPagingDeprovisionsNobody() {
    GRAPH.changeTo(without("e"));
    GRAPH.failUserPagesAfterFirst();

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("HTTP 503", "serviceNotAvailable");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("e")).isTrue();
  }

  @Test
  void aListingShorterThanTheCountDeprovisionsNobody() {
    GRAPH.changeTo(without("e"));
    GRAPH.skewCount(1); // Graph counts 5, the listing has 4: a page went missing

    SyncReport report = engine.fullSync("test");

    assertThat(report.refusal()).isEqualTo(SyncReport.Refusal.UNVERIFIED_LISTING);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("e")).isTrue();
  }

  @Test
  void anExpiredDeltaTokenFallsBackToAFullSync() {
    GRAPH.changeTo(without("d"));
    GRAPH.expireDeltaTokens();

    SyncReport report = engine.deltaSync("test");

    assertThat(report.mode()).isEqualTo(SyncReport.Mode.FULL);
    assertThat(active("d")).isFalse();
  }
}
