package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source's own promises against a real Keycloak: listings (whole realm and chosen groups),
 * counts, groups and members, lookups and their scope, and a failure in the middle of a listing.
 */
class KeycloakSourceIT extends RealmTestBase {

  static final int USERS = 45;
  static final int TEAMS = 3;
  static final int PAGE = 7;

  KeycloakSourceIT(KeycloakServer server) {
    super(server, new TestRealm("source", USERS, TEAMS));
  }

  private KeycloakSource.Builder source() {
    return source(proxy, realm.name()).pageSize(PAGE);
  }

  private static List<SourceUser> list(KeycloakSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.toList();
    }
  }

  private static Set<String> usernames(List<SourceUser> users) {
    return users.stream().map(u -> (String) u.attributes().get("username"))
        .collect(Collectors.toSet());
  }

  @Test
  void listsTheWholeRealmOnceAndVouchesForItWithTheCount() {
    KeycloakSource source = source().build();
    assertThat(source.checkListing()).as("before any listing").isEqualTo(ListingCheck.Verdict.incomplete());
    List<SourceUser> users = list(source);
    assertThat(users).extracting(SourceUser::id).doesNotHaveDuplicates();
    assertThat(usernames(users))
        .isEqualTo(IntStream.range(0, USERS).mapToObj(TestRealm::username).collect(Collectors.toSet()));
    assertThat(source.checkListing()).isEqualTo(ListingCheck.Verdict.counted(USERS));
    SourceUser user3 = users.stream()
        .filter(u -> TestRealm.username(3).equals(u.attributes().get("username"))).findFirst().orElseThrow();
    assertThat(user3.attributes().get("enabled")).isEqualTo(true);
    assertThat(user3.attributes().get("attributes"))
        .isEqualTo(Map.of("employeeNumber", List.of("E3")));
    SourceUser user9 = users.stream()
        .filter(u -> TestRealm.username(9).equals(u.attributes().get("username"))).findFirst().orElseThrow();
    assertThat(user9.attributes().get("enabled")).isEqualTo(false);
  }

  @Test
  void listsGroupsWithTheirPathsAndDirectMembers() {
    KeycloakSource source = source().build();
    List<SourceGroup> groups;
    try (Stream<SourceGroup> s = source.groups()) {
      groups = s.toList();
    }
    assertThat(groups).extracting(SourceGroup::name).containsExactlyInAnyOrder(
        "team-00", "team-00/dev", "team-00/ops", "team-01", "team-01/dev", "team-01/ops",
        "team-02", "team-02/dev", "team-02/ops");
    Map<String, String> idByName = groups.stream()
        .collect(Collectors.toMap(SourceGroup::name, SourceGroup::id));
    Map<String, String> usernameById = list(source).stream().collect(Collectors.toMap(
        SourceUser::id, u -> (String) u.attributes().get("username")));
    try (Stream<String> ids = source.memberIds(idByName.get("team-01/dev"))) {
      assertThat(ids.map(usernameById::get)).containsExactlyInAnyOrderElementsOf(
          IntStream.range(0, USERS).filter(i -> i % TEAMS == 1 && realm.inDev(i))
              .mapToObj(TestRealm::username).toList());
    }
    try (Stream<String> ids = source.memberIds(idByName.get("team-02/ops"))) {
      assertThat(ids).isEmpty();
    }
  }

  @Test
  void chosenGroupsScopeTheListingAndEveryLookup() {
    KeycloakSource source = source().onlyMembersOf("/team-01", "/team-02/dev").build();
    List<SourceUser> users = list(source);
    assertThat(users).extracting(SourceUser::id).doesNotHaveDuplicates();
    assertThat(usernames(users)).isEqualTo(IntStream.range(0, USERS)
        .filter(i -> i % TEAMS == 1 || i % TEAMS == 2 && realm.inDev(i))
        .mapToObj(TestRealm::username).collect(Collectors.toSet()));
    assertThat(users.get(0).attributes().get("attributes")).isNotNull(); // full records
    assertThat(source.checkListing()).isEqualTo(ListingCheck.Verdict.uncounted());

    String outsider = TestRealm.username(0); // team-00 only
    String insider = TestRealm.username(1);
    assertThat(source.lookup("email", TestRealm.email(0))).isEmpty();
    assertThat(source.lookup("username", outsider)).isEmpty();
    SourceUser found = source.lookup("email", TestRealm.email(1)).orElseThrow();
    assertThat(found.attributes().get("username")).isEqualTo(insider);
    assertThat(source.lookupById(found.id())).map(SourceUser::id).contains(found.id());
    String outsiderId = source().build().lookup("username", outsider).orElseThrow().id();
    assertThat(source.lookupById(outsiderId)).isEmpty();
  }

  @Test
  void aChosenGroupThatIsGoneFailsTheListing() {
    KeycloakSource source = source().onlyMembersOf("/team-01", "/no-such-team").build();
    assertThatThrownBy(() -> list(source))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED))
        .hasMessageContaining("keycloak has no group /no-such-team");
  }

  @Test
  void looksUpExactlyAndCaseInsensitively() {
    KeycloakSource source = source().build();
    String id = source.lookup("username", "USER-0004").orElseThrow().id();
    assertThat(source.lookup("email", "User-0004@ACME.example")).map(SourceUser::id).contains(id);
    assertThat(source.lookup("id", id)).map(SourceUser::id).contains(id);
    assertThat(source.lookup("username", "user-000")).as("no prefix match").isEmpty();
    assertThat(source.lookup("email", "acme.example")).isEmpty();
    assertThat(source.lookupById(UUID.randomUUID().toString())).isEmpty();
    assertThat(source.lookupById("../users/count")).isEmpty();
  }

  @Test
  void twoUsersWithOneEmailAreAConflictNotAGuess() {
    new TestRealm("dupes", 2, 1).create(admin);
    admin.send("PUT", "/admin/realms/dupes", KeycloakAdmin.object().put("duplicateEmailsAllowed", true));
    ObjectNode second = (ObjectNode) admin.send("GET",
        "/admin/realms/dupes/users?exact=true&username=" + TestRealm.username(1), null).get(0);
    admin.send("PUT", "/admin/realms/dupes/users/" + second.get("id").asText(),
        second.put("email", TestRealm.email(0)));
    KeycloakSource source = source(proxy, "dupes").build();
    assertThatThrownBy(() -> source.lookup("email", TestRealm.email(0)))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.CONFLICT))
        .hasMessage("keycloak has 2 users with that email; they cannot be told apart");
  }

  @Test
  void aFailureInTheMiddleOfTheListingThrowsAndNeverEndsItQuietly() {
    KeycloakSource source = source().build();
    List<SourceUser> before = new ArrayList<>();
    proxy.fail(pathAndQuery -> pathAndQuery.startsWith("/admin/realms/source/users?")
        && pathAndQuery.contains("first=13&"));
    try (Stream<SourceUser> users = source.users()) {
      assertThatThrownBy(() -> users.forEach(before::add))
          .isInstanceOfSatisfying(SourceCallException.class, e -> {
            assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
            assertThat(e.status()).isEqualTo(500);
          });
    } finally {
      proxy.heal();
    }
    assertThat(before).hasSize(14); // two pages: 0-6, then 6-13 without the repeated anchor
    assertThat(source.checkListing()).isEqualTo(ListingCheck.Verdict.incomplete());
  }
}
