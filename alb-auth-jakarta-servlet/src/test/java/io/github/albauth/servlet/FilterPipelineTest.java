package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.mapping.MappingResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline's order and its replaceable parts: the gate judges IdP groups before anything is
 * provisioned, the username is never taken from elsewhere than the mapping, the application's
 * failure handler answers refusals, and the statistics tell refusals from outages.
 */
@ExtendWith(AlbTestExtension.class)
class FilterPipelineTest {

  private final AlbTokenMinter minter;
  private final AlbTestEnvironment env;

  FilterPipelineTest(AlbTokenMinter minter, AlbTestEnvironment env) {
    this.minter = minter;
    this.env = env;
  }

  private FakeExchange run(AlbAuthenticationFilter filter, Map<String, Object> claims,
      AtomicReference<AlbPrincipal> reached) throws Exception {
    FakeExchange exchange = new FakeExchange("/whoami",
        Map.of("x-amzn-oidc-data", minter.mint("sub-1", claims)));
    filter.doFilter(exchange.request(), exchange.response(),
        (request, response) -> reached.set((AlbPrincipal) ((jakarta.servlet.http.HttpServletRequest)
            request).getUserPrincipal()));
    return exchange;
  }

  private AlbFilterBuilder configured() {
    return AlbAuthenticationFilter.builder().configure(env.properties())
        .provisioningCacheTtl(Duration.ZERO);
  }

  @Test
  void requiredGroupsAreJudgedOnIdpGroupsBeforeAnythingIsProvisioned() throws Exception {
    // reproduced: requireGroups was checked after provisioning, against store groups, so the
    // README's defaultGroups("app-users") + requireGroups("app-users") let everyone in, and
    // refused outsiders were all created in the store
    AtomicInteger provisioned = new AtomicInteger();
    LoginProvisioner grantsAppUsers = (identity, mapping) -> {
      provisioned.incrementAndGet();
      return ProvisionedUser.of("ann", true, List.of("app-users"));
    };
    AlbAuthenticationFilter filter = configured().requireGroups("app-users")
        .provisioner(grantsAppUsers).build();
    AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
    FakeExchange outsider = run(filter, Map.of("email", "ann@corp.example"), reached);
    assertThat(outsider.status()).isEqualTo(403);
    assertThat(reached.get()).isNull();
    assertThat(provisioned).hasValue(0);

    FakeExchange member = run(filter,
        Map.of("email", "ann@corp.example", "groups", List.of("app-users")), reached);
    assertThat(member.status()).isEqualTo(200);
    assertThat(provisioned).hasValue(1);
    assertThat(filter.statistics().byFailure()).containsEntry(AlbAuthFailure.NOT_IN_REQUIRED_GROUP, 1L);
  }

  @Test
  void storeGroupsSatisfyTheGateOnlyWhenAskedTo() throws Exception {
    AtomicInteger provisioned = new AtomicInteger();
    AlbAuthenticationFilter filter = configured()
        .configure(Map.of("albauth.required-groups", "app-users",
            "albauth.required-groups.from-store", "true"))
        .provisioner((identity, mapping) -> {
          provisioned.incrementAndGet();
          return ProvisionedUser.of("ann", true, List.of("app-users"));
        }).build();
    AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
    assertThat(run(filter, Map.of("email", "ann@corp.example"), reached).status()).isEqualTo(200);
    assertThat(reached.get().groups()).containsExactly("app-users");
    assertThat(provisioned).hasValue(1);
  }

  @Test
  void aMappingWithoutAUsernameRefusesInsteadOfFallingBackToSub() throws Exception {
    // reproduced: mappedName == null ? identity.username() signed the user in as the sub claim
    AlbAuthenticationFilter filter = configured()
        .configure(Map.of("albauth.mapping.username", "email")).build();
    AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange exchange = run(filter, Map.of("preferred_username", "ann"), reached);
      assertThat(exchange.status()).isEqualTo(403);
      assertThat(reached.get()).isNull();
      assertThat(log.warnings()).singleElement().asString().contains("INVALID_USERNAME");
    }
  }

  @Test
  void hostileUsernamesAreRefusedAndNeverReachTheLog() throws Exception {
    AlbAuthenticationFilter filter = configured()
        .mapper(source -> MappingResult.mapped(Map.of("username", source.get("email") == null
            ? "" : String.valueOf(source.get("email"))))).build();
    for (String hostile : List.of("ann\nINFO forged line", "ann\u202Egpj.exe", "a\u200Bdmin",
        "x\u0000y", "\uD800lone", " ")) {
      try (FilterLog log = FilterLog.capture()) {
        AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
        FakeExchange exchange = run(filter, Map.of("email", hostile), reached);
        assertThat(exchange.status()).as(hostile).isEqualTo(403);
        assertThat(reached.get()).isNull();
        assertThat(log.warnings()).singleElement().asString()
            .contains("INVALID_USERNAME")
            .doesNotContain("\n", "\u202E", "\u200B", "\u0000", "forged");
      }
    }
    AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
    run(filter, Map.of("email", "jose\u0301"), reached);
    assertThat(reached.get().getName()).as("one canonical form, NFC").isEqualTo("jos\u00e9");
  }

  @Test
  void theApplicationsFailureHandlerAnswersRefusalsAndTheyAreCountedApartFromOutages()
      throws Exception {
    AlbAuthenticationFilter filter = configured().requireGroups("staff")
        .failureHandler((request, response, failure) -> {
          response.setStatus(failure.status());
          response.setHeader("X-Refused", failure.name());
        }).build();
    AtomicReference<AlbPrincipal> reached = new AtomicReference<>();
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange exchange = run(filter, Map.of("email", "ann@corp.example"), reached);
      assertThat(exchange.status()).isEqualTo(403);
      assertThat(exchange.response().getHeader("X-Refused")).isEqualTo("NOT_IN_REQUIRED_GROUP");
      assertThat(log.warnings()).singleElement().asString()
          .contains("albauth refused GET /whoami", "NOT_IN_REQUIRED_GROUP");
    }
    run(filter, Map.of("email", "ann@corp.example", "groups", List.of("staff")), reached);
    assertThat(filter.statistics()).isEqualTo(new AlbFilterStatistics(1, 1, 0,
        Map.of(AlbAuthFailure.NOT_IN_REQUIRED_GROUP, 1L)));
  }

  @Test
  void theStandardAnswerIsUsableOutsideTheFilter() throws Exception {
    AlbFailureHandler standard = AlbFailureHandler.standard("/api/*");
    FakeExchange page = new FakeExchange("/page", Map.of());
    standard.onFailure(page.request(), page.response(), AlbAuthFailure.ACCESS_DENIED);
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).isEqualTo("forbidden\n");
    FakeExchange api = new FakeExchange("/api/orders", Map.of());
    standard.onFailure(api.request(), api.response(), AlbAuthFailure.KEY_UNAVAILABLE);
    assertThat(api.status()).isEqualTo(503);
    assertThat(api.body()).isEqualTo("{\"error\":\"unavailable\"}");
    assertThat(api.response().getHeader("Retry-After")).isEqualTo("5");
    assertThatThrownBy(() -> AlbFailureHandler.standard("*.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailureHandlerThatThrowsFallsBackToTheFiltersOwnAnswer() throws Exception {
    AlbAuthenticationFilter filter = configured().requireGroups("staff")
        .failureHandler((request, response, failure) -> {
          throw new IllegalStateException("handler bug");
        }).build();
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange exchange = run(filter, Map.of("email", "ann@corp.example"),
          new AtomicReference<>());
      assertThat(exchange.status()).isEqualTo(403);
      assertThat(exchange.body()).isEqualTo("forbidden\n");
      assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains("handler bug"));
    }
  }

  @Test
  void anOutageIsCountedAsUnavailableNotAsARefusal() throws Exception {
    AlbAuthenticationFilter filter = configured()
        .provisioner((identity, mapping) -> {
          throw new IllegalStateException("store down");
        }).build();
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange exchange = run(filter, Map.of("email", "ann@corp.example"),
          new AtomicReference<>());
      assertThat(exchange.status()).isEqualTo(503);
      assertThat(exchange.response().getHeader("Retry-After")).isNotNull();
      assertThat(log.warnings()).singleElement().asString()
          .contains("albauth could not judge GET /whoami", "PROVISIONING_FAILED", "store down");
    }
    AlbFilterStatistics statistics = filter.statistics();
    assertThat(statistics.unavailable()).isEqualTo(1);
    assertThat(statistics.refused()).isZero();
    assertThat(statistics.byFailure()).containsOnlyKeys(AlbAuthFailure.PROVISIONING_FAILED);
  }
}
