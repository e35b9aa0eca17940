package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 12, item 1: renames converge in one run, swaps and cycles included. */
class RenameConvergenceTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(6);

  private String nameOf(String id) {
    return store.findByExternalId("entra", id).orElseThrow().username();
  }

  private Map<String, String> namesById() {
    try (Stream<StoredUser> users = store.managedBy("entra")) {
      return users.collect(Collectors.toMap(StoredUser::externalId, StoredUser::username));
    }
  }

  @Test
  void twoUsersSwappingUsernamesConvergeInOneRunWithTheirOtherChanges() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-1").put("userName", "user2");
    source.find("id-1").put("mail", "one@example.com");
    source.find("id-2").put("userName", "user1");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.count(Kind.FAILED)).isZero();
    assertThat(nameOf("id-1")).isEqualTo("user2");
    assertThat(nameOf("id-2")).isEqualTo("user1");
    assertThat(store.findByUsername("user2").orElseThrow().attributes())
        .containsEntry("email", "one@example.com");
    assertThat(report.outcomes()).extracting(UserOutcome::externalId, UserOutcome::kind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("id-1", Kind.UPDATED),
            org.assertj.core.groups.Tuple.tuple("id-2", Kind.UPDATED));
    assertThat(report.outcomes()).filteredOn(o -> o.externalId().equals("id-1")).singleElement()
        .satisfies(o -> assertThat(o.changed()).containsExactlyInAnyOrder("username", "email"));
    assertThat(store.size()).isEqualTo(6);
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aCycleOfThreeRenamesAndAChainConvergeInOneRun() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-0").put("userName", "user1"); // cycle 0 -> 1 -> 2 -> 0
    source.find("id-1").put("userName", "user2");
    source.find("id-2").put("userName", "user0");
    source.find("id-3").put("userName", "user4"); // chain 3 -> 4 -> 5 -> fresh
    source.find("id-4").put("userName", "user5");
    source.find("id-5").put("userName", "fresh5");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(namesById()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "id-0", "user1", "id-1", "user2", "id-2", "user0",
        "id-3", "user4", "id-4", "user5", "id-5", "fresh5"));
    assertThat(report.count(Kind.UPDATED)).isEqualTo(6);
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aNewUserTakesTheNameOfOneRenamedLaterInTheListing() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-5").put("userName", "user5-old");
    source.users.add(0, ScriptedSource.user("id-new", "user5")); // listed before id-5

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(nameOf("id-new")).isEqualTo("user5");
    assertThat(nameOf("id-5")).isEqualTo("user5-old");
    assertThat(report.count(Kind.CREATED)).isEqualTo(1);
  }

  @Test
  void aNameAUserKeepsFailsTheUserWhoWantsItAndSaysWhy() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-1").put("userName", "user2"); // id-2 keeps user2

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.count(Kind.FAILED)).isEqualTo(1);
    assertThat(report.outcomes()).filteredOn(o -> o.kind() == Kind.FAILED).singleElement()
        .satisfies(o -> {
          assertThat(o.externalId()).isEqualTo("id-1");
          assertThat(o.username()).isEqualTo("user1");
          assertThat(o.reason())
              .isEqualTo("cannot rename user1 to user2: username taken by a user that keeps it");
        });
    assertThat(nameOf("id-1")).isEqualTo("user1");
    assertThat(nameOf("id-2")).isEqualTo("user2");
  }

  @Test
  void aDryRunPlansASwapWithoutWriting() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-1").put("userName", "user2");
    source.find("id-2").put("userName", "user1");
    long writes = store.writes();

    SyncReport plan = engine.dryRun("manual");

    assertThat(plan.count(Kind.FAILED)).isZero();
    assertThat(plan.count(Kind.UPDATED)).isEqualTo(2);
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(nameOf("id-1")).isEqualTo("user1");
  }

  @Test
  void aSwapSpreadOverTwoDeltaPagesConverges() {
    SyncEngine engine = engine(store, source).build();
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(
        List.of(SourceUser.of("id-1", ScriptedSource.user("id-1", "user2"))), List.of(), "p2"));
    source.deltaPages.put("p2", DeltaPage.last(
        List.of(SourceUser.of("id-2", ScriptedSource.user("id-2", "user1"))), List.of(), "token-1"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(nameOf("id-1")).isEqualTo("user2");
    assertThat(nameOf("id-2")).isEqualTo("user1");
  }
}
