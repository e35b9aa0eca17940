package io.github.albauth.usersync.connectors.onelogin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.connectors.onelogin.simulation.OneLoginSimulation;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OneLogin connector under the real sync engine, against the simulation of OneLogin's API v2. */
class OneLoginEngineTest {

  static final OneLoginSimulation ONELOGIN = new OneLoginSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(ONELOGIN)).build();

  private static final TestDirectory.Group ENGINEERING =
      new TestDirectory.Group("199848", "Engineering");

  private final InMemoryUserStore store = new InMemoryUserStore();
  private SyncEngine engine;
  private TestDirectory directory;

  @BeforeEach
  void firstSync() {
    directory = new TestDirectory(List.of(user("36216761", true), user("36216762", true),
        user("36216763", false), user("36216764", true), user("36216765", true)),
        List.of(ENGINEERING));
    ONELOGIN.serve(server, directory);
    OneLoginSource source = OneLoginSource.create(OneLoginSourceComplianceTest.config(server)
        .userPageSize(2).http(OneLoginSourceComplianceTest.fastRetries()).build());
    engine = SyncEngine.builder().store(store).source(source)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.ONELOGIN).build())
        .syncGroups().maxDeprovisionShare(1.0).build();
    assertThat(engine.fullSync("test").count(UserOutcome.Kind.CREATED)).isEqualTo(5);
  }

  /** Users 36216761 to 36216763 hold the role Engineering. */
  private static TestDirectory.User user(String id, boolean active) {
    return new TestDirectory.User(id, id + "@example.com", id + "@mail.example.com", active,
        id.compareTo("36216764") < 0 ? Set.of(ENGINEERING.id()) : Set.of());
  }

  private TestDirectory changed(String id, boolean deleted) {
    return new TestDirectory(directory.users().stream()
        .filter(u -> !(deleted && u.id().equals(id)))
        .map(u -> u.id().equals(id) ? new TestDirectory.User(id, u.login(), u.email(), false,
            u.groupIds()) : u)
        .toList(), directory.groups());
  }

  private boolean active(String id) {
    return store.findByUsername(id + "@example.com").map(StoredUser::active).orElseThrow();
  }

  @Test
  void rolesBecomeGroupsAndSuspendedUsersStartInactive() {
    try (Stream<String> members = store.members("Engineering")) {
      assertThat(members.collect(Collectors.toSet())).containsExactlyInAnyOrder(
          "36216761@example.com", "36216762@example.com", "36216763@example.com");
    }
    assertThat(active("36216763")).as("status 2").isFalse();
    assertThat(active("36216764")).isTrue();
  }

  @Test
  void aUserDeletedInOneLoginIsDeactivatedByTheNextFullSync() {
    ONELOGIN.changeTo(changed("36216765", true)); // gone from the listing; GET /users/{id} is 404

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(active("36216765")).isFalse();
    assertThat(active("36216764")).isTrue();
  }

  @Test
  void aUserSuspendedInOneLoginIsDeactivatedByTheNextDeltaSync() {
    assertThat(engine.deltaSync("test").mode()).isEqualTo(SyncReport.Mode.FULL); // takes a token
    ONELOGIN.changeTo(changed("36216762", false)); // status 2, updated_at now

    SyncReport report = engine.deltaSync("test");

    assertThat(report.mode()).isEqualTo(SyncReport.Mode.DELTA);
    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(active("36216762")).isFalse();
    assertThat(active("36216761")).isTrue();
    assertThat(ONELOGIN.requests()).containsKey("GET /api/2/users")
        .doesNotContainKey("GET /api/2/users/{id}");
  }

  @Test
  void aServerErrorMidPagingDeprovisionsNobody() {
    ONELOGIN.changeTo(changed("36216765", true));
    ONELOGIN.failUserPagesAfterFirst();

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message()).contains("HTTP 500", "InternalServerError");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("36216765")).isTrue();
  }

  @Test
  void aListingCutShortDeprovisionsNobody() {
    ONELOGIN.changeTo(changed("36216765", true));
    ONELOGIN.truncateUserListing(); // two users listed, Total-Count 4

    SyncReport report = engine.fullSync("test");

    assertThat(report.status()).isEqualTo(SyncReport.Status.DEPROVISIONING_REFUSED);
    assertThat(report.message()).contains("counts 4 users in scope but listed 2");
    assertThat(report.count(UserOutcome.Kind.DEACTIVATED)).isZero();
    assertThat(active("36216765")).isTrue();
    assertThat(active("36216764")).isTrue();
  }
}
