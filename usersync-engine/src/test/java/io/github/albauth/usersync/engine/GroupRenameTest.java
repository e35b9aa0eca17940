package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 12, item 8: a group renamed in the source is the same group in the store. */
class GroupRenameTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);

  private List<String> members(String group) {
    try (Stream<String> s = store.members(group)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  private List<StoredGroup> managedGroups() {
    try (Stream<StoredGroup> s = store.managedGroups("entra")) {
      return s.sorted(java.util.Comparator.comparing(StoredGroup::name)).toList();
    }
  }

  @Test
  void aRenamedGroupKeepsItsIdentityMembersAndWhatTheHostAttached() {
    source.groups.put("eng", List.of("id-0", "id-1"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.create(StoredUser.local("svc-backup", true, Map.of()));
    store.addMember("eng", "svc-backup"); // the host's attachment
    source.renameGroup("eng", "engineering");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.groupChanges()).isEqualTo(1);
    assertThat(managedGroups()).containsExactly(StoredGroup.managed("engineering", "entra", "gid-eng"));
    assertThat(store.findGroup("eng")).isEmpty();
    assertThat(members("engineering")).containsExactly("svc-backup", "user0", "user1");
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void twoGroupsSwappingNamesAndAChainConverge() {
    source.groups.put("a", List.of("id-0"));
    source.groups.put("b", List.of("id-1"));
    source.groups.put("c", List.of("id-2"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    source.groups.clear();
    source.groupIds.put("b", "gid-a"); // a -> b, b -> a, c -> d
    source.groupIds.put("a", "gid-b");
    source.groupIds.put("d", "gid-c");
    source.groups.put("b", List.of("id-0"));
    source.groups.put("a", List.of("id-1"));
    source.groups.put("d", List.of("id-2"));

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(managedGroups()).containsExactly(
        StoredGroup.managed("a", "entra", "gid-b"),
        StoredGroup.managed("b", "entra", "gid-a"),
        StoredGroup.managed("d", "entra", "gid-c"));
    assertThat(members("b")).containsExactly("user0");
    assertThat(members("a")).containsExactly("user1");
    assertThat(members("d")).containsExactly("user2");
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aRenameOntoALocalGroupIsAReportedConflictThatLeavesBothGroupsAlone() {
    source.groups.put("eng", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.createGroup(StoredGroup.local("engineering"));
    store.addMember("engineering", "user2");
    source.renameGroup("eng", "engineering");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.message()).isEqualTo("1 group conflict: group gid-eng renamed from eng to"
        + " engineering in entra, but engineering is held by a local group; the group stays eng"
        + " (conflict; both groups left as they are)");
    assertThat(report.failures()).as("no user failed").isEmpty();
    assertThat(store.findGroup("eng")).contains(StoredGroup.managed("eng", "entra", "gid-eng"));
    assertThat(members("eng")).as("kept, not emptied as vanished").containsExactly("user0");
    assertThat(store.findGroup("engineering")).contains(StoredGroup.local("engineering"));
    assertThat(members("engineering")).containsExactly("user2");
    assertThat(engine.fullSync("manual").status()).as("reported again until resolved")
        .isEqualTo(Status.PARTIAL);

    store.removeMember("engineering", "user2");
    // the host deletes nothing through the SPI; renaming the local group away frees the name
    store.renameGroup("engineering", "engineering-old");
    SyncReport resolved = engine.fullSync("manual");
    assertThat(resolved.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(store.findGroup("engineering"))
        .contains(StoredGroup.managed("engineering", "entra", "gid-eng"));
    assertThat(members("engineering")).containsExactly("user0");
  }

  @Test
  void aRenameOntoAGroupOfAnotherSourceCorruptsNeither() {
    source.groups.put("eng", List.of("id-0", "id-1"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.createGroup(StoredGroup.managed("ops", "okta", "okta-ops"));
    store.addManagedMember("ops", "user2", "okta");
    source.renameGroup("eng", "ops");
    source.groups.put("ops", List.of("id-0")); // and user1 leaves it

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.message()).isEqualTo("1 group conflict: group gid-eng renamed from eng to ops"
        + " in entra, but ops is held by a group of okta; the group stays eng (conflict; both"
        + " groups left as they are)");
    assertThat(managedGroups()).containsExactly(StoredGroup.managed("eng", "entra", "gid-eng"));
    assertThat(members("eng")).as("its own members still follow the source").containsExactly("user0");
    assertThat(store.findGroup("ops")).contains(StoredGroup.managed("ops", "okta", "okta-ops"));
    assertThat(members("ops")).containsExactly("user2");
    try (Stream<String> s = store.managedMembers("ops", "okta")) {
      assertThat(s).containsExactly("user2");
    }
  }

  @Test
  void aDryRunReportsTheConflictItWouldMeet() {
    source.groups.put("eng", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    store.createGroup(StoredGroup.local("engineering"));
    source.renameGroup("eng", "engineering");

    SyncReport plan = engine.dryRun("manual");

    assertThat(plan.status()).isEqualTo(Status.PARTIAL);
    assertThat(plan.message()).startsWith("1 group conflict: group gid-eng renamed from eng to"
        + " engineering in entra, but engineering is held by a local group");
    assertThat(plan.groupChanges()).isZero();
  }

  @Test
  void aDryRunPlansARenameWithoutWriting() {
    source.groups.put("eng", List.of("id-0"));
    SyncEngine engine = engine(store, source).syncGroups().build();
    engine.fullSync("manual");
    source.renameGroup("eng", "engineering");
    long writes = store.writes();

    SyncReport plan = engine.dryRun("manual");

    assertThat(plan.groupChanges()).isEqualTo(1);
    assertThat(store.writes()).isEqualTo(writes);
  }
}
