package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.engine.SyncReport.Mode;
import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Delta sync, shaped like Graph's {@code /users/delta}: pages linked by next links, removals as
 * {@code @removed} ids, and the delta link only on the last page.
 */
class DeltaSyncTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(20);
  private final SyncStateStore states = new InMemorySyncStateStore();
  private final SyncEngine engine = engine(store, source).stateStore(states).build();

  private static SourceUser changed(String id, String userName) {
    return SourceUser.of(id, ScriptedSource.user(id, userName));
  }

  @Test
  void theFirstDeltaSyncIsAFullSyncThatSavesATokenTakenBeforeIt() {
    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.mode()).isEqualTo(Mode.FULL);
    assertThat(report.count(Kind.CREATED)).isEqualTo(20);
    assertThat(states.load("entra")).contains(new SyncState("token-0", null, Set.of()));
  }

  @Test
  void noTokenIsSavedWhenTheFirstFullSyncFails() {
    source.failOnPage = 1;
    assertThat(engine.deltaSync("schedule").status()).isEqualTo(Status.FAILED);
    assertThat(states.load("entra")).isEmpty();
  }

  @Test
  void appliesChangesAndRemovalsPageByPage() {
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(
        List.of(changed("id-1", "renamed1"), changed("id-new", "newbie")), List.of("id-2"), "page-2"));
    source.deltaPages.put("page-2", DeltaPage.last(List.of(), List.of("id-3"), "token-1"));
    source.users.removeIf(u -> u.get("id").equals("id-2") || u.get("id").equals("id-3"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.mode()).isEqualTo(Mode.DELTA);
    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.sourceUsers()).isEqualTo(4);
    assertThat(report.outcomes()).extracting(UserOutcome::kind, UserOutcome::username).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.UPDATED, "renamed1"),
        org.assertj.core.groups.Tuple.tuple(Kind.CREATED, "newbie"),
        org.assertj.core.groups.Tuple.tuple(Kind.DEACTIVATED, "user2"),
        org.assertj.core.groups.Tuple.tuple(Kind.DEACTIVATED, "user3"));
    assertThat(states.load("entra")).contains(new SyncState("token-1", null, Set.of()));
    assertThat(source.deltaCalls).containsExactly("token-0", "page-2");
  }

  @Test
  void aCrashedRoundResumesFromItsLastCommittedPageAndRemovalsWaitForTheEnd() {
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(List.of(changed("id-new", "newbie")), List.of("id-2"), "p2"));
    source.deltaPages.put("p2", DeltaPage.more(List.of(), List.of("id-3"), "p3"));
    source.deltaPages.put("p3", DeltaPage.last(List.of(changed("id-4", "renamed4")), List.of(), "token-1"));
    source.failDeltaCursor = "p3";
    source.users.removeIf(u -> u.get("id").equals("id-2") || u.get("id").equals("id-3"));

    SyncReport crashed = engine.deltaSync("schedule");

    assertThat(crashed.status()).isEqualTo(Status.FAILED);
    assertThat(crashed.message()).contains("HTTP 500 at p3").contains("nothing deprovisioned");
    assertThat(store.findByUsername("newbie")).isPresent();
    assertThat(store.findByUsername("user2").orElseThrow().active()).as("removal pending").isTrue();
    assertThat(states.load("entra")).contains(new SyncState("token-0", "p3", Set.of("id-2", "id-3")));

    SyncReport resumed = engine.deltaSync("schedule");

    assertThat(resumed.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(source.deltaCalls).containsExactly("token-0", "p2", "p3", "p3");
    assertThat(resumed.outcomes()).extracting(UserOutcome::kind)
        .containsExactly(Kind.UPDATED, Kind.DEACTIVATED, Kind.DEACTIVATED);
    assertThat(store.findByUsername("user2").orElseThrow().active()).isFalse();
    assertThat(states.load("entra")).contains(new SyncState("token-1", null, Set.of()));
  }

  @Test
  void aUserRemovedAndAddedBackInOneRoundStays() {
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(List.of(), List.of("id-5"), "p2"));
    source.deltaPages.put("p2", DeltaPage.last(List.of(changed("id-5", "user5")), List.of(), "token-1"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.writes()).isZero();
    assertThat(store.findByUsername("user5").orElseThrow().active()).isTrue();
  }

  @Test
  void refusedRemovalsStayPendingForTheNextRound() {
    SyncEngine strict = engine(store, source).stateStore(states).maxDeprovisions(1).build();
    strict.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.last(List.of(), List.of("id-1", "id-2"), "token-1"));

    SyncReport report = strict.deltaSync("schedule");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.MAX_DEPROVISIONS);
    assertThat(report.message()).isEqualTo("the run would deprovision 2 users, more than"
        + " maxDeprovisions 1; check the source, or raise the limit; the removals stay pending");
    assertThat(states.load("entra")).contains(new SyncState("token-1", null, Set.of("id-1", "id-2")));
    assertThat(store.findByUsername("user1").orElseThrow().active()).isTrue();
  }

  @Test
  void deltaSyncNeedsADeltaSource() {
    DirectorySource plain = new DirectorySource() {
      @Override
      public String id() {
        return "plain";
      }

      @Override
      public java.util.stream.Stream<SourceUser> users() {
        return java.util.stream.Stream.empty();
      }
    };
    SyncEngine e = SyncEngine.builder().store(store).source(plain).mapper(Fixtures.MAPPER).build();
    assertThatThrownBy(() -> e.deltaSync("manual"))
        .hasMessage("source plain does not implement DeltaSource; use fullSync(…) instead");
  }

  @Test
  void aDeltaPageHasEitherANextCursorOrAToken() {
    assertThatThrownBy(() -> new DeltaPage(List.of(), List.of(), null, null))
        .hasMessage("a delta page has either a next cursor or (on the last page) a delta token, got neither");
    assertThatThrownBy(() -> new DeltaPage(List.of(), List.of(), "a", "b"))
        .hasMessage("a delta page has either a next cursor or (on the last page) a delta token, got both");
  }
}
