package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

/**
 * Actuator's health and metrics endpoints of a Spring Boot application with Spring Security, on
 * embedded Tomcat, with tokens of the test kit's minter verified against its key server: the
 * {@code albauth} health component follows the key endpoint (UP after a key fetch, DOWN as soon
 * as a fetch fails, UP again once a background probe finds it back), and the metrics count real
 * requests by outcome and reason, and the key fetches. The steps run in order, on one
 * application.
 */
@TestPropertySource(properties = {"albauth.exclude-paths=/actuator/*",
    "albauth.health.key-endpoint.probe-interval=PT1S",
    "management.endpoints.web.exposure.include=health,metrics",
    "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorTest extends SecuredApplicationTest {

  @AfterAll
  static void keyServerUpAgain() {
    ALB.keys.healthy();
  }

  private ActuatorEndpoints actuator() {
    return new ActuatorEndpoints(port);
  }

  @Test
  @Order(1)
  void theKeyEndpointIsUpAfterTheVerifierFetchedAKey() throws Exception {
    assertThat(AlbFixture.get(port, "/whoami", ALB.token("ann@corp.example")).statusCode())
        .isEqualTo(200);

    assertThat(AlbFixture.get(port, "/actuator/health", null).statusCode()).isEqualTo(200);
    JsonNode keys = actuator().albauth("keyEndpoint");
    assertThat(keys.path("status").asText()).isEqualTo("UP");
    assertThat(keys.path("details").path("via").asText()).isIn("key fetch", "probe");
  }

  @Test
  @Order(2)
  void verificationsAreCountedByOutcomeAndReason() throws Exception {
    AlbFixture.get(port, "/whoami", ALB.token("bob@corp.example"));
    AlbFixture.get(port, "/whoami", null);
    AlbFixture.get(port, "/whoami", null);
    AlbFixture.get(port, "/whoami", "not-a-token");

    ActuatorEndpoints actuator = actuator();
    assertThat(actuator.metric("albauth.verifications", "outcome:authenticated")).isEqualTo(2);
    assertThat(actuator.metric("albauth.verifications", "outcome:refused", "reason:MISSING_TOKEN"))
        .isEqualTo(2);
    assertThat(actuator.metric("albauth.verifications", "reason:INVALID_TOKEN")).isEqualTo(1);
    assertThat(actuator.metric("albauth.keys.fetches", "outcome:success"))
        .as("one fetch, then cached").isEqualTo(1);
    assertThat(actuator.metric("albauth.keys.lookups", "result:hit")).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aFailedKeyFetchMakesItDownAtOnceAndTheProbeFindsItBack() throws Exception {
    ALB.keys.down();
    ALB.minter.rotateKey();
    assertThat(AlbFixture.get(port, "/whoami", ALB.token("cid@corp.example")).statusCode())
        .isEqualTo(503);

    ActuatorEndpoints actuator = actuator();
    assertThat(AlbFixture.get(port, "/actuator/health", null).statusCode()).isEqualTo(503);
    JsonNode down = actuator.albauth("keyEndpoint");
    assertThat(down.path("status").asText()).isEqualTo("DOWN");
    assertThat(down.path("details").path("failure").asText()).isEqualTo("KEY_UNAVAILABLE");
    assertThat(actuator.metric("albauth.verifications", "outcome:unavailable",
        "reason:KEY_UNAVAILABLE")).isEqualTo(1);
    assertThat(actuator.metric("albauth.keys.fetches", "outcome:failure",
        "reason:KEY_UNAVAILABLE")).isEqualTo(1);

    ALB.keys.healthy();
    JsonNode up = actuator.albauthOnce(ActuatorEndpoints.status("UP"), "keyEndpoint");
    assertThat(up.path("status").asText())
        .as("a background probe found the endpoint back, without any login").isEqualTo("UP");
    assertThat(up.path("details").path("via").asText()).isEqualTo("probe");
  }
}
