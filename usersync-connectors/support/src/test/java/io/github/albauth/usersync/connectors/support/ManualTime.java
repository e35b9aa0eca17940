package io.github.albauth.usersync.connectors.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when a test (or a sleep) moves it, and records the sleeps. */
final class ManualTime extends Clock implements Sleeper {

  private volatile Instant now;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  ManualTime(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }

  HttpSettings.Builder settings() {
    return HttpSettings.builder().clock(this).sleeper(this);
  }
}
