package io.github.albauth.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.spring.boot.autoconfigure.sync.TestSource;
import io.github.albauth.testkit.MutableClock;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A directory source's health: one lookup of an unknown user id at most per interval, decided by
 * how the last one went; the last sync run a detail only.
 */
class DirectoryHealthTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final TestSource source = new TestSource("hr",
      List.of(Map.of("id", "1", "username", "ann", "email", "ann@corp.example")));
  private final DirectoryHealth health = new DirectoryHealth(source, Duration.ofMinutes(5), clock,
      Runnable::run);

  @Test
  void unknownUntilTheFirstCheckThenUpWhileTheSourceAnswers() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
    Health up = health.health();
    assertThat(up.getStatus()).isEqualTo(Status.UP);
    assertThat(up.getDetails()).containsEntry("source", "hr")
        .containsEntry("lastCheck", clock.instant().toString());
    assertThat(source.lookupsById()).isEqualTo(1);
  }

  @Test
  void aFailingSourceIsDownWithTheConnectorsMessageAndIsAskedOncePerInterval() {
    source.failWith("get user: HTTP 401 (E0000011)");
    health.health();
    for (int i = 0; i < 10; i++) {
      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("failure",
          "SOURCE_FAILED: get user: HTTP 401 (E0000011)");
    }
    assertThat(source.lookupsById()).as("health requests do not hammer the IdP").isEqualTo(1);

    source.failWith(null);
    clock.advance(Duration.ofMinutes(5));
    assertThat(health.health().getStatus()).as("decided before the new check").isEqualTo(Status.DOWN);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(source.lookupsById()).isEqualTo(2);
  }

  @Test
  void theLastRunIsADetailNotAVerdict() {
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).source(source)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.OTHER).build()).build();
    health.health();
    source.failWith("listing failed: HTTP 500");
    health.runFinished(engine.fullSync("schedule"));

    Health current = health.health();
    assertThat(current.getStatus()).as("the last check answered").isEqualTo(Status.UP);
    assertThat(current.getDetails().get("lastRun")).asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("status", "FAILED").containsEntry("trigger", "schedule")
        .containsEntry("mode", "FULL")
        .hasEntrySatisfying("message", message -> assertThat(message.toString())
            .contains("listing failed: HTTP 500"));

    source.failWith(null);
    SyncReport dryRun = engine.dryRun("manual");
    health.runFinished(dryRun);
    assertThat(health.health().getDetails().get("lastRun")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).as("a dry run is not a run")
        .containsEntry("status", "FAILED");
  }

  @Test
  void aSourceThatCannotLookUsersUpIsNeverChecked() {
    DirectorySource files = new DirectorySource() {
      @Override
      public String id() {
        return "files";
      }

      @Override
      public Stream<SourceUser> users() {
        throw new AssertionError("never listed by a health check");
      }
    };
    DirectoryHealth unchecked = new DirectoryHealth(files, Duration.ofMinutes(5), clock,
        Runnable::run);
    Health health = unchecked.health();
    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsEntry("check",
        "none: the source cannot look users up");
  }
}
