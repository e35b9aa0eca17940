package io.github.albauth.usersync.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.UserSyncException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiClientTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final ManualTime time = new ManualTime(Instant.parse("2026-12-01T10:00:00Z"));
  private static final ErrorFormat OKTA_ERRORS = ErrorFormat.fields("errorCode", "errorSummary");

  private ApiClient client(HttpSettings settings) {
    return ApiClient.builder(settings, OKTA_ERRORS)
        .authorization(Authorization.fixed("SSWS top-secret-token"))
        .rateLimitHeaders(RateLimitHeaders.OKTA)
        .build();
  }

  private URI uri(String path) {
    return URI.create(idp.baseUrl() + path);
  }

  // Okta's 429 body and headers: https://developer.okta.com/docs/reference/error-codes/ and
  // https://developer.okta.com/docs/reference/rl-best-practices/
  private static final String OKTA_429 = "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call"
      + " exceeded rate limit due to too many requests.\",\"errorLink\":\"E0000047\",\"errorId\":"
      + "\"sampleQPivGUj_ND5v78vbYWW\",\"errorCauses\":[]}";

  @Test
  void waitsForRetryAfterThenSucceeds() {
    idp.stubFor(get("/api/v1/users/u1").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withHeader("Content-Type", "application/json").withBody(OKTA_429))
        .willSetStateTo("ok"));
    idp.stubFor(get("/api/v1/users/u1").inScenario("t").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"id\":\"u1\"}")));

    Map<String, ?> user = client(time.settings().build())
        .getObject("get user", uri("/api/v1/users/u1"), Map.of());

    assertThat(user.get("id")).isEqualTo("u1");
    assertThat(time.sleeps).hasSize(1);
    assertThat(time.sleeps.get(0)).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7700));
    idp.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/users/u1"))
        .withHeader("Authorization", equalTo("SSWS top-secret-token")));
  }

  @Test
  void waitsForTheRateLimitResetWhenA429HasNoRetryAfter() {
    long reset = time.instant().plusSeconds(30).getEpochSecond();
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "600")
            .withHeader("X-Rate-Limit-Remaining", "0")
            .withHeader("X-Rate-Limit-Reset", Long.toString(reset)).withBody(OKTA_429))
        .willSetStateTo("ok"));
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs("ok").willReturn(okJson("{}")));

    client(time.settings().build()).getObject("list", uri("/x"), Map.of());

    assertThat(time.sleeps).hasSize(1);
    assertThat(time.sleeps.get(0)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
  }

  @Test
  void throttlingPastTheRetryBudgetFailsNamingCallStatusAndVendorCode() {
    idp.stubFor(get("/api/v1/users").willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "50").withBody(OKTA_429)));

    ApiClient client = client(time.settings().retryBudget(Duration.ofSeconds(120)).build());

    assertThatThrownBy(() -> client.getObject("list users", uri("/api/v1/users"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.vendorCode()).isEqualTo("E0000047");
          assertThat(e.call()).startsWith("list users (");
          assertThat(e.getMessage()).contains("list users", "HTTP 429", "E0000047",
              "retryBudget").doesNotContain("top-secret-token");
        });
    // 50 s (+ jitter) twice fits into 120 s; a third wait would not
    idp.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/users")));
  }

  @Test
  void givesUpAfterMaxAttemptsOnServerErrors() {
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(503)));

    ApiClient client = client(time.settings().maxAttempts(3).build());

    assertThatThrownBy(() -> client.getObject("list", uri("/x"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.getMessage()).contains("after 3 attempts", "maxAttempts");
        });
    assertThat(time.sleeps).hasSize(2);
    // backoff with jitter: the first wait is 250..500 ms, the second 500..1000 ms
    assertThat(time.sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(time.sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void retriesABrokenConnection() {
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs("ok").willReturn(okJson("{\"a\":1}")));

    assertThat(client(time.settings().build()).getObject("get", uri("/x"), Map.of()))
        .containsEntry("a", 1);
  }

  @Test
  void aTimeoutIsReportedAsSuch() {
    idp.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(2_000)));

    ApiClient client = client(time.settings().requestTimeout(Duration.ofMillis(100))
        .maxAttempts(1).build());

    assertThatThrownBy(() -> client.getObject("get", uri("/slow"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_TIMEOUT);
          assertThat(e.getMessage()).contains("requestTimeout");
        });
  }

  @Test
  void aClientErrorIsNotRetried() {
    // https://developer.okta.com/docs/reference/error-codes/ (E0000006, 403)
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(403).withBody("{\"errorCode\":"
        + "\"E0000006\",\"errorSummary\":\"You do not have permission to perform the requested"
        + " action\",\"errorLink\":\"E0000006\",\"errorId\":\"oae\",\"errorCauses\":[]}")));

    assertThatThrownBy(() -> client(time.settings().build()).getObject("get", uri("/x"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.vendorCode()).isEqualTo("E0000006");
          assertThat(e.getMessage()).contains("after 1 attempt", "permission");
        });
    idp.verify(1, getRequestedFor(urlPathEqualTo("/x")));
  }

  @Test
  void malformedJsonFailsWithoutRetry() {
    idp.stubFor(get("/x").willReturn(okJson("[{\"id\":\"u1\"},")));

    assertThatThrownBy(() -> client(time.settings().build())
        .getPage("list", uri("/x"), Map.of(), null, m -> m.get("id")))
        .isInstanceOfSatisfying(SourceCallException.class, e ->
            assertThat(e.getMessage()).contains("not the JSON expected"));
    idp.verify(1, getRequestedFor(urlPathEqualTo("/x")));
  }

  @Test
  void aPageWithoutItsItemsFieldIsMalformedNotEmpty() {
    idp.stubFor(get("/x").willReturn(okJson("{\"@odata.context\":\"x\"}")));

    assertThatThrownBy(() -> client(time.settings().build())
        .getPage("list", uri("/x"), Map.of(), "value", m -> m.get("id")))
        .isInstanceOf(SourceCallException.class).hasMessageContaining("\"value\"");
  }

  @Test
  void controlCharactersFromTheIdpAreEscapedInMessages() {
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(400)
        .withBody("{\"errorCode\":\"E0000001\",\"errorSummary\":\"bad\\nINFO forged line\"}")));

    assertThatThrownBy(() -> client(time.settings().build()).getObject("get", uri("/x"), Map.of()))
        .hasMessageContaining("bad\\u000aINFO forged line").hasMessageNotContaining("\n");
  }

  @Test
  void pacesBeforeTheLimitIsHit() {
    long reset = time.instant().plusSeconds(60).getEpochSecond();
    idp.stubFor(get("/x").willReturn(okJson("{}").withHeader("X-Rate-Limit-Limit", "100")
        .withHeader("X-Rate-Limit-Remaining", "5")
        .withHeader("X-Rate-Limit-Reset", Long.toString(reset))));
    ApiClient client = client(time.settings().build());

    client.getObject("list", uri("/x"), Map.of()); // learns that 5 of 100 are left
    client.getObject("list", uri("/x"), Map.of()); // waits 60 s / 6

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void refreshesTheTokenOnceOn401() {
    AtomicInteger issued = new AtomicInteger();
    Authorization tokens = new Authorization() {
      @Override
      public String header() {
        return "Bearer t" + issued.get();
      }

      @Override
      public boolean rejected(String rejected) {
        issued.incrementAndGet();
        return true;
      }
    };
    idp.stubFor(get("/x").withHeader("Authorization", equalTo("Bearer t0"))
        .willReturn(aResponse().withStatus(401)));
    idp.stubFor(get("/x").withHeader("Authorization", equalTo("Bearer t1")).willReturn(okJson("{}")));
    ApiClient client = ApiClient.builder(time.settings().build(), OKTA_ERRORS)
        .authorization(tokens).build();

    assertThat(client.getObject("get", uri("/x"), Map.of())).isEmpty();
    assertThat(issued).hasValue(1);
  }

  @Test
  void aFixedTokenRefusedWith401FailsAtOnce() {
    // https://developer.okta.com/docs/reference/error-codes/ (E0000011, 401)
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(401).withBody("{\"errorCode\":"
        + "\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorLink\":\"E0000011\","
        + "\"errorId\":\"oae\",\"errorCauses\":[]}")));

    assertThatThrownBy(() -> client(time.settings().build()).getObject("get", uri("/x"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.vendorCode()).isEqualTo("E0000011");
          assertThat(e.getMessage()).contains("credentials").doesNotContain("top-secret-token");
        });
    idp.verify(1, getRequestedFor(urlPathEqualTo("/x")));
  }

  @Test
  void findObjectTurns404IntoEmpty() {
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(404)));

    assertThat(client(time.settings().build()).findObject("get", uri("/x"), Map.of())).isEmpty();
  }

  @Test
  void readsPagesItemByItem() {
    idp.stubFor(get("/x").willReturn(okJson("{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"}],"
        + "\"@odata.nextLink\":\"next\",\"@odata.count\":2}")));

    JsonPage<Object> page = client(time.settings().build())
        .getPage("list", uri("/x"), Map.of(), "value", m -> m.get("id"));

    assertThat(page.items()).isEqualTo(List.of("a", "b"));
    assertThat(page.field("@odata.nextLink")).isEqualTo("next");
    assertThat(page.field("@odata.count")).isEqualTo("2");
  }
  // Google's error body: https://developers.google.com/workspace/admin/directory/v1/limits (codes
  // and reasons) and https://cloud.google.com/apis/design/errors#http_mapping (the v1 JSON shape)
  private static String googleError(int code, String reason, String message) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{"
        + "\"message\":\"" + message + "\",\"domain\":\"usageLimits\",\"reason\":\"" + reason
        + "\"}]}}";
  }

  private ApiClient googleClient() {
    return ApiClient.builder(time.settings().build(),
            ErrorFormat.fields("error.errors.0.reason", "error.message"))
        .retryOn(403, "rateLimitExceeded", "userRateLimitExceeded")
        .advice((status, code, message) -> "forbidden".equals(code)
            ? "make the admin a super admin" : null)
        .build();
  }

  @Test
  void retriesTheVendorsThrottlingCodesOfAnotherStatus() {
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(403).withBody(googleError(403,
            "userRateLimitExceeded", "Quota exceeded for quota metric 'Queries'")))
        .willSetStateTo("ok"));
    idp.stubFor(get("/x").inScenario("t").whenScenarioStateIs("ok").willReturn(okJson("{\"a\":1}")));

    assertThat(googleClient().getObject("get", uri("/x"), Map.of())).containsEntry("a", 1);
    assertThat(time.sleeps).hasSize(1); // backoff: Google sends no Retry-After
    idp.verify(2, getRequestedFor(urlPathEqualTo("/x")));
  }

  @Test
  void otherCodesOfThatStatusFailAtOnceWithTheVendorsAdvice() {
    idp.stubFor(get("/x").willReturn(aResponse().withStatus(403).withBody(googleError(403,
        "forbidden", "Not Authorized to access this resource/api"))));
    idp.stubFor(get("/y").willReturn(aResponse().withStatus(404).withBody(googleError(404,
        "notFound", "Resource Not Found: userKey"))));

    assertThatThrownBy(() -> googleClient().getObject("get", uri("/x"), Map.of()))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.vendorCode()).isEqualTo("forbidden");
          assertThat(e.getMessage()).endsWith("HTTP 403 (forbidden: Not Authorized to access this"
              + " resource/api); make the admin a super admin");
        });
    assertThatThrownBy(() -> googleClient().getObject("get", uri("/y"), Map.of()))
        .hasMessageEndingWith("; not found; check the base URL and the ids in the settings");
    idp.verify(1, getRequestedFor(urlPathEqualTo("/x")));
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void retryOnAndAdviceAreSetOnce() {
    ApiClient.Builder builder = ApiClient.builder(time.settings().build(), OKTA_ERRORS)
        .retryOn(403, "a").advice((status, code, message) -> null);
    assertThatThrownBy(() -> builder.retryOn(403, "b")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
    assertThatThrownBy(() -> builder.advice((status, code, message) -> null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> builder.retryOn(200, "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("400 to 599");
  }
}
