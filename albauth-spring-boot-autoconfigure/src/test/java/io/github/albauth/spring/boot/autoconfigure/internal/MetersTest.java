package io.github.albauth.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.LoginRefusedException;
import io.github.albauth.servlet.ProvisionedUser;
import io.github.albauth.spring.boot.autoconfigure.sync.TestSource;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What each meter counts, with which tags: outcomes and reason codes, source ids, never a user, a
 * subject, a token or a key id.
 */
class MetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void everyVerificationOutcomeAndReasonIsRegisteredAtZeroAndCounted() {
    VerificationMeters meters = new VerificationMeters(registry);
    assertThat(registry.get(VerificationMeters.VERIFICATIONS).counters())
        .hasSize(AlbAuthFailure.values().length + 1)
        .allSatisfy(counter -> assertThat(counter.count()).isZero());

    meters.refused(null, AlbAuthFailure.MISSING_TOKEN);
    meters.refused(null, AlbAuthFailure.MISSING_TOKEN);
    meters.refused(null, AlbAuthFailure.KEY_UNAVAILABLE);

    assertThat(count("albauth.verifications", "outcome", "refused", "reason", "MISSING_TOKEN"))
        .isEqualTo(2);
    assertThat(count("albauth.verifications", "outcome", "unavailable", "reason",
        "KEY_UNAVAILABLE")).isEqualTo(1);
    assertThat(count("albauth.verifications", "outcome", "authenticated", "reason", "none"))
        .isZero();
  }

  @Test
  void keyLookupsAndFetchesAreMeteredByResultAndReasonWithoutTheKeyId() {
    KeyMeters meters = new KeyMeters(registry);
    meters.onMiss("9f1c0d6e-0000-4000-8000-000000000001");
    meters.onFetch("9f1c0d6e-0000-4000-8000-000000000001", Duration.ofMillis(40));
    meters.onHit("9f1c0d6e-0000-4000-8000-000000000001");
    meters.onHit("9f1c0d6e-0000-4000-8000-000000000001");
    meters.onFailure("9f1c0d6e-0000-4000-8000-000000000002",
        AlbTokenException.Reason.KEY_UNAVAILABLE, Duration.ofSeconds(2));
    meters.onFailure("9f1c0d6e-0000-4000-8000-000000000003", AlbTokenException.Reason.MALFORMED,
        Duration.ZERO);

    assertThat(count("albauth.keys.lookups", "result", "hit")).isEqualTo(2);
    assertThat(count("albauth.keys.lookups", "result", "miss")).isEqualTo(1);
    assertThat(registry.get("albauth.keys.fetches").tags("outcome", "success").timer()
        .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    assertThat(registry.get("albauth.keys.fetches").tags("reason", "KEY_UNAVAILABLE").timer()
        .count()).isEqualTo(1);
    assertThat(registry.get("albauth.keys.fetches").tags("reason", "MALFORMED").timer().count())
        .as("an undocumented reason gets its own series").isEqualTo(1);
    assertThat(registry.getMeters()).flatExtracting(meter -> meter.getId().getTags())
        .noneMatch(tag -> tag.getValue().contains("9f1c0d6e"));
  }

  @Test
  void syncRunsAreMeteredBySourceModeAndStatusAndTheirUsersByOutcome() {
    TestSource source = new TestSource("hr", List.of(
        Map.of("id", "1", "username", "ann"), Map.of("id", "2", "username", "bob")));
    SyncEngine engine = SyncEngine.builder().store(new InMemoryUserStore()).source(source)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.OTHER).build())
        .listener(new SyncMeters(registry)).build();

    engine.dryRun("manual");
    assertThat(registry.getMeters()).as("a dry run changes nothing and counts nothing").isEmpty();
    engine.fullSync("manual");
    engine.fullSync("schedule");
    source.failWith("HTTP 500");
    engine.fullSync("schedule");

    assertThat(count("albauth.sync.runs", "source", "hr", "mode", "FULL", "status", "SUCCEEDED"))
        .isEqualTo(2);
    assertThat(count("albauth.sync.runs", "status", "FAILED")).isEqualTo(1);
    assertThat(registry.get("albauth.sync.duration").tags("status", "SUCCEEDED").timer().count())
        .isEqualTo(2);
    assertThat(count("albauth.sync.users", "source", "hr", "outcome", "CREATED")).isEqualTo(2);
    assertThat(count("albauth.sync.users", "source", "hr", "outcome", "UNCHANGED")).isEqualTo(2);
    assertThat(registry.getMeters()).flatExtracting(meter -> meter.getId().getTags())
        .noneMatch(tag -> tag.getValue().equals("ann"));
  }

  @Test
  void provisioningCallsAreTimedByOutcomeAndReason() {
    ProvisioningMeters signedIn = new ProvisioningMeters(
        (identity, mapping) -> ProvisionedUser.of("ann", true, List.of()), registry);
    ProvisioningMeters deactivated = new ProvisioningMeters(
        (identity, mapping) -> ProvisionedUser.of("bob", false, List.of()), registry);
    ProvisioningMeters refused = new ProvisioningMeters((identity, mapping) -> {
      throw new LoginRefusedException(AlbAuthFailure.INVALID_USERNAME, "no canonical form");
    }, registry);
    ProvisioningMeters down = new ProvisioningMeters((identity, mapping) -> {
      throw new IllegalStateException("STORE_UNAVAILABLE: connection refused");
    }, registry);

    signedIn.provision(null, null);
    signedIn.provision(null, null);
    assertThat(deactivated.provision(null, null).active()).isFalse();
    assertThatThrownBy(() -> refused.provision(null, null))
        .isInstanceOf(LoginRefusedException.class);
    assertThatThrownBy(() -> down.provision(null, null)).hasMessageContaining("STORE_UNAVAILABLE");

    assertThat(registry.get("albauth.provisioning").tags("outcome", "signed-in", "reason", "none")
        .timer().count()).isEqualTo(2);
    assertThat(registry.get("albauth.provisioning").tags("outcome", "refused", "reason",
        "USER_DEACTIVATED").timer().count()).isEqualTo(1);
    assertThat(registry.get("albauth.provisioning").tags("outcome", "refused", "reason",
        "INVALID_USERNAME").timer().count()).isEqualTo(1);
    assertThat(registry.get("albauth.provisioning").tags("outcome", "unavailable", "reason",
        "none").timer().count()).isEqualTo(1);
  }
}
