package io.github.albauth.usersync.connectors.google;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.connectors.google.simulation.GoogleSimulation;
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

/** The Google connector under the real sync engine, against the simulation of Google's API. */
class GoogleEngineTest {

  static final GoogleSimulation GOOGLE = new GoogleSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(GOOGLE)).build();

  private final InMemoryUserStore store = new InMemoryUserStore();
  private SyncEngine engine;
  private TestDirectory directory;

  @BeforeEach
  void firstSync() {
    directory = new TestDirectory(List.of(user("101", true), user("102", true), user("103", true),
        user("104", true), user("105", true)), List.of());
    GOOGLE.serve(server, directory);
    GoogleSource source = GoogleSource.create(GoogleSourceComplianceTest.config(GOOGLE, server.baseUrl())
        .userPageSize(2).build());
    engine = SyncEngine.builder().store(store).source(source)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.GOOGLE).build())
        .maxDeprovisionShare(1.0).build();
    assertThat(engine.fullSync("test").count(UserOutcome.Kind.CREATED)).isEqualTo(5);
  }

  private static TestDirectory.User user(String id, boolean active) {
    return new TestDirectory.User(id, "user" + id + "@example.com", "alias" + id + "@example.com",
        active, Set.of());
  }

  private TestDirectory with(String id, boolean present, boolean active) {
    List<TestDirectory.User> users = new java.util.ArrayList<>();
    for (TestDirectory.User u : directory.users()) {
      if (!u.id().equals(id)) {
        users.add(u);
      } else if (present) {
        users.add(user(id, active));
      }
    }
    return new TestDirectory(users, List.of());
  }

  private boolean active(String id) {
    return store.findByUsername("user" + id + "@example.com").map(StoredUser::active).orElseThrow();
  }

  @Test
  void aUserDeletedInGoogleIsDeactivatedByTheNextFullSync() {
    GOOGLE.changeTo(with("105", false, false)); // not listed, and users.get answers 404

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("105")).isFalse();
    assertThat(active("104")).isTrue();
  }

  @Test
  void aUserSuspendedInGoogleIsDeactivatedByTheNextFullSync() {
    GOOGLE.changeTo(with("103", true, false));

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(active("103")).isFalse();
    assertThat(active("102")).isTrue();
  }

  @Test
  void aServerErrorMidPagingDeprovisionsNobody() {
    GOOGLE.changeTo(with("105", false, false));
    GOOGLE.failUserPagesAfterFirst();

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("HTTP 503", "backendError");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("105")).isTrue();
  }

  @Test
  void aPageCutShortDeprovisionsNobody() {
    GOOGLE.changeTo(with("105", false, false));
    GOOGLE.cutUserPagesAfterFirst();

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("not the JSON expected");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("105")).isTrue();
  }

  @Test
  void quotaErrorsPastTheRetriesFailTheSyncAndDeprovisionNobody() {
    GOOGLE.changeTo(with("105", false, false));
    GOOGLE.quotaPerMinute(1); // two pages of users; the retries come a few ms apart

    SyncReport report = engine.fullSync("test");

    assertThat(GOOGLE.throttled()).isEqualTo(2);
    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("HTTP 403", "userRateLimitExceeded");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("105")).isTrue();
  }

  @Test
  void aQuotaErrorOnTheConfirmingLookupKeepsTheUser() {
    GOOGLE.changeTo(with("105", false, false));
    GOOGLE.quotaPerMinute(2); // the listing's two pages pass; users.get of 105 does not

    SyncReport report = engine.fullSync("test");

    assertThat(GOOGLE.throttled()).isEqualTo(2);
    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("105")).isTrue();
  }

  @Test
  void aHostileAddressFailsThatUserOnly() {
    List<TestDirectory.User> users = new java.util.ArrayList<>(directory.users());
    users.add(new TestDirectory.User("106", "admin\u202E@example.com", "x106@example.com", true,
        Set.of()));
    GOOGLE.changeTo(new TestDirectory(users, List.of()));

    SyncReport report = engine.fullSync("test");

    assertThat(report.count(UserOutcome.Kind.FAILED)).isEqualTo(1);
    assertThat(report.count(UserOutcome.Kind.UNCHANGED)).isEqualTo(5);
    assertThat(store.findByUsername("admin\u202E@example.com")).isEmpty();
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
  }
}
