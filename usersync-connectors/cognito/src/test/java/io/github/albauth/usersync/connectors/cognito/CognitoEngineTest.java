package io.github.albauth.usersync.connectors.cognito;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.cognito.internal.StoreRecords;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import io.github.albauth.usersync.connectors.cognito.simulation.ScriptedDirectory;
import io.github.albauth.usersync.connectors.cognito.simulation.ScriptedDirectory.Person;
import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real sync engine pushing a scripted directory into the simulated user pool through {@link
 * CognitoUserStore}, and the pool read back through {@link CognitoSource}.
 */
class CognitoEngineTest {

  static final CognitoSimulation COGNITO = new CognitoSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(COGNITO)).build();

  private final ScriptedDirectory hr = new ScriptedDirectory("hr");
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private CognitoUserStore store(CognitoConfig config, PasswordProvider passwords) {
    CognitoUserStore store = CognitoUserStore.create(config, passwords);
    opened.add(store);
    return store;
  }

  private SyncEngine engine(CognitoUserStore store, CleanupAction cleanup) {
    return SyncEngine.builder().store(store).source(hr).mapper(ScriptedDirectory.mapper())
        .cleanup(cleanup).maxDeprovisionShare(1.0).build();
  }

  private Map<String, SourceUser> readBack() {
    CognitoSource source = CognitoSource.create(CognitoTests.fastConfig(server).build());
    opened.add(source);
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toMap(
          u -> String.valueOf(u.attributes().get("preferred_username")), u -> u));
    }
  }

  @Test
  void createsUpdatesRenamesDisablesAndDeletesWhatTheSourceSays() {
    COGNITO.emptyPool(server);
    List<Person> people = new ArrayList<>(ScriptedDirectory.people(30, 3));
    hr.set(people);
    CognitoUserStore store = store(CognitoTests.fastConfig(server).deleteUsers().build(),
        PasswordProvider.NONE);
    SyncEngine engine = engine(store, CleanupAction.DELETE);

    SyncReport first = engine.fullSync("test");

    assertThat(first.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(first.count(Kind.CREATED)).isEqualTo(30);
    String cognitoName = StoreRecords.cognitoUsername("hr", "ext-4");
    assertThat(COGNITO.usernames()).hasSize(30).contains(cognitoName);
    assertThat(COGNITO.attribute(cognitoName, "preferred_username")).isEqualTo("user-4");
    assertThat(COGNITO.attribute(cognitoName, "custom:department")).isEqualTo("dept-4");
    assertThat(COGNITO.attribute(cognitoName, "name")).isEqualTo("Given4 Family4");
    assertThat(COGNITO.invitations()).as("invitations are suppressed by default").isZero();
    CognitoSource source = CognitoSource.create(CognitoTests.fastConfig(server).build());
    opened.add(source);
    try (Stream<String> members = source.memberIds("team-1")) {
      assertThat(members).hasSize(10);
    }

    SyncReport again = engine.fullSync("test");
    assertThat(again.count(Kind.UNCHANGED)).isEqualTo(30);
    assertThat(again.writes()).as("a no-change run writes nothing").isZero();

    people.set(1, people.get(1).inDepartment("dept-new"));
    people.set(2, people.get(2).renamed("user-2-renamed"));
    people.set(3, people.get(3).active(false));
    people.set(5, people.get(5).inGroups(Set.of("team-0")));
    people.remove(29);
    hr.set(people);
    SyncReport changes = engine.fullSync("test");

    assertThat(changes.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(changes.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(changes.count(Kind.DELETED)).isEqualTo(1);
    Map<String, SourceUser> pool = readBack();
    assertThat(pool).hasSize(29).doesNotContainKey("user-2").doesNotContainKey("user-29");
    assertThat(pool.get("user-1").attributes().get("custom:department")).isEqualTo("dept-new");
    assertThat(pool.get("user-2-renamed").attributes().get("custom:albauth_id")).isEqualTo("ext-2");
    assertThat(pool.get("user-3").attributes().get("Enabled")).isEqualTo(false);
    try (Stream<String> members = source.memberIds("team-2")) {
      assertThat(members).as("user-5 left team-2").hasSize(8);
    }
  }

  @Test
  void withoutDeletionConfiguredTheEngineCannotDelete() {
    COGNITO.emptyPool(server);
    CognitoUserStore store = store(CognitoTests.fastConfig(server).build(), PasswordProvider.NONE);
    assertThat(store).isNotInstanceOf(io.github.albauth.usersync.UserDeletion.class);
    assertThatThrownBy(() -> engine(store, CleanupAction.DELETE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("UserDeletion");
  }

  @Test
  void hostPasswordsInvitationsAndVerifiedAddresses() {
    COGNITO.emptyPool(server);
    hr.set(ScriptedDirectory.people(3, 1));
    CognitoUserStore store = store(CognitoTests.fastConfig(server)
            .invitation(CognitoConfig.Invitation.EMAIL).markEmailVerified().build(),
        user -> user.username().equals("user-0") ? InitialPassword.permanent("Corr3ct-Horse!")
            : user.username().equals("user-1") ? InitialPassword.temporary("Temp0rary-Pass!")
            : InitialPassword.permanent("short"));

    SyncReport report = engine(store, CleanupAction.DISABLE).fullSync("test");

    assertThat(COGNITO.passwordAndStatus(StoreRecords.cognitoUsername("hr", "ext-0")))
        .isEqualTo("Corr3ct-Horse! CONFIRMED");
    assertThat(COGNITO.passwordAndStatus(StoreRecords.cognitoUsername("hr", "ext-1")))
        .isEqualTo("Temp0rary-Pass! FORCE_CHANGE_PASSWORD");
    assertThat(COGNITO.invitations()).isEqualTo(3);
    assertThat(COGNITO.attribute(StoreRecords.cognitoUsername("hr", "ext-1"), "email_verified"))
        .isEqualTo("true");
    assertThat(report.status()).isEqualTo(SyncReport.Status.PARTIAL);
    assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f.reason())
        .contains("InvalidPasswordException", "password policy").doesNotContain("short"));
  }

  @Test
  void hostileUsernamesAndGroupNamesNeverReachCognito() {
    COGNITO.emptyPool(server);
    List<Person> people = new ArrayList<>(ScriptedDirectory.people(2, 1));
    people.set(0, people.get(0).renamed("evil\u202Egnp.exe"));
    people.set(1, people.get(1).inGroups(Set.of("two words")));
    hr.set(people);
    CognitoUserStore store = store(CognitoTests.fastConfig(server).build(), PasswordProvider.NONE);

    SyncReport report = engine(store, CleanupAction.DISABLE).fullSync("test");

    assertThat(report.failures()).hasSize(2);
    assertThat(report.failures().get(0).reason()).contains("U+202E").doesNotContain("\u202E");
    assertThat(report.failures().get(1).reason()).contains("no spaces");
    assertThat(COGNITO.requests()).doesNotContainKey("CreateGroup");
    assertThat(COGNITO.usernames()).containsExactly(StoreRecords.cognitoUsername("hr", "ext-1"));
  }
}
