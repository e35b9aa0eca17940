package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The connector and the engine against a real Keycloak: a full sync of a realm of a few hundred
 * users in 60 groups, counted request by request; renames, disabled, deleted and new users, a
 * member moved and a group renamed, synced again; then a login-time lookup.
 */
class KeycloakSyncIT extends RealmTestBase {

  static final int USERS = 310;
  static final int TEAMS = 20;
  static final int PAGE = 50;

  KeycloakSyncIT(KeycloakServer server) {
    super(server, new TestRealm("sync", USERS, TEAMS));
  }

  @Test
  void syncsTheRealmThenItsChangesThenLooksUpALogin() {
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder()
        .store(store)
        .source(source(proxy, realm.name()).pageSize(PAGE).build())
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.KEYCLOAK).build())
        .syncGroups()
        .build();

    proxy.reset();
    SyncReport first = engine.fullSync("test");
    assertThat(first.status()).as(first.message()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(first.count(UserOutcome.Kind.CREATED)).isEqualTo(USERS);
    // the round trips: pages of users (each page overlaps the one before by a user, so 310
    // users in pages of 50 take 7), one page of top-level groups, one page of subgroups per
    // team, one page of members per group, one token; never a request per user (and no count:
    // the engine asks for one only when someone is to be deprovisioned)
    assertThat(proxy.counts()).isEqualTo(Map.of(
        "POST /realms/sync/protocol/openid-connect/token", 1,
        "GET /users", 7,
        "GET /groups", 1,
        "GET /groups/{id}/children", TEAMS,
        "GET /groups/{id}/members", 3 * TEAMS));

    assertThat(store.managedBy("keycloak")).hasSize(USERS);
    StoredUser user7 = store.findByUsername(TestRealm.username(7)).orElseThrow();
    assertThat(user7.active()).isTrue();
    assertThat(user7.attributes()).containsEntry("email", TestRealm.email(7))
        .containsEntry("displayName", "First7 Last7");
    assertThat(store.findByUsername(TestRealm.username(9)).orElseThrow().active()).isFalse();
    assertThat(members(store, "team-03"))
        .isEqualTo(usernames(IntStream.range(0, USERS).filter(i -> i % TEAMS == 3)));
    assertThat(members(store, "team-03/dev"))
        .isEqualTo(usernames(IntStream.range(0, USERS).filter(i -> i % TEAMS == 3 && realm.inDev(i))));

    Map<Integer, String> ids = IntStream.range(0, 40).boxed().collect(Collectors.toMap(i -> i,
        i -> store.findByUsername(TestRealm.username(i)).orElseThrow().externalId()));
    for (int i = 0; i < 5; i++) {
      String renamed = "renamed-" + i;
      update(ids.get(i), user -> user.put("username", renamed));
      update(ids.get(10 + i), user -> user.put("enabled", false));
      admin.send("DELETE", users() + "/" + ids.get(20 + i), null);
    }
    createUser("newcomer", "newcomer@acme.example");
    String team10 = groupId("/team-10");
    String team11 = groupId("/team-11");
    admin.send("DELETE", users() + "/" + ids.get(30) + "/groups/" + team10, null);
    admin.send("PUT", users() + "/" + ids.get(30) + "/groups/" + team11, null);
    String team19 = groupId("/team-19");
    admin.send("PUT", "/admin/realms/sync/groups/" + team19,
        KeycloakAdmin.object().put("name", "team-19-renamed"));

    proxy.reset();
    SyncReport second = engine.fullSync("test");
    assertThat(second.status()).as(second.message()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(second.count(UserOutcome.Kind.CREATED)).isEqualTo(1);
    // the listing is vouched for by the count, and each candidate for cleanup is confirmed gone
    // with one lookup before it is deprovisioned
    assertThat(proxy.counts()).containsEntry("GET /users/count", 1).containsEntry("GET /users/{id}", 5);
    for (int i = 0; i < 5; i++) {
      assertThat(store.findByUsername(TestRealm.username(i))).isEmpty();
      StoredUser renamed = store.findByUsername("renamed-" + i).orElseThrow();
      assertThat(renamed.externalId()).isEqualTo(ids.get(i));
      assertThat(renamed.active()).isTrue();
      assertThat(store.findByUsername(TestRealm.username(10 + i)).orElseThrow().active()).isFalse();
      assertThat(store.findByUsername(TestRealm.username(20 + i)).orElseThrow().active()).isFalse();
    }
    assertThat(store.findByUsername("newcomer")).isPresent();
    assertThat(members(store, "team-10")).doesNotContain(TestRealm.username(30));
    assertThat(members(store, "team-11")).contains(TestRealm.username(30));
    assertThat(store.findGroup("team-19")).isEmpty();
    assertThat(members(store, "team-19-renamed")).contains(TestRealm.username(19));

    createUser("late-joiner", "Late.Joiner@acme.example");
    Optional<UserOutcome> login = engine.lookupAndProvision("email", "late.joiner@acme.example");
    assertThat(login).map(UserOutcome::kind).contains(UserOutcome.Kind.CREATED);
    assertThat(store.findByUsername("late-joiner").orElseThrow().active()).isTrue();
    assertThat(engine.lookupAndProvision("email", "nobody@acme.example")).isEmpty();
  }

  private static String users() {
    return "/admin/realms/sync/users";
  }

  private void update(String id, Consumer<ObjectNode> change) {
    ObjectNode user = (ObjectNode) admin.send("GET", users() + "/" + id, null);
    change.accept(user);
    admin.send("PUT", users() + "/" + id, user);
  }

  private void createUser(String username, String email) {
    admin.send("POST", users(), KeycloakAdmin.object()
        .put("username", username).put("email", email).put("enabled", true)
        .put("firstName", "New").put("lastName", "Comer"));
  }

  private String groupId(String path) {
    return admin.send("GET", "/admin/realms/sync/group-by-path" + path, null).get("id").asText();
  }

  private static Set<String> members(InMemoryUserStore store, String group) {
    try (Stream<String> members = store.members(group)) {
      return members.collect(Collectors.toSet());
    }
  }

  private static Set<String> usernames(IntStream indexes) {
    return indexes.mapToObj(TestRealm::username).collect(Collectors.toSet());
  }
}
