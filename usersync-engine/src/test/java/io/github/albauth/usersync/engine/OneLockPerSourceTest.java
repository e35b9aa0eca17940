package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 12, item 5: the default lock and the per-user locks are JVM-wide. */
class OneLockPerSourceTest {

  private final InMemoryUserStore store = new InMemoryUserStore();

  /** A source that runs a hook when a listing starts, i.e. while its engine holds the lock. */
  private static final class HookedSource extends ScriptedSource {
    private final String id;
    Runnable onListing = () -> { };

    HookedSource(String id) {
      this.id = id;
      add(3);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Stream<SourceUser> users() {
      onListing.run();
      return super.users();
    }
  }

  @Test
  void twoEnginesForOneSourceWithTheirOwnDefaultLocksNeverRunAtOnce() {
    HookedSource source = new HookedSource("entra");
    SyncEngine first = SyncEngine.builder().store(store).source(source).mapper(Fixtures.MAPPER).build();
    SyncEngine second = SyncEngine.builder().store(store).source(source).mapper(Fixtures.MAPPER).build();
    HookedSource okta = new HookedSource("okta");
    SyncEngine other = SyncEngine.builder().store(new InMemoryUserStore()).source(okta)
        .mapper(Fixtures.MAPPER).build();
    AtomicReference<SyncReport> during = new AtomicReference<>();
    AtomicReference<SyncReport> otherSource = new AtomicReference<>();
    source.onListing = () -> {
      source.onListing = () -> { };
      during.set(second.fullSync("schedule"));
      otherSource.set(other.fullSync("schedule"));
    };

    SyncReport report = first.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(during.get().status()).isEqualTo(Status.ALREADY_RUNNING);
    assertThat(during.get().message()).isEqualTo("another run holds the lock albauth-usersync-entra");
    assertThat(otherSource.get().status()).as("another source is not blocked")
        .isEqualTo(Status.SUCCEEDED);
    assertThat(new InJvmSyncLock().isHeld("albauth-usersync-entra")).isFalse();
    assertThat(second.fullSync("schedule").status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  @Timeout(10)
  void aLoginOnOneEngineWaitsForASyncOfTheSameUserOnAnother() throws Exception {
    ScriptedSource source = new ScriptedSource().add(3);
    PausingStore pausing = new PausingStore(store, "id-1");
    SyncEngine syncing = SyncEngine.builder().store(pausing).source(source).mapper(Fixtures.MAPPER).build();
    SyncEngine logins = SyncEngine.builder().store(pausing).sourceId("entra").mapper(Fixtures.MAPPER).build();
    Map<String, Object> claims = new HashMap<>(ScriptedSource.user("id-1", "user1"));
    claims.remove("accountEnabled");
    claims.put("oid", "id-1");

    PausingStore.Outcomes outcomes =
        pausing.loginDuringSync(syncing, logins, JitSource.fromClaim("oid").user(claims));

    assertThat(outcomes.sync().count(Kind.FAILED)).isZero();
    assertThat(outcomes.login().kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(store.size()).isEqualTo(3);
  }
}
