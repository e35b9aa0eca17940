package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 12, item 6: group sync removes only the memberships its source manages. */
class ManagedMembershipsTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);

  private List<String> members(String group) {
    try (Stream<String> s = store.members(group)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  @Test
  void aLocalAccountTheHostAddedToAManagedGroupStaysThroughAnUnchangedSync() {
    source.groups.put("eng", List.of("id-0", "id-1"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.create(StoredUser.local("svc-backup", true, Map.of()));
    store.create(StoredUser.managed("okta-ann", "okta", "o-1", true, Map.of()));
    store.addMember("eng", "svc-backup");
    store.addMember("eng", "okta-ann");
    store.addMember("eng", "user2"); // this source's user, added by the host

    SyncReport unchanged = engine.fullSync("manual");

    assertThat(unchanged.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(unchanged.writes()).isZero();
    assertThat(members("eng")).containsExactly("okta-ann", "svc-backup", "user0", "user1", "user2");

    source.groups.put("eng", List.of("id-1"));
    SyncReport dropped = engine.fullSync("manual");

    assertThat(dropped.groupChanges()).isEqualTo(1);
    assertThat(members("eng")).containsExactly("okta-ann", "svc-backup", "user1", "user2");
  }

  @Test
  void aVanishedGroupLosesOnlyTheMembersItsSourceAdded() {
    source.groups.put("eng", List.of("id-0"));
    source.groups.put("ops", List.of("id-1"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.create(StoredUser.local("svc-backup", true, Map.of()));
    store.addMember("eng", "svc-backup");
    source.groups.remove("eng");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(members("eng")).containsExactly("svc-backup");
  }

  @Test
  void mappedGroupsRemoveOnlyTheMembershipsTheEngineAdded() {
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER)
        .build();
    JitSource jit = JitSource.fromClaim("oid");
    Map<String, Object> claims = new HashMap<>(ScriptedSource.user("oid-1", "alice"));
    claims.remove("accountEnabled");
    claims.put("oid", "oid-1");
    claims.put("groups", List.of("staff", "eng"));
    engine.provision(jit.user(claims));
    store.createGroup(StoredGroup.managed("oncall", "entra", "oncall"));
    store.addMember("oncall", "alice"); // a managed group, but the host gave this membership

    claims.put("groups", List.of("staff"));
    engine.provision(jit.user(claims));

    try (Stream<String> groups = store.groupsOf("alice")) {
      assertThat(groups.sorted()).containsExactly("oncall", "staff");
    }
    try (Stream<String> managed = store.managedMemberships("alice", "entra")) {
      assertThat(managed).containsExactly("staff");
    }
  }
}
