package io.github.albauth.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A probe starts on its executor only when due, one at a time, and never runs on the caller. */
class BackgroundProbeTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final AtomicInteger checks = new AtomicInteger();
  /** Holds submitted checks until the test runs them. */
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor held = queued::add;

  @Test
  void oneCheckAtATimeAndAtMostOncePerInterval() {
    BackgroundProbe probe = new BackgroundProbe(Duration.ofMinutes(5), clock, held,
        checks::incrementAndGet);

    assertThat(probe.startIfDue()).isTrue();
    assertThat(checks).as("not on the caller's thread").hasValue(0);
    clock.advance(Duration.ofMinutes(10));
    assertThat(probe.startIfDue()).as("the first one is still running").isFalse();

    queued.remove(0).run();
    assertThat(checks).hasValue(1);
    clock.advance(Duration.ofMinutes(-10).plusMinutes(4));
    assertThat(probe.startIfDue()).as("4 minutes after the last start").isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(probe.startIfDue()).isTrue();
    assertThat(queued).hasSize(1);
  }

  @Test
  void aZeroIntervalNeverStartsOne() {
    BackgroundProbe probe = new BackgroundProbe(Duration.ZERO, clock, held,
        checks::incrementAndGet);
    assertThat(probe.enabled()).isFalse();
    assertThat(probe.startIfDue()).isFalse();
    assertThat(queued).isEmpty();
  }

  @Test
  void anExecutorThatIsShuttingDownLeavesItReadyForLater() {
    Executor refusing = task -> {
      throw new RejectedExecutionException("shut down");
    };
    BackgroundProbe probe = new BackgroundProbe(Duration.ofMinutes(5), clock, refusing,
        checks::incrementAndGet);
    assertThat(probe.startIfDue()).isFalse();
    assertThat(probe.startIfDue()).as("not stuck as running").isFalse();
    assertThat(checks).hasValue(0);
  }

  @Test
  void aCheckThatThrowsDoesNotStopLaterOnes() {
    BackgroundProbe probe = new BackgroundProbe(Duration.ofMinutes(5), clock, held, () -> {
      checks.incrementAndGet();
      throw new IllegalStateException("bug");
    });
    probe.startIfDue();
    try {
      queued.remove(0).run();
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("bug");
    }
    clock.advance(Duration.ofMinutes(5));
    assertThat(probe.startIfDue()).isTrue();
  }
}
