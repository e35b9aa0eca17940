package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.engine.SyncReport.Mode;
import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SyncReportTest {

  @Test
  void aRefusalComesWithTheRefusedStatusAndOnlyWithIt() {
    assertThat(report(Status.DEPROVISIONING_REFUSED, Refusal.MAX_DEPROVISIONS).refusal())
        .isEqualTo(Refusal.MAX_DEPROVISIONS);
    assertThat(report(Status.FAILED, null).refusal()).isNull();
    assertThatThrownBy(() -> report(Status.SUCCEEDED, Refusal.EMPTY_SOURCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a report has a refusal exactly when its status is DEPROVISIONING_REFUSED;"
            + " got status SUCCEEDED and refusal EMPTY_SOURCE");
    assertThatThrownBy(() -> report(Status.DEPROVISIONING_REFUSED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got status DEPROVISIONING_REFUSED and refusal null");
  }

  private static SyncReport report(Status status, @Nullable Refusal refusal) {
    return new SyncReport("entra", "manual", Mode.FULL, false, status, refusal, "why",
        Instant.EPOCH, Instant.EPOCH, 0, Map.of(), 0, 0, List.of(), false);
  }
}
