package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.MutableClock;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {

  private final ManualExecutor executor = new ManualExecutor();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final List<String> triggers = new ArrayList<>();
  private final SyncEngine engine = Fixtures.engine(new InMemoryUserStore(), new ScriptedSource().add(2)).build();

  private SyncReport run(String trigger) {
    triggers.add(trigger);
    return engine.fullSync(trigger);
  }

  @Test
  void runsEveryPeriodMeasuredFromTheEndOfTheLastRun() {
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).clock(clock)
        .schedule(Schedule.every(Duration.ofMinutes(30))).run(this::run).build();
    scheduler.start();
    assertThat(executor.scheduled).singleElement().satisfies(t -> assertThat(t.delayMillis).isEqualTo(1_800_000));
    assertThat(scheduler.nextRun()).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));

    clock.set(Instant.parse("2026-11-23T10:30:05Z"));
    executor.scheduled.get(0).run();

    assertThat(triggers).containsExactly("schedule");
    assertThat(executor.scheduled).hasSize(2);
    assertThat(scheduler.nextRun()).isEqualTo(Instant.parse("2026-11-23T11:00:05Z"));
  }

  @Test
  void aFailingRunDoesNotStopTheSchedule() {
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).clock(clock)
        .schedule(Schedule.every(Duration.ofMinutes(1)))
        .run(t -> {
          throw new IllegalStateException("boom");
        })
        .build();
    scheduler.start();
    executor.scheduled.get(0).run();
    assertThat(executor.scheduled).hasSize(2);
  }

  @Test
  void closeCancelsTheNextRun() {
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).clock(clock)
        .schedule(Schedule.every(Duration.ofMinutes(1))).run(this::run).build();
    scheduler.start();
    scheduler.close();
    assertThat(executor.scheduled.get(0).isCancelled()).isTrue();
    assertThat(scheduler.nextRun()).isNull();
    assertThatThrownBy(scheduler::start).hasMessage("scheduler is closed");
    assertThatThrownBy(scheduler::triggerNow).hasMessage("scheduler is closed");
  }

  @Test
  void manualTriggerRunsOnTheExecutor() throws Exception {
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).clock(clock)
        .schedule(Schedule.every(Duration.ofHours(1))).run(this::run).build();
    Future<SyncReport> report = scheduler.triggerNow();
    assertThat(triggers).isEmpty();
    executor.submitted.get(0).run();
    assertThat(report.get().trigger()).isEqualTo("manual");
    assertThat(triggers).containsExactly("manual");
  }

  @Test
  void dailyAtPicksTodayOrTomorrowInTheZone() {
    Schedule daily = Schedule.dailyAt(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertThat(daily.next(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T01:30:00Z"));
    assertThat(daily.next(Instant.parse("2026-11-23T01:30:00Z"))).isEqualTo(Instant.parse("2026-11-24T01:30:00Z"));
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> Schedule.every(Duration.ZERO)).hasMessage("period is PT0S; use a positive duration");
    assertThatThrownBy(() -> SyncScheduler.builder().executor(executor).build())
        .hasMessage("executor, schedule and run are required; missing schedule");
    assertThatThrownBy(() -> SyncScheduler.builder().clock(clock).clock(clock))
        .hasMessageStartingWith("clock was already set to");
    SyncScheduler scheduler = SyncScheduler.builder().executor(executor).clock(clock)
        .schedule(after -> after).run(this::run).build();
    assertThatThrownBy(scheduler::start)
        .hasMessage("schedule returned 2026-11-23T10:00:00Z, not after 2026-11-23T10:00:00Z");
  }
}
