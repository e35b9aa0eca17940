package io.github.albauth.usersync.connectors.okta;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.connectors.okta.simulation.OktaSimulation;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Okta connector under the real sync engine, against the simulation of Okta's API. */
class OktaEngineTest {

  static final OktaSimulation OKTA = new OktaSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(OKTA)).build();

  private final InMemoryUserStore store = new InMemoryUserStore();
  private SyncEngine engine;
  private TestDirectory directory;

  @BeforeEach
  void firstSync() {
    directory = new TestDirectory(List.of(
        user("00u1"), user("00u2"), user("00u3"), user("00u4"), user("00u5")), List.of());
    OKTA.serve(server, directory);
    OktaSource source = OktaSource.create(OktaConfig.builder().orgUrl(URI.create(server.baseUrl()))
        .apiToken("00test").userPageSize(2).http(OktaSourceComplianceTest.fastRetries()).build());
    engine = SyncEngine.builder().store(store).source(source)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.OKTA).build())
        .maxDeprovisionShare(1.0).build();
    assertThat(engine.fullSync("test").count(UserOutcome.Kind.CREATED)).isEqualTo(5);
  }

  private static TestDirectory.User user(String id) {
    return new TestDirectory.User(id, id + "@example.com", id + "@mail.example.com", true, Set.of());
  }

  private TestDirectory without(String id) {
    return new TestDirectory(directory.users().stream().filter(u -> !u.id().equals(id)).toList(),
        List.of());
  }

  private boolean active(String id) {
    return store.findByUsername(id + "@example.com").map(StoredUser::active).orElseThrow();
  }

  @Test
  void aUserDeprovisionedInOktaIsDeactivatedByTheNextFullSync() {
    OKTA.changeTo(without("00u5")); // the listing no longer has it; GET /users/{id} says DEPROVISIONED

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("00u5")).isFalse();
    assertThat(active("00u4")).isTrue();
  }

  @Test
  void aUserDeprovisionedInOktaIsDeactivatedByTheNextDeltaSync() {
    assertThat(engine.deltaSync("test").mode()).isEqualTo(SyncReport.Mode.FULL); // takes a token
    OKTA.changeTo(without("00u3")); // seen only through filter=lastUpdated gt …

    SyncReport report = engine.deltaSync("test");

    assertThat(report.mode()).isEqualTo(SyncReport.Mode.DELTA);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("00u3")).isFalse();
  }

  @Test
  void aServerErrorMidPagingDeprovisionsNobody() {
    OKTA.changeTo(without("00u5"));
    OKTA.failUserPagesAfterFirst();

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("HTTP 500", "E0000009");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("00u5")).isTrue();
  }
}
