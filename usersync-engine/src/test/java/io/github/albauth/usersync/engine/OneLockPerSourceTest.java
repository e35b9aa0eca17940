package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
    CountDownLatch inCreate = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    UserStore pausing = new DelegatingStore(store) {
      @Override
      public void create(StoredUser user) {
        if ("id-1".equals(user.externalId()) && Thread.currentThread().getName().equals("sync")) {
          inCreate.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        super.create(user);
      }
    };
    SyncEngine syncing = SyncEngine.builder().store(pausing).source(source).mapper(Fixtures.MAPPER).build();
    SyncEngine logins = SyncEngine.builder().store(pausing).sourceId("entra").mapper(Fixtures.MAPPER).build();
    AtomicReference<SyncReport> report = new AtomicReference<>();
    Thread sync = new Thread(() -> report.set(syncing.fullSync("manual")), "sync");
    sync.start();
    inCreate.await();

    Map<String, Object> claims = new HashMap<>(ScriptedSource.user("id-1", "user1"));
    claims.remove("accountEnabled");
    claims.put("oid", "id-1");
    AtomicReference<UserOutcome> login = new AtomicReference<>();
    Thread loginThread = new Thread(
        () -> login.set(logins.provision(JitSource.fromClaim("oid").user(claims))), "login");
    loginThread.start();
    while (loginThread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(login.get()).as("the login waits while the other engine writes user1").isNull();
    release.countDown();
    sync.join();
    loginThread.join();

    assertThat(report.get().count(Kind.FAILED)).isZero();
    assertThat(login.get().kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(store.size()).isEqualTo(3);
  }
}
