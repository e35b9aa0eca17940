package io.github.albauth.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import io.github.albauth.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  private final RateLimitedLog log = new RateLimitedLog(
      LoggerFactory.getLogger(RateLimitedLogTest.class), clock, Duration.ofSeconds(10), 3);

  @Test
  void allowsPermitsPerWindowThenSuppresses() {
    int written = 0;
    for (int i = 0; i < 1000; i++) {
      written += log.warn("failure {}", "EXPIRED") ? 1 : 0;
    }
    assertThat(written).isEqualTo(3);
    assertThat(log.suppressedCount()).isEqualTo(997);
  }

  @Test
  void nextWindowLogsAgainAndResetsTheSuppressedCount() {
    for (int i = 0; i < 10; i++) {
      log.warn("failure");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(log.warn("failure")).isTrue();
    assertThat(log.suppressedCount()).isZero();
  }

  @Test
  void rejectsNonsensicalSettings() {
    assertThatThrownBy(() -> new RateLimitedLog(
        LoggerFactory.getLogger("x"), clock, Duration.ZERO, 1))
        .hasMessage("log window must be positive, was PT0S");
    assertThatThrownBy(() -> new RateLimitedLog(
        LoggerFactory.getLogger("x"), clock, Duration.ofSeconds(1), -1))
        .hasMessage("log permits must not be negative, was -1");
  }
}
