package io.github.albauth.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The key endpoint's health follows the verifier's key lookups and asks the endpoint itself only
 * while it is not known to answer, at most once per probe interval, never on the health request's
 * thread in production (here the probe runs on the calling thread, after the answer was decided,
 * so each step is deterministic).
 */
@ExtendWith(AlbTestExtension.class)
class KeyEndpointHealthTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  private final AlbKeyServer keys;
  private final AlbTestEnvironment env;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

  KeyEndpointHealthTest(AlbKeyServer keys, AlbTestEnvironment env) {
    this.keys = keys;
    this.env = env;
  }

  private KeyEndpointHealth health(Map<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>(env.properties());
    settings.putAll(extra);
    Settings read = SettingsRegistry.discover().read(settings);
    return new KeyEndpointHealth(read, clock, Runnable::run);
  }

  @Test
  void beforeAnyKeyIsNeededItIsUnknownAndAProbeFindsTheEndpointUp() {
    try (KeyEndpointHealth health = health(Map.of())) {
      Health first = health.health();
      assertThat(first.getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat(first.getDetails()).containsEntry("lastContact", "none yet: no key was needed");
      assertThat(keys.requestCount()).as("the probe asked once").isEqualTo(1);

      Health second = health.health();
      assertThat(second.getStatus()).isEqualTo(Status.UP);
      assertThat(second.getDetails()).containsEntry("via", "probe")
          .containsEntry("lastAnswer", clock.instant().toString());
      assertThat(keys.requestCount()).as("up: no more probes").isEqualTo(1);
    }
  }

  @Test
  void theVerifiersKeyLookupsDecideAndAnUpEndpointIsNeverProbed() {
    try (KeyEndpointHealth health = health(Map.of())) {
      health.onFetch("kid", SECOND);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      clock.advance(SECOND);
      health.onFailure("kid", AlbTokenException.Reason.UNKNOWN_KEY, SECOND);
      assertThat(health.health().getStatus()).as("the endpoint answered 404").isEqualTo(Status.UP);
      clock.advance(SECOND);
      health.onFailure("kid", AlbTokenException.Reason.KEY_FETCH_THROTTLED, Duration.ZERO);
      assertThat(health.health().getStatus()).as("nothing was asked").isEqualTo(Status.UP);
      assertThat(keys.requestCount()).isZero();

      clock.advance(SECOND);
      health.onFailure("kid", AlbTokenException.Reason.KEY_UNAVAILABLE, SECOND);
      keys.down();
      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("failure", "KEY_UNAVAILABLE")
          .containsEntry("via", "key fetch")
          .containsEntry("lastAnswer", Instant.parse("2026-12-06T10:00:01Z").toString());
    }
  }

  @Test
  void whileDownAProbeRunsAtMostOncePerIntervalAndFindsTheEndpointBack() {
    try (KeyEndpointHealth health = health(
        Map.of("albauth.health.key-endpoint.probe-interval", "PT30S"))) {
      health.onFailure("kid", AlbTokenException.Reason.KEY_UNAVAILABLE, SECOND);
      keys.failWith(503);

      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.health().getDetails()).containsEntry("via", "probe")
          .containsEntry("failure", "KEY_UNAVAILABLE");
      assertThat(keys.requestCount()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(29));
      for (int i = 0; i < 5; i++) {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      }
      assertThat(keys.requestCount()).as("no probe within the interval").isEqualTo(1);

      keys.healthy();
      clock.advance(SECOND);
      assertThat(health.health().getStatus()).as("decided before the probe").isEqualTo(Status.DOWN);
      assertThat(keys.requestCount()).isEqualTo(2);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void anUnreachableEndpointIsDownAfterTheProbesTimeout() {
    try (KeyEndpointHealth health = health(Map.of("albauth.key-fetch-timeout", "PT0.2S"))) {
      keys.slow(Duration.ofSeconds(2));
      health.health();
      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("failure", "KEY_UNAVAILABLE");
    }
  }

  @Test
  void probingCanBeTurnedOff() {
    try (KeyEndpointHealth health = health(
        Map.of("albauth.health.key-endpoint.probe-interval", "PT0S"))) {
      health.onFailure("kid", AlbTokenException.Reason.KEY_UNAVAILABLE, SECOND);
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.health().getDetails()).containsEntry("probe", "off");
      assertThat(keys.requestCount()).isZero();
    }
  }

  @Test
  void withoutARegionThereIsNothingToProbe() {
    Settings noSigner = SettingsRegistry.discover().read(Map.of(
        "albauth.public-key-url", env.publicKeyUrlTemplate()));
    try (KeyEndpointHealth health = new KeyEndpointHealth(noSigner, clock, Runnable::run)) {
      assertThat(health.health().getDetails())
          .containsEntry("probe", "off: no region (set albauth.region)");
      assertThat(keys.requestCount()).isZero();
    }
  }
}
