package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2: a run with failed users does not say SUCCEEDED, and names each failure. */
class HonestStatusTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);

  @Test
  void aRunWhereEveryUserFailsIsPartialAndListsEachFailure() {
    SyncEngine engine = SyncEngine.builder().store(store).source(source)
        .mapper(user -> MappingResult.mapped(Map.of("email", "x@example.com"))) // no username
        .build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.count(Kind.FAILED)).isEqualTo(3);
    assertThat(report.failures()).extracting(UserOutcome::externalId)
        .containsExactly("id-0", "id-1", "id-2");
    assertThat(report.failures()).allSatisfy(o -> assertThat(o.reason())
        .startsWith("mapping yielded no username for source user"));
  }

  @Test
  void failuresAreListedEvenPastTheOutcomeBound() {
    source.add(10);
    source.find("id-9").put("userName", "user8"); // two users want user8
    SyncEngine engine = engine(store, source).maxReportedOutcomes(2).build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.outcomesTruncated()).isTrue();
    assertThat(report.failures()).singleElement().satisfies(o -> {
      assertThat(o.username()).isEqualTo("user8");
      assertThat(o.externalId()).isEqualTo("id-9");
      assertThat(o.reason()).contains("user8");
    });
  }

  @Test
  void aDeltaRoundWithAFailedUserIsPartialAndIsDeliveredAgain() {
    SyncStateStore states = new InMemorySyncStateStore();
    SyncEngine engine = engine(store, source).stateStore(states).build();
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(
        List.of(SourceUser.of("id-1", ScriptedSource.user("id-1", "user2"))), List.of(), "p2"));
    source.deltaPages.put("p2", DeltaPage.last(List.of(), List.of(), "token-1"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.failures()).extracting(UserOutcome::externalId).containsExactly("id-1");
    assertThat(states.load("entra")).contains(new SyncState("token-0", null, Set.of()));
    source.deltaPages.put("token-0", DeltaPage.more(
        List.of(SourceUser.of("id-1", ScriptedSource.user("id-1", "user1b"))), List.of(), "p2"));
    assertThat(engine.deltaSync("schedule").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(store.findByExternalId("entra", "id-1").orElseThrow().username()).isEqualTo("user1b");
    assertThat(states.load("entra")).contains(new SyncState("token-1", null, Set.of()));
  }
}
