package io.github.albauth.usersync.connectors.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.mapping.MappingResult;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract tests: Okta's bodies, headers and error objects as Okta documents them, stubbed one by
 * one.
 */
class OktaSourceTest {

  @RegisterExtension
  static WireMockExtension okta = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  /** Records waits instead of sleeping; the system clock keeps running. */
  private HttpSettings.Builder http() {
    return HttpSettings.builder().sleeper(waits::add).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(10));
  }

  private OktaSource source(HttpSettings settings) {
    return OktaSource.create(OktaConfig.builder().orgUrl(URI.create(okta.baseUrl()))
        .apiToken("00secret-api-token").http(settings).build());
  }

  private static List<SourceUser> all(OktaSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toList());
    }
  }

  // The user object of Okta's Users API (example of "List all users"):
  // https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers
  private static String user(String id, String login, String status) {
    return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"created\":"
        + "\"2013-06-24T16:39:18.000Z\",\"activated\":\"2013-06-24T16:39:19.000Z\","
        + "\"statusChanged\":\"2013-06-24T16:39:19.000Z\",\"lastLogin\":\"2013-06-24T17:39:19.000Z\","
        + "\"lastUpdated\":\"2013-07-02T21:36:25.344Z\",\"passwordChanged\":"
        + "\"2013-07-02T21:36:25.344Z\",\"type\":{\"id\":\"otyfnjfba4ye7pgjB0g4\"},\"profile\":{"
        + "\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"" + login + "\",\"login\":\""
        + login + "\",\"mobilePhone\":\"555-415-1337\"},\"credentials\":{\"password\":{},"
        + "\"recovery_question\":{\"question\":\"Who's a major player in the cowboy scene?\"},"
        + "\"provider\":{\"type\":\"OKTA\",\"name\":\"OKTA\"}},\"_links\":{\"self\":{\"href\":"
        + "\"https://{yourOktaDomain}/api/v1/users/" + id + "\"}}}";
  }

  // https://developer.okta.com/docs/reference/rl-best-practices/ (headers) and
  // https://developer.okta.com/docs/reference/error-codes/ (E0000047)
  private static ResponseDefinitionBuilder tooManyRequests(long resetEpochSecond) {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
        .withHeader("X-Rate-Limit-Reset", Long.toString(resetEpochSecond))
        .withBody("{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due"
            + " to too many requests.\",\"errorLink\":\"E0000047\",\"errorId\":"
            + "\"sampleQPivGUj_ND5v78vbYWW\",\"errorCauses\":[]}");
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  @Test
  void listsUsersOverLinkedPagesAtTheDocumentedMaximumPageSize() {
    // Link headers: https://developer.okta.com/docs/api/#pagination
    okta.stubFor(get("/api/v1/users?limit=200").willReturn(okJson("[" + user("00u1", "isaac.brock"
        + "@example.com", "ACTIVE") + "," + user("00u2", "ann@example.com", "LOCKED_OUT") + "]")
        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?limit=200>; rel=\"self\"")
        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?after=00u2&limit=200>;"
            + " rel=\"next\"")));
    okta.stubFor(get("/api/v1/users?after=00u2&limit=200").willReturn(okJson("["
        + user("00u3", "bob@example.com", "SUSPENDED") + "]")
        .withHeader("Link", "<" + okta.baseUrl() + "/api/v1/users?after=00u2&limit=200>;"
            + " rel=\"self\"")));
    OktaSource source = source(http().build());

    List<SourceUser> users = all(source);

    assertThat(users).extracting(SourceUser::id).containsExactly("00u1", "00u2", "00u3");
    assertThat(users.get(0).attributes().names()).contains("profile", "status")
        .doesNotContain("credentials", "_links");
    assertThat(source.checkListing().complete()).isTrue();
    okta.verify(getRequestedFor(urlPathEqualTo("/api/v1/users"))
        .withHeader("Authorization", equalTo("SSWS 00secret-api-token")));
    // the okta preset maps status to active as OktaStatus documents
    AttributeMapping mapping = AttributeMapping.builder().preset(DirectoryPreset.OKTA).build();
    assertThat(users).extracting(u -> active(mapping.map(u.attributes())))
        .containsExactly(true, true, false);
  }

  private static Object active(MappingResult result) {
    return result.attributes().get("active");
  }

  @Test
  void anEmptyOrgIsAnEmptyCompleteListing() {
    okta.stubFor(get("/api/v1/users?limit=200").willReturn(okJson("[]")));
    OktaSource source = source(http().build());

    assertThat(all(source)).isEmpty();
    assertThat(source.checkListing().complete()).isTrue();
  }

  @Test
  void waitsForTheRateLimitResetAfterA429ThenSucceeds() {
    long reset = java.time.Instant.now().getEpochSecond() + 20;
    okta.stubFor(get("/api/v1/users?limit=200").inScenario("rl").whenScenarioStateIs(STARTED)
        .willReturn(tooManyRequests(reset)).willSetStateTo("ok"));
    okta.stubFor(get("/api/v1/users?limit=200").inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(okJson("[" + user("00u1", "a@example.com", "ACTIVE") + "]")));

    assertThat(all(source(http().build()))).hasSize(1);
    // waits until the reset (the recording sleeper does not move the clock, so pacing then
    // waits for the same reset once more before the retry; a real sleep would have passed it)
    assertThat(waits).isNotEmpty().allSatisfy(
        w -> assertThat(w).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(23)));
    okta.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/users")));
  }

  @Test
  void throttlingPastTheRetryBudgetFailsTheListing() {
    okta.stubFor(get("/api/v1/users?limit=200").willReturn(
        tooManyRequests(java.time.Instant.now().getEpochSecond() + 1)));
    OktaSource source = source(http().maxAttempts(3).build());

    assertThatThrownBy(() -> all(source)).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.vendorCode()).isEqualTo("E0000047");
      assertThat(e.getMessage()).contains("list users", "after 3 attempts")
          .doesNotContain("00secret-api-token");
    });
  }

  @Test
  void aServiceAppTokenRefusedWith401IsReplacedOnce() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    // https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/ (token response)
    okta.stubFor(post("/oauth2/v1/token").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":"
            + "\"first\",\"scope\":\"okta.users.read okta.groups.read\"}")).willSetStateTo("2"));
    okta.stubFor(post("/oauth2/v1/token").inScenario("t").whenScenarioStateIs("2")
        .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":"
            + "\"second\",\"scope\":\"okta.users.read okta.groups.read\"}")));
    // https://developer.okta.com/docs/reference/error-codes/ (E0000011: Invalid token provided)
    okta.stubFor(get("/api/v1/users/00u1").withHeader("Authorization", equalTo("Bearer first"))
        .willReturn(aResponse().withStatus(401).withBody("{\"errorCode\":\"E0000011\","
            + "\"errorSummary\":\"Invalid token provided\",\"errorLink\":\"E0000011\",\"errorId\":"
            + "\"oaeX\",\"errorCauses\":[]}")));
    okta.stubFor(get("/api/v1/users/00u1").withHeader("Authorization", equalTo("Bearer second"))
        .willReturn(okJson(user("00u1", "a@example.com", "ACTIVE"))));
    OktaSource source = OktaSource.create(OktaConfig.builder().orgUrl(URI.create(okta.baseUrl()))
        .serviceApp("0oa-service", gen.generateKeyPair().getPrivate(), "kid-1")
        .http(http().build()).build());

    assertThat(source.lookupById("00u1")).isPresent();
    okta.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/v1/token"))
        .withRequestBody(containing("client_assertion_type="))
        .withRequestBody(containing("scope=okta.users.read+okta.groups.read")));
  }

  @Test
  void malformedJsonFailsTheListing() {
    okta.stubFor(get("/api/v1/users?limit=200").willReturn(okJson("[{\"id\":\"00u1\",")));

    assertThatThrownBy(() -> all(source(http().build())))
        .isInstanceOf(SourceCallException.class).hasMessageContaining("not the JSON expected");
  }

  @Test
  void aPageCutShortFailsTheListing() {
    okta.stubFor(get("/api/v1/users?limit=200")
        .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    assertThatThrownBy(() -> all(source(http().maxAttempts(2).build())))
        .isInstanceOfSatisfying(SourceCallException.class,
            e -> assertThat(e.getMessage()).contains("after 2 attempts"));
  }

  @Test
  void aUserWithMissingFieldsIsDeliveredAndOneWithoutAnIdFailsThePage() {
    okta.stubFor(get("/api/v1/users?limit=200").willReturn(okJson(
        "[{\"id\":\"00u9\",\"status\":\"STAGED\",\"profile\":{\"login\":\"new@example.com\"}}]")));
    okta.stubFor(get("/api/v1/users/00u9/groups").willReturn(okJson("[]")));

    SourceUser user = all(source(http().build())).get(0);
    MappingResult mapped = AttributeMapping.builder().preset(DirectoryPreset.OKTA).build()
        .map(user.attributes());
    assertThat(mapped.attributes()).containsEntry("username", "new@example.com")
        .containsEntry("active", true);
    assertThat(mapped.attributes().get("email")).isNull();

    okta.stubFor(get("/api/v1/users?limit=200").willReturn(okJson(
        "[{\"status\":\"ACTIVE\",\"profile\":{\"login\":\"x@example.com\"}}]")));
    assertThatThrownBy(() -> all(source(http().build())))
        .isInstanceOf(SourceCallException.class).hasMessageContaining("without an \"id\"");
  }

  @Test
  void aLookupMatchingSeveralUsersIsAConflict() {
    okta.stubFor(get(urlPathEqualTo("/api/v1/users"))
        .withQueryParam("search", equalTo("profile.email eq \"shared@example.com\""))
        .willReturn(okJson("[" + user("00u1", "shared@example.com", "ACTIVE") + ","
            + user("00u2", "shared@example.com", "ACTIVE") + "]")));

    assertThatThrownBy(() -> source(http().build()).lookup("email", "shared@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.CONFLICT));
  }

  @Test
  void lookupValuesAreQuotedNotInjected() {
    okta.stubFor(get(urlPathEqualTo("/api/v1/users"))
        .withQueryParam("search", equalTo("profile.login eq \"a\\\" or id gt \\\"\""))
        .willReturn(okJson("[]")));

    assertThat(source(http().build()).lookup("login", "a\" or id gt \"")).isEmpty();
  }

  @Test
  void anUnknownLookupAttributeIsUnsupported() {
    assertThatThrownBy(() -> source(http().build()).lookup("mail", "a@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserSyncException.Reason.UNSUPPORTED);
          assertThat(e.getMessage()).contains("profile.*");
        });
  }

  @Test
  void aDeprovisionedUserIsFoundByIdAsInactive() {
    okta.stubFor(get("/api/v1/users/00u5").willReturn(okJson(user("00u5", "gone@example.com",
        "DEPROVISIONED"))));
    okta.stubFor(get("/api/v1/users/00u404").willReturn(aResponse().withStatus(404).withBody(
        "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: 00u404"
            + " (User)\",\"errorLink\":\"E0000007\",\"errorId\":\"oaeY\",\"errorCauses\":[]}")));
    OktaSource source = source(http().build());

    SourceUser gone = source.lookupById("00u5").orElseThrow();
    assertThat(OktaStatus.of(gone.attributes().get("status"))).isEqualTo(OktaStatus.DEPROVISIONED);
    assertThat(source.lookupById("00u404")).isEmpty();
  }

  @Test
  void configRefusesBadValuesAndSaysWhatToSet() {
    assertThatThrownBy(() -> OktaConfig.builder().orgUrl(URI.create("http://example.okta.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> OktaConfig.builder().userPageSize(201))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200");
    assertThatThrownBy(() -> OktaConfig.builder().orgUrl(URI.create("https://example.okta.com"))
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ALBAUTH_OKTA_API_TOKEN");
    assertThat(OktaConfig.builder().orgUrl(URI.create("https://example.okta.com"))
        .apiToken("00secret").build().toString()).doesNotContain("00secret");
    assertThat(Map.of()).isEmpty();
  }
}
