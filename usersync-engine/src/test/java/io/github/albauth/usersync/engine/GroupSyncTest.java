package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Group sync: groups the source no longer returns, shielded groups, and the dry run's plan. */
class GroupSyncTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);

  private List<String> members(String group) {
    try (Stream<String> s = store.members(group)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  /** Syncs staff (user0, user1) and sales (user2), then drops sales from the source. */
  private SyncEngine syncThenDropSales(SyncEngine.Builder builder) {
    source.groups.put("staff", List.of("id-0", "id-1"));
    source.groups.put("sales", List.of("id-2"));
    SyncEngine engine = builder.build();
    assertThat(engine.fullSync("manual").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(members("sales")).containsExactly("user2");
    source.groups.remove("sales");
    return engine;
  }

  @Test
  void aGroupGoneFromTheSourceLosesItsMembersAndStaysAsAManagedGroup() {
    SyncEngine engine = syncThenDropSales(engine(store, source).syncGroups());
    long writes = store.writes();

    SyncReport plan = engine.dryRun("manual");
    assertThat(plan.groupChanges()).isEqualTo(1);
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(members("sales")).containsExactly("user2");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.groupChanges()).isEqualTo(1);
    assertThat(members("sales")).isEmpty();
    assertThat(store.findGroup("sales").orElseThrow().isManagedBy("entra")).isTrue();
    assertThat(members("staff")).containsExactly("user0", "user1");
    assertThat(store.findByUsername("user2").orElseThrow().active()).isTrue();
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aGroupComingBackIsRefilled() {
    SyncEngine engine = syncThenDropSales(engine(store, source).syncGroups());
    engine.fullSync("manual");
    source.groups.put("sales", List.of("id-2"));

    assertThat(engine.fullSync("manual").groupChanges()).isEqualTo(1);
    assertThat(members("sales")).containsExactly("user2");
  }

  @Test
  void whenUserAndGroupCleanupAreBothRefusedTheReportNamesTheUsersRuleAndTheMessageBoth() {
    syncThenDropSales(engine(store, source).syncGroups());
    source.groups.clear();
    source.users.remove(0);
    SyncEngine engine = engine(store, source).syncGroups().maxDeprovisions(0).build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.MAX_DEPROVISIONS);
    assertThat(report.message()).isEqualTo("the run would deprovision 1 users, more than"
        + " maxDeprovisions 0; check the source, or raise the limit; the source returned 2 users"
        + " and 0 groups; the members of 2 groups no longer returned by entra were kept"
        + " (allowEmptySource() permits this)");
  }

  @Test
  void aSourceFailureKeepsTheMembersOfVanishedGroups() {
    SyncEngine engine = syncThenDropSales(engine(store, source).syncGroups());
    source.failOnPage = 0;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.groupChanges()).isZero();
    assertThat(members("sales")).containsExactly("user2");
  }

  @Test
  void anIncompletePassKeepsTheMembersOfVanishedGroupsAndSaysSo() {
    source.groups.put("staff", List.of("id-0", "id-1"));
    source.groups.put("sales", List.of("id-2"));
    boolean[] failId0 = {false};
    SyncEngine engine = SyncEngine.builder().store(store).source(source).syncGroups()
        .mapper(src -> {
          if (failId0[0] && "id-0".equals(src.get("id"))) {
            throw new MappingException(MappingException.Reason.EVALUATION_ERROR, "email", "boom");
          }
          return Fixtures.MAPPER.map(src);
        }).build();
    engine.fullSync("manual");
    source.groups.remove("sales");
    failId0[0] = true;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.INCOMPLETE_PASS);
    assertThat(report.message()).isEqualTo("1 users failed to map, so the pass is incomplete;"
        + " the members of 1 groups no longer returned by entra were kept");
    assertThat(members("sales")).containsExactly("user2");
  }

  @Test
  void anEmptyGroupResultEmptiesNothingUnlessAllowed() {
    syncThenDropSales(engine(store, source).syncGroups());
    source.groups.clear();
    SyncEngine engine = engine(store, source).syncGroups().build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.EMPTY_SOURCE);
    assertThat(report.message()).isEqualTo("the source returned 3 users and 0 groups; the members"
        + " of 2 groups no longer returned by entra were kept (allowEmptySource() permits this)");
    assertThat(members("staff")).containsExactly("user0", "user1");

    SyncReport allowed = engine(store, source).syncGroups().allowEmptySource().build()
        .fullSync("manual");
    assertThat(allowed.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(allowed.groupChanges()).isEqualTo(3);
    assertThat(members("staff")).isEmpty();
    assertThat(members("sales")).isEmpty();
  }

  @Test
  void protectedDefaultLocalAndOtherSourcesGroupsKeepTheirMembers() {
    store.create(StoredUser.local("carol", true, Map.of()));
    store.createGroup(StoredGroup.managed("vip", "entra", "gid-vip"));
    store.createGroup(StoredGroup.managed("app-users", "entra", "gid-app-users"));
    store.createGroup(StoredGroup.local("local-admins"));
    store.createGroup(StoredGroup.managed("okta-staff", "okta", "gid-1"));
    for (String group : List.of("vip", "app-users", "local-admins", "okta-staff")) {
      store.addMember(group, "carol");
    }
    SyncEngine engine = syncThenDropSales(engine(store, source).syncGroups()
        .protectGroups("vip").defaultGroups("app-users"));

    SyncReport report = engine.fullSync("manual");

    assertThat(report.groupChanges()).isEqualTo(1);
    assertThat(members("sales")).isEmpty();
    assertThat(members("vip")).containsExactly("carol");
    assertThat(members("app-users")).containsExactly("carol", "user0", "user1", "user2");
    assertThat(members("local-admins")).containsExactly("carol");
    assertThat(members("okta-staff")).containsExactly("carol");
  }

  @Test
  void aSourceGroupNamedLikeADefaultGroupIsLeftAlone() {
    store.create(StoredUser.local("carol", true, Map.of()));
    store.createGroup(StoredGroup.local("app-users"));
    store.addMember("app-users", "carol");
    source.groups.put("app-users", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().defaultGroups("app-users").build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.groupChanges()).isZero();
    assertThat(store.findGroup("app-users").orElseThrow().source()).isNull();
    assertThat(members("app-users")).containsExactly("carol", "user0", "user1", "user2");
  }

  @Test
  void aDryRunOnAnEmptyStorePlansTheMembershipsOfUsersItWouldCreate() {
    source.groups.put("staff", List.of("id-0", "id-1"));
    source.groups.put("sales", List.of("id-2", "id-unknown"));
    SyncEngine engine = engine(store, source).syncGroups().build();

    SyncReport plan = engine.dryRun("manual");
    assertThat(store.writes()).isZero();
    SyncReport report = engine.fullSync("manual");

    assertThat(report.groupChanges()).isEqualTo(5);
    assertThat(plan.groupChanges()).isEqualTo(report.groupChanges());
    assertThat(plan.writes()).isEqualTo(report.writes());
  }

  @Test
  void aDryRunPlansNewUsersNextToExistingMembers() {
    source.groups.put("staff", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    source.add(5);
    source.groups.put("staff", List.of("id-0", "id-3", "id-4"));

    SyncReport plan = engine.dryRun("manual");

    assertThat(plan.groupChanges()).isEqualTo(2);
    assertThat(engine.fullSync("manual").groupChanges()).isEqualTo(2);
    assertThat(members("staff")).containsExactly("user0", "user3", "user4");
  }
}
