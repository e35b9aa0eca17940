package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 12, item 9: a hanging source fails the run, naming the bound it hit, and cleans up nobody. */
class SourceTimeoutTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final CountDownLatch never = new CountDownLatch(1);

  /** A clock the test (or the source) moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A source whose page {@code hangOnPage} (from 0) blocks until the test ends. */
  private final class HangingSource extends ScriptedSource {
    int hangOnPage = -1;
    boolean hangOnChanges;
    Runnable onPage = () -> { };

    @Override
    public Stream<SourceUser> users() {
      int[] page = {0};
      return super.users().peek(u -> {
        if (Integer.parseInt(u.id().substring(3)) % pageSize == 0) {
          onPage.run();
          if (page[0]++ == hangOnPage) {
            awaitNever();
          }
        }
      });
    }

    @Override
    public DeltaPage changes(String cursorOrToken) {
      if (hangOnChanges) {
        awaitNever();
      }
      return super.changes(cursorOrToken);
    }
  }

  private void awaitNever() {
    try {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the engine gave up on us
    }
  }

  private long active() {
    try (Stream<StoredUser> users = store.managedBy("entra")) {
      return users.filter(StoredUser::active).count();
    }
  }

  @Test
  @Timeout(10)
  void aHangingPageFailsTheRunNamingTheCallTimeoutAndCleansUpNobody() {
    HangingSource source = new HangingSource();
    source.add(50);
    SyncEngine engine = engine(store, source).sourceCallTimeout(Duration.ofMillis(200)).build();
    engine.fullSync("manual");
    source.users.remove(49);
    source.hangOnPage = 2;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).startsWith("source entra failed after ")
        .contains("nothing deprovisioned")
        .endsWith("source entra did not answer users() within PT0.2S (sourceCallTimeout)");
    assertThat(active()).isEqualTo(50);
    never.countDown();
  }

  @Test
  @Timeout(10)
  void aHangingDeltaPageFailsTheRun() {
    HangingSource source = new HangingSource();
    source.add(5);
    SyncEngine engine = engine(store, source).sourceCallTimeout(Duration.ofMillis(200)).build();
    engine.deltaSync("schedule");
    source.hangOnChanges = true;

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message())
        .endsWith("source entra did not answer changes(token-0) within PT0.2S (sourceCallTimeout)");
    never.countDown();
  }

  @Test
  void theRunsBudgetIsCountedOnTheEnginesClock() {
    MovingClock clock = new MovingClock();
    HangingSource source = new HangingSource();
    source.add(50);
    SyncEngine engine = engine(store, source).clock(clock)
        .sourceRunTimeout(Duration.ofMinutes(25)).build();
    engine.fullSync("manual");
    source.users.remove(49);
    source.onPage = () -> clock.now = clock.now.plus(Duration.ofMinutes(10)); // a slow directory

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).endsWith("source entra used up the run's time budget of PT25M"
        + " (sourceRunTimeout) before users()");
    assertThat(active()).isEqualTo(50);
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> SyncEngine.builder().sourceCallTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sourceCallTimeout is PT0S; use a positive duration");
    assertThatThrownBy(() -> SyncEngine.builder().sourceRunTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
