package io.github.albauth.spring.boot.autoconfigure;

import static io.github.albauth.spring.boot.autoconfigure.sync.TestSource.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.albauth.spring.boot.autoconfigure.sync.TestSource;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.SyncScheduler;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Boot application that brings only a {@code UserStore} and a directory source as beans
 * and gets the rest from keys, on embedded Tomcat with Spring Security: a login provisions the
 * user into the application's store (just in time), the scheduler started when the application
 * was ready and syncs the directory on demand, and the metrics and health endpoints show the
 * provisioning, the runs and the directory's health. The steps run in order, on one application.
 */
@Import(SyncApplicationTest.StoreAndDirectory.class)
@TestPropertySource(properties = {"albauth.exclude-paths=/actuator/*",
    "albauth.provisioning.mode=jit", "albauth.provisioning.source-id=alb",
    "albauth.sync.interval=1h", "albauth.sync.default-groups=app-users",
    "albauth.health.directory.probe-interval=PT1S",
    "management.endpoints.web.exposure.include=health,metrics",
    "management.endpoint.health.show-details=always",
    "management.endpoint.health.group.alb.include=ping,albauth/keyEndpoint"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncApplicationTest extends SecuredApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  InMemoryUserStore store;

  @Autowired
  TestSource directory;

  @Autowired
  SyncScheduler scheduler;

  /** The application's beans: its store and its directory. */
  @TestConfiguration(proxyBeanMethods = false)
  static class StoreAndDirectory {

    @Bean
    InMemoryUserStore store() {
      return new InMemoryUserStore();
    }

    @Bean
    TestSource directory() {
      return new TestSource("hr", List.of(user("1", "ann"), user("2", "bob")));
    }
  }

  private ActuatorEndpoints actuator() {
    return new ActuatorEndpoints(port);
  }

  @Test
  @Order(1)
  void aLoginProvisionsTheUserIntoTheApplicationsStore() throws Exception {
    HttpResponse<String> first = AlbFixture.get(port, "/whoami", ALB.token("cid@corp.example"));
    HttpResponse<String> second = AlbFixture.get(port, "/whoami", ALB.token("cid@corp.example"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("groups").toString())
        .as("the store's groups").isEqualTo("[\"app-users\"]");
    assertThat(second.statusCode()).isEqualTo(200);
    StoredUser cid = store.findByUsername("cid@corp.example").orElseThrow();
    assertThat(cid.source()).isEqualTo("alb");
    assertThat(store.boundSubject("cid@corp.example"))
        .contains(new IdpSubject(ALB.minter.issuer(), "sub-cid@corp.example"));
    assertThat(actuator().metric("albauth.provisioning", "outcome:signed-in"))
        .as("the second request was served from the filter's provisioning cache").isEqualTo(1);
  }

  @Test
  @Order(2)
  void theSchedulerWasStartedAndARunIsMeteredAndShownInTheDirectorysHealth() throws Exception {
    assertThat(scheduler.nextRun()).as("started when the application was ready")
        .isBetween(Instant.now().plus(Duration.ofMinutes(58)), Instant.now().plusSeconds(3600));

    SyncReport report = scheduler.triggerNow().get(20, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(store.findByUsername("ann")).isPresent();
    assertThat(store.findByUsername("bob")).isPresent();
    ActuatorEndpoints actuator = actuator();
    assertThat(actuator.metric("albauth.sync.runs", "source:hr", "mode:FULL", "status:SUCCEEDED"))
        .isEqualTo(1);
    assertThat(actuator.metric("albauth.sync.users", "source:hr", "outcome:CREATED")).isEqualTo(2);
    assertThat(actuator.metric("albauth.sync.duration")).as("count").isEqualTo(1);
    JsonNode hr = actuator.albauthOnce(ActuatorEndpoints.status("UP"), "directories", "hr");
    assertThat(hr.path("status").asText()).isEqualTo("UP");
    assertThat(hr.path("details").path("lastRun").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(directory.lookupsById()).as("checked, not hammered").isBetween(1, 25);
  }

  @Test
  @Order(3)
  void aFailingDirectoryIsDownWithItsMessageButNotInTheLoadBalancersGroup() throws Exception {
    directory.failWith("get user: HTTP 401 (invalid_client)");

    JsonNode hr = actuator().albauthOnce(ActuatorEndpoints.status("DOWN"), "directories", "hr");

    assertThat(hr.path("status").asText()).isEqualTo("DOWN");
    assertThat(hr.path("details").path("failure").asText())
        .isEqualTo("SOURCE_FAILED: get user: HTTP 401 (invalid_client)");
    assertThat(AlbFixture.get(port, "/actuator/health", null).statusCode()).isEqualTo(503);
    HttpResponse<String> alb = AlbFixture.get(port, "/actuator/health/alb", null);
    assertThat(alb.statusCode()).as("the group a target group checks: %s", alb.body())
        .isEqualTo(200);
    assertThat(alb.body()).contains("keyEndpoint").doesNotContain("directories");
    directory.failWith(null);
  }
}
