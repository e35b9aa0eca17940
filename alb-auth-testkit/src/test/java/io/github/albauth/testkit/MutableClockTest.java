package io.github.albauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void movesOnlyWhenTold() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z").toEpochMilli());
    clock.advance(Duration.ofMinutes(-10));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T09:55:00Z"));
    clock.set(Instant.EPOCH);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneOffset.ofHours(2))).isSameAs(clock);
  }
}
