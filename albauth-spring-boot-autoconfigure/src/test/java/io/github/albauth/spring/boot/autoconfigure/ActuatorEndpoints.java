package io.github.albauth.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Reads Actuator's health and metrics endpoints of a test application, as a monitor would. */
final class ActuatorEndpoints {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A bound on waiting for a background probe, not a speed check. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final int port;

  ActuatorEndpoints(int port) {
    this.port = port;
  }

  /** {@return the body of a GET without a token, as JSON} */
  JsonNode json(String path) {
    try {
      return JSON.readTree(AlbFixture.get(port, path, null).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A meter's first measurement (a counter's count, a timer's count).
   *
   * @param name the meter
   * @param tags {@code key:value} tags the measurement is narrowed to
   * @return the value
   */
  double metric(String name, String... tags) {
    StringBuilder path = new StringBuilder("/actuator/metrics/" + name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
    }
    return json(path.toString()).path("measurements").get(0).path("value").asDouble();
  }

  /**
   * A part of the {@code albauth} health component.
   *
   * @param names the path below it, e.g. {@code keyEndpoint}
   * @return the part's health
   */
  JsonNode albauth(String... names) {
    JsonNode node = json("/actuator/health").path("components").path("albauth");
    for (String name : names) {
      node = node.path("components").path(name);
    }
    return node;
  }

  /**
   * A part of the {@code albauth} health component once it is what a background probe should make
   * it, or as it is after a while.
   *
   * @param until what it should be
   * @param names the path below the component
   * @return the part's health
   * @throws InterruptedException when interrupted while waiting
   */
  JsonNode albauthOnce(Predicate<JsonNode> until, String... names) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    JsonNode health = albauth(names);
    while (!until.test(health) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      health = albauth(names);
    }
    return health;
  }

  /** {@return a predicate on a health part's status} */
  static Predicate<JsonNode> status(String status) {
    return health -> health.path("status").asText().equals(status);
  }
}
