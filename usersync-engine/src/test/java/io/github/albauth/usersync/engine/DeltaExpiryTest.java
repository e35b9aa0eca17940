package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import io.github.albauth.usersync.engine.SyncReport.Mode;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 12, item 7: an expired delta token has its own reason, and the engine starts over. */
class DeltaExpiryTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(5);
  private final SyncStateStore states = new InMemorySyncStateStore();

  @Test
  void anExpiredTokenRunsAFullSyncAndSavesANewToken() {
    SyncEngine engine = engine(store, source).stateStore(states).build();
    engine.deltaSync("schedule");
    source.expiredDeltaCursor = "token-0";
    source.currentToken = "token-fresh";
    source.find("id-3").put("mail", "changed@example.com");
    source.users.remove(source.find("id-4"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.mode()).isEqualTo(Mode.FULL);
    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.message()).isEqualTo("the delta token of entra expired (DELTA_EXPIRED: HTTP"
        + " 410 syncStateNotFound at token-0); ran a full sync instead");
    assertThat(report.count(Kind.UPDATED)).isEqualTo(1);
    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(states.load("entra")).contains(new SyncState("token-fresh", null, Set.of()));

    source.deltaPages.put("token-fresh", DeltaPage.last(List.of(), List.of(), "token-2"));
    SyncReport next = engine.deltaSync("schedule");
    assertThat(next.mode()).isEqualTo(Mode.DELTA);
    assertThat(next.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(states.load("entra")).contains(new SyncState("token-2", null, Set.of()));
  }

  @Test
  void aCursorExpiringMidRoundAlsoStartsOver() {
    SyncEngine engine = engine(store, source).stateStore(states).build();
    engine.deltaSync("schedule");
    source.deltaPages.put("token-0", DeltaPage.more(List.of(), List.of(), "p2"));
    source.expiredDeltaCursor = "p2";

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.mode()).isEqualTo(Mode.FULL);
    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(states.load("entra")).contains(new SyncState("token-0", null, Set.of()));
  }

  @Test
  void withTheFallbackOffTheRunFailsNamingTheReason() {
    SyncEngine engine = engine(store, source).stateStore(states).fullSyncWhenDeltaExpires(false).build();
    engine.deltaSync("schedule");
    source.expiredDeltaCursor = "token-0";

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).startsWith("the delta token of entra expired (DELTA_EXPIRED:")
        .endsWith("clear the sync state, or enable fullSyncWhenDeltaExpires, to start over with a"
            + " full sync");
    assertThat(states.load("entra")).contains(new SyncState("token-0", null, Set.of()));
  }
}
