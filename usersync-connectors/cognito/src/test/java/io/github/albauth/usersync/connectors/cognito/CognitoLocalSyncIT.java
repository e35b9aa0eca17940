package io.github.albauth.usersync.connectors.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.cognito.simulation.ScriptedDirectory;
import io.github.albauth.usersync.connectors.cognito.simulation.ScriptedDirectory.Person;
import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole round trip against cognito-local: the real sync engine provisions 500 users in 10
 * groups from a scripted source into a new user pool through {@link CognitoUserStore}, then
 * updates, renames, disables and deletes some, and {@link CognitoSource} reads the pool back after
 * each step. cognito-local does not page, nor enforce quotas; the WireMock tests cover those.
 */
@ExtendWith(CognitoLocal.Resolver.class)
class CognitoLocalSyncIT {

  private static final int USERS = 500;
  private static final int GROUPS = 10;

  @Test
  void provisionsUpdatesDisablesAndDeletesAndReadsThemBack(CognitoLocal local) {
    String pool = local.createPool("sync-it");
    ScriptedDirectory hr = new ScriptedDirectory("hr");
    List<Person> people = new ArrayList<>(ScriptedDirectory.people(USERS, GROUPS));
    hr.set(people);
    try (CognitoUserStore store = CognitoUserStore.create(local.config(pool).deleteUsers().build());
        CognitoSource source = CognitoSource.create(local.config(pool).build())) {
      SyncEngine engine = SyncEngine.builder().store(store).source(hr)
          .mapper(ScriptedDirectory.mapper()).cleanup(CleanupAction.DELETE)
          .maxDeprovisionShare(0.2).build();

      SyncReport created = engine.fullSync("it");
      assertThat(created.status()).as(created.message()).isEqualTo(SyncReport.Status.SUCCEEDED);
      assertThat(created.count(Kind.CREATED)).isEqualTo(USERS);
      Map<String, SourceUser> pool1 = readBack(source);
      assertThat(pool1).hasSize(USERS);
      SourceUser u7 = pool1.get("user-7");
      assertThat(u7.attributes().get("email")).isEqualTo("user-7@example.com");
      assertThat(u7.attributes().get("name")).isEqualTo("Given7 Family7");
      assertThat(u7.attributes().get("custom:department")).isEqualTo("dept-0");
      assertThat(u7.attributes().get("custom:albauth_source")).isEqualTo("hr");
      assertThat(u7.attributes().get("Enabled")).isEqualTo(true);
      assertThat(groupSizes(source)).hasSize(GROUPS).allSatisfy((g, n) -> assertThat(n)
          .as(g).isEqualTo(USERS / GROUPS));
      assertThat(engine.fullSync("it").writes()).as("a second run writes nothing").isZero();

      for (int i = 0; i < 40; i++) {
        people.set(i, people.get(i).inDepartment("moved"));
      }
      for (int i = 40; i < 50; i++) {
        people.set(i, people.get(i).renamed("renamed-" + i));
      }
      for (int i = 50; i < 70; i++) {
        people.set(i, people.get(i).active(false));
      }
      for (int i = 70; i < 80; i++) {
        people.set(i, people.get(i).inGroups(Set.of("team-0", "team-1")));
      }
      people.subList(USERS - 30, USERS).clear();
      hr.set(people);
      SyncReport changed = engine.fullSync("it");

      assertThat(changed.status()).as(changed.message()).isEqualTo(SyncReport.Status.SUCCEEDED);
      assertThat(changed.count(Kind.UPDATED)).isEqualTo(60);
      assertThat(changed.count(Kind.DEACTIVATED)).isEqualTo(20);
      assertThat(changed.count(Kind.DELETED)).isEqualTo(30);
      Map<String, SourceUser> pool2 = readBack(source);
      assertThat(pool2).hasSize(USERS - 30).doesNotContainKeys("user-499", "user-40")
          .containsKeys("renamed-40", "renamed-49");
      assertThat(pool2.get("user-3").attributes().get("custom:department")).isEqualTo("moved");
      assertThat(pool2.get("renamed-41").attributes().get("custom:albauth_id")).isEqualTo("ext-41");
      assertThat(pool2.values().stream().filter(u -> Boolean.FALSE.equals(u.attributes()
          .get("Enabled")))).hasSize(20);
      assertThat(source.lookup("preferred_username", "renamed-42")).map(SourceUser::id)
          .hasValue(pool2.get("renamed-42").id());
      assertThat(source.lookup("email", "user-8@example.com")).isPresent();
      Map<String, Long> sizes = groupSizes(source);
      // users 71-79 joined both groups (user-70 was in team-0, user-71 in team-1 already),
      // users 470, 480, 490 (team-0) and 471, 481, 491 (team-1) were deleted
      assertThat(sizes.get("team-0")).isEqualTo(50 + 9 - 3);
      assertThat(sizes.get("team-1")).isEqualTo(50 + 9 - 3);
    }
  }

  /** The pool's users by their preferred_username, through the source. */
  private static Map<String, SourceUser> readBack(CognitoSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toMap(
          u -> String.valueOf(u.attributes().get("preferred_username")), Function.identity()));
    }
  }

  private static Map<String, Long> groupSizes(CognitoSource source) {
    List<String> names;
    try (Stream<SourceGroup> groups = source.groups()) {
      names = groups.map(SourceGroup::id).toList();
    }
    return names.stream().collect(Collectors.toMap(g -> g, g -> {
      try (Stream<String> members = source.memberIds(g)) {
        return members.count();
      }
    }));
  }
}
