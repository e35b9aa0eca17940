package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserUpdate;
import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Login-time provisioning (JIT and lookup), groups, and per-user serialisation. */
class ProvisioningTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);
  private final JitSource jit = JitSource.fromClaim("oid");

  private static Map<String, Object> claims(String oid, String userName) {
    Map<String, Object> claims = new HashMap<>(ScriptedSource.user(oid, userName));
    claims.remove("accountEnabled");
    claims.put("oid", oid);
    claims.put("sub", "pairwise-" + oid);
    return claims;
  }

  private List<String> groupsOf(String username) {
    try (var s = store.groupsOf(username)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  @Test
  void jitCreatesTheUserWithDefaultGroupsAndMappedGroups() {
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER)
        .defaultGroups("app-users").build();
    Map<String, Object> claims = claims("oid-1", "alice");
    claims.put("groups", List.of("staff", "admins"));

    UserOutcome outcome = engine.provision(jit.user(claims));

    assertThat(outcome.kind()).isEqualTo(Kind.CREATED);
    assertThat(outcome.changed()).contains("username", "email", "groups");
    assertThat(store.findByExternalId("entra", "oid-1").orElseThrow().username()).isEqualTo("alice");
    assertThat(groupsOf("alice")).containsExactly("admins", "app-users", "staff");
    assertThat(store.findGroup("app-users").orElseThrow().source()).isNull();
    assertThat(store.findGroup("staff").orElseThrow().source()).isEqualTo("entra");

    claims.put("groups", List.of("staff"));
    assertThat(engine.provision(jit.user(claims)).changed()).containsExactly("groups");
    assertThat(groupsOf("alice")).containsExactly("app-users", "staff");
    assertThat(engine.provision(jit.user(claims)).kind()).isEqualTo(Kind.UNCHANGED);
  }

  @Test
  void mappedGroupsNeverJoinLocalOrProtectedGroupsNorLeaveThem() {
    store.createGroup(StoredGroup.local("root"));
    store.createGroup(StoredGroup.managed("auditors", "entra", "g-aud"));
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER)
        .protectGroups("auditors").build();
    Map<String, Object> claims = claims("oid-1", "alice");
    claims.put("groups", List.of("root", "auditors", "staff"));
    engine.provision(jit.user(claims));
    assertThat(groupsOf("alice")).containsExactly("staff");

    store.addMember("root", "alice");
    store.addMember("auditors", "alice");
    claims.put("groups", List.of());
    engine.provision(jit.user(claims));
    assertThat(groupsOf("alice")).containsExactly("auditors", "root");
  }

  @Test
  void jitNeverDeactivatesNorReactivates() {
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER).build();
    Map<String, Object> claims = claims("oid-1", "alice");
    claims.put("accountEnabled", false);
    assertThat(engine.provision(jit.user(claims)).kind()).isEqualTo(Kind.CREATED);
    assertThat(store.findByUsername("alice").orElseThrow().active()).isTrue();

    store.deactivate("alice");
    claims.put("accountEnabled", true);
    UserOutcome outcome = engine.provision(jit.user(claims));
    assertThat(outcome.kind()).isEqualTo(Kind.SKIPPED);
    assertThat(outcome.reason()).isEqualTo("user is inactive; login-time provisioning never reactivates");
    assertThat(store.findByUsername("alice").orElseThrow().active()).isFalse();
  }

  @Test
  void jitSourceRejectsClaimsWithoutTheIdClaim() {
    assertThatThrownBy(() -> jit.user(Map.of("sub", "x")))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.INVALID_USER))
        .hasMessage("claims have no usable oid claim");
    assertThatThrownBy(() -> jit.user(Map.of("oid", List.of("a"))))
        .hasMessage("claims have no usable oid claim (found an array)");
    assertThatThrownBy(() -> jit.user(Map.of("oid", " ")))
        .hasMessage("claims have no usable oid claim (found a blank string)");
    assertThatThrownBy(() -> jit.user(Map.of("oid", 42)))
        .hasMessage("claims have no usable oid claim (found a number)");
    assertThat(JitSource.fromSub().user(Map.of("sub", "s1")).id()).isEqualTo("s1");
  }

  @Test
  void jitAndDirectorySyncManageTheSameUser() {
    SyncEngine engine = engine(store, source).build();
    engine.provision(jit.user(claims("id-1", "user1")));

    SyncReport report = engine.fullSync("manual");

    assertThat(report.count(Kind.CREATED)).isEqualTo(2);
    assertThat(report.count(Kind.FAILED)).isZero();
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void loginTimeLookupStoresTheFullRecord() {
    SyncEngine engine = engine(store, source).build();
    source.find("id-2").put("accountEnabled", false);

    assertThat(engine.lookupAndProvision("mail", "user2@example.com")).hasValueSatisfying(
        o -> assertThat(o.kind()).isEqualTo(Kind.CREATED));
    assertThat(store.findByUsername("user2").orElseThrow().active()).isFalse();
    assertThat(engine.lookupAndProvision("mail", "nobody@example.com")).isEmpty();
  }

  @Test
  void lookupNeedsASourceThatCanLookUp() {
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER).build();
    assertThatThrownBy(() -> engine.lookupAndProvision("mail", "a@b"))
        .hasMessage("source entra does not implement UserLookup; use provision(…) instead");
    assertThatThrownBy(() -> engine.fullSync("manual"))
        .hasMessage("no directory source configured; set source(…) on the builder to sync");
  }

  @Test
  void listenersHearOfLoginTimeProvisioningButGetNoRunEvent() {
    List<String> events = new ArrayList<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void userProcessed(String sourceId, UserOutcome outcome) {
        events.add(sourceId + " " + outcome.kind() + " " + outcome.username());
      }

      @Override
      public void runFinished(SyncReport report) {
        events.add("run " + report.trigger());
      }
    };
    SyncEngine engine = engine(store, source).listener(listener).build();
    Map<String, Object> claims = claims("oid-1", "alice");

    engine.provision(jit.user(claims));
    engine.provision(jit.user(claims));
    claims.put("mail", "alice@new.example.com");
    engine.provision(jit.user(claims));
    engine.lookupAndProvision("mail", "user2@example.com");

    assertThat(events).containsExactly("entra CREATED alice", "entra UNCHANGED alice",
        "entra UPDATED alice", "entra CREATED user2");
  }

  @Test
  void groupSyncMirrorsSourceGroupsAndLeavesLocalOnesAlone() {
    source.groups.put("staff", List.of("id-0", "id-1"));
    source.groups.put("local-admins", List.of("id-2"));
    store.createGroup(StoredGroup.local("local-admins"));
    SyncEngine engine = engine(store, source).syncGroups().build();

    SyncReport first = engine.fullSync("manual");

    assertThat(first.groupChanges()).isEqualTo(3);
    assertThat(store.findGroup("staff").orElseThrow().externalId()).isEqualTo("gid-staff");
    assertThat(groupsOf("user0")).containsExactly("staff");
    assertThat(groupsOf("user2")).isEmpty();

    source.groups.put("staff", List.of("id-1", "id-2"));
    SyncReport second = engine.fullSync("manual");
    assertThat(second.groupChanges()).isEqualTo(2);
    assertThat(groupsOf("user0")).isEmpty();
    assertThat(groupsOf("user2")).containsExactly("staff");
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void groupSyncNeverRemovesProtectedUsersFromSourceGroups() {
    source.groups.put("staff", List.of("id-0", "id-1", "id-2"));
    SyncEngine engine = engine(store, source).syncGroups().protectUsers("user1").build();
    engine.fullSync("manual");
    source.groups.put("staff", List.of("id-0"));

    engine.fullSync("manual");

    try (var members = store.members("staff")) {
      assertThat(members.sorted()).containsExactly("user0", "user1");
    }
  }

  @Test
  void aGroupSourceFailureAbortsBeforeCleanup() {
    ScriptedSource failing = new ScriptedSource() {
      @Override
      public java.util.stream.Stream<String> memberIds(String groupId) {
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "HTTP 429, retries exhausted");
      }
    }.add(3);
    failing.groups.put("staff", List.of("id-0"));
    SyncEngine engine = engine(store, failing).syncGroups().build();
    engine.fullSync("manual");
    failing.users.remove(0);

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(report.message())
        .isEqualTo("group sync failed, nothing deprovisioned: HTTP 429, retries exhausted");
    assertThat(store.findByUsername("user0").orElseThrow().active()).isTrue();
  }

  @Test
  void cleanupCanStripGroupsButNotProtectedOnes() {
    source.groups.put("staff", List.of("id-0"));
    source.groups.put("vip", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().stripGroupsOnCleanup()
        .protectGroups("vip").defaultGroups("app-users").build();
    engine.fullSync("manual");
    store.createGroup(StoredGroup.managed("vip", "entra", "gid-vip"));
    store.addMember("vip", "user0");
    assertThat(groupsOf("user0")).containsExactly("app-users", "staff", "vip");
    source.users.remove(0);
    source.groups.put("staff", List.of("id-0"));

    engine.fullSync("manual");

    assertThat(store.findByUsername("user0").orElseThrow().active()).isFalse();
    assertThat(groupsOf("user0")).containsExactly("app-users", "vip");
  }

  @Test
  @Timeout(10)
  void aLoginDuringASyncWaitsForTheSyncToFinishWithThatUser() throws Exception {
    PausingStore pausing = new PausingStore(store, "id-1");
    SyncEngine engine = SyncEngine.builder().store(pausing).source(source).mapper(Fixtures.MAPPER).build();

    PausingStore.Outcomes outcomes =
        pausing.loginDuringSync(engine, engine, jit.user(claims("id-1", "user1")));

    assertThat(outcomes.sync().count(Kind.FAILED)).isZero();
    assertThat(outcomes.login().kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void missingValuePoliciesApplyPerAttribute() {
    Map<String, Object> record = new HashMap<>(ScriptedSource.user("id-9", "nine"));
    ScriptedSource src = new ScriptedSource();
    src.users.add(record);
    SyncEngine engine = SyncEngine.builder().store(store).source(src)
        .mapper(s -> {
          Map<String, Object> m = new HashMap<>();
          m.put("username", s.get("userName"));
          m.put("email", s.get("nothing"));
          m.put("displayName", s.get("nothing"));
          m.put("mail", null);
          m.put("title", s.get("title"));
          return MappingResult.mapped(m);
        })
        .onMissing("displayName", MissingValue.CLEAR)
        .onMissing("mail", MissingValue.SOURCE_VALUE)
        .onMissing("title", MissingValue.SKIP_USER)
        .build();
    record.put("title", "Engineer");
    engine.fullSync("manual");
    StoredUser created = store.findByUsername("nine").orElseThrow();
    assertThat(created.attributes()).containsOnly(
        Map.entry("mail", "nine@example.com"), Map.entry("title", "Engineer"));

    store.update("nine", new UserUpdate(null, Map.of("email", "kept@x", "displayName", "gone")));
    engine.fullSync("manual");
    assertThat(store.findByUsername("nine").orElseThrow().attributes())
        .containsEntry("email", "kept@x").doesNotContainKey("displayName");

    record.remove("title");
    SyncReport report = engine.dryRun("manual");
    assertThat(report.outcomes()).extracting(UserOutcome::kind, UserOutcome::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.SKIPPED, "mapping yielded nothing for title"),
        org.assertj.core.groups.Tuple.tuple(Kind.DEACTIVATED, "no longer returned by entra;"
            + " confirmed out of scope (mapping yielded nothing for title)"));
  }

  @Test
  void aMappingWithoutUsernameFailsThatUser() {
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("entra")
        .mapper(s -> MappingResult.mapped(Map.of("email", "x@y"))).build();
    UserOutcome outcome = engine.provision(jit.user(claims("oid-1", "alice")));
    assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
    assertThat(outcome.reason()).isEqualTo("mapping yielded no username for source user oid-1; map username");
  }
}
