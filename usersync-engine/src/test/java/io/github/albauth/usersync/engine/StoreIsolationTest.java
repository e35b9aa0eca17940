package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 12, item 3: one failed store write fails one user, not the run. */
class StoreIsolationTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(101);

  /** A store whose n-th update (counted from 1) throws what {@code failing} says. */
  private static final class FlakyStore extends DelegatingStore {
    final AtomicInteger updates = new AtomicInteger();
    IntPredicate failing = n -> false;
    RuntimeException failure = new IllegalStateException("deadlock detected");

    FlakyStore(InMemoryUserStore delegate) {
      super(delegate);
    }

    @Override
    public void update(String username, UserUpdate update) {
      if (failing.test(updates.incrementAndGet())) {
        throw failure;
      }
      super.update(username, update);
    }
  }

  private void changeEveryMail() {
    source.users.forEach(u -> u.put("mail", u.get("userName") + "@new.example.com"));
  }

  @Test
  void write37Of100FailsThatUserOnlyAndCleanupStillRuns() {
    FlakyStore flaky = new FlakyStore(store);
    SyncEngine engine = SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER).build();
    engine.fullSync("manual");
    source.users.remove(100); // id-100 left
    changeEveryMail();
    flaky.failing = n -> n == 37;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.count(Kind.UPDATED)).isEqualTo(99);
    assertThat(report.failures()).singleElement().satisfies(o -> {
      assertThat(o.username()).isEqualTo("user36");
      assertThat(o.externalId()).isEqualTo("id-36");
      assertThat(o.reason()).isEqualTo("java.lang.IllegalStateException: deadlock detected");
    });
    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(store.findByUsername("user100").orElseThrow().active()).isFalse();
    assertThat(store.findByUsername("user36").orElseThrow().active()).isTrue();
    assertThat(store.findByUsername("user99").orElseThrow().attributes())
        .containsEntry("email", "user99@new.example.com");

    flaky.failing = n -> false;
    SyncReport next = engine.fullSync("manual");
    assertThat(next.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(next.count(Kind.UPDATED)).isEqualTo(1);
    assertThat(store.findByUsername("user36").orElseThrow().attributes())
        .containsEntry("email", "user36@new.example.com");
  }

  @Test
  void aStoreThatIsUnavailableAbortsTheRunAtOnce() {
    FlakyStore flaky = new FlakyStore(store);
    SyncEngine engine = SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER).build();
    engine.fullSync("manual");
    source.users.remove(100);
    changeEveryMail();
    flaky.failing = n -> n >= 10;
    flaky.failure = new UserSyncException(UserSyncException.Reason.STORE_UNAVAILABLE, "read-only");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).isEqualTo(
        "user store failed, run aborted, nothing more deprovisioned: read-only");
    assertThat(report.count(Kind.UPDATED)).isEqualTo(9);
    assertThat(flaky.updates.get()).isEqualTo(10);
    assertThat(store.findByUsername("user100").orElseThrow().active()).isTrue();
  }

  @Test
  void tooManyFailuresInARowAbortTheRunWithoutCleanup() {
    FlakyStore flaky = new FlakyStore(store);
    SyncEngine engine = SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER)
        .maxConsecutiveFailures(5).build();
    engine.fullSync("manual");
    source.users.remove(100);
    changeEveryMail();
    flaky.failing = n -> n % 10 == 5 || n > 50; // isolated failures pass, a streak aborts

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).startsWith("5 users in a row failed (maxConsecutiveFailures 5),"
        + " run aborted, nothing deprovisioned; the last: user54 (id-54): ");
    assertThat(report.count(Kind.FAILED)).isEqualTo(5 + 5);
    assertThat(report.count(Kind.DEACTIVATED)).isZero();
    assertThat(flaky.updates.get()).isEqualTo(55);
    try (Stream<StoredUser> users = store.managedBy("entra")) {
      assertThat(users.filter(StoredUser::active).count()).isEqualTo(101);
    }
  }

  @Test
  void loginTimeProvisioningStillThrowsWhenTheStoreFails() {
    FlakyStore flaky = new FlakyStore(store);
    SyncEngine engine = SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER).build();
    engine.fullSync("manual");
    flaky.failing = n -> true;
    source.find("id-1").put("mail", "changed@example.com");

    assertThatThrownBy(() -> engine.lookupAndProvision("mail", "changed@example.com"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void maxConsecutiveFailuresMustBePositive() {
    assertThatThrownBy(() -> SyncEngine.builder().maxConsecutiveFailures(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConsecutiveFailures is 0; use 1 or more");
    assertThatThrownBy(() -> SyncEngine.builder().maxConsecutiveFailures(3).maxConsecutiveFailures(4))
        .isInstanceOf(IllegalStateException.class);
  }
}
