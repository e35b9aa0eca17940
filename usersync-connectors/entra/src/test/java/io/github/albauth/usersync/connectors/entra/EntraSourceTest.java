package io.github.albauth.usersync.connectors.entra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract tests: Microsoft Graph's bodies, headers and error resources as Microsoft documents
 * them, stubbed one by one.
 */
class EntraSourceTest {

  @RegisterExtension
  static WireMockExtension graph = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN_PATH = "/contoso.onmicrosoft.com/oauth2/v2.0/token";
  private static final String SELECT =
      "id,userPrincipalName,mail,displayName,givenName,surname,accountEnabled";
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  private HttpSettings.Builder http() {
    return HttpSettings.builder().sleeper(waits::add).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(10));
  }

  private EntraSource source(HttpSettings settings) {
    URI base = URI.create(graph.baseUrl());
    return EntraSource.create(EntraConfig.builder().tenantId("contoso.onmicrosoft.com")
        .clientId("00001111-aaaa-2222-bbbb-3333cccc4444").clientSecret("graph-secret-value")
        .baseUrls(base, base).http(settings).build());
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
  private void tokens(String... accessTokens) {
    String state = STARTED;
    for (int i = 0; i < accessTokens.length; i++) {
      String next = i + 1 < accessTokens.length ? "t" + (i + 1) : state;
      graph.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(state)
          .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":"
              + "3599,\"access_token\":\"" + accessTokens[i] + "\"}")).willSetStateTo(next));
      state = next;
    }
  }

  // The user resource with $select (https://learn.microsoft.com/en-us/graph/api/user-list, "Get
  // all users" example, and https://learn.microsoft.com/en-us/graph/paging for @odata.nextLink)
  private static String user(String id, String upn, boolean enabled) {
    return "{\"id\":\"" + id + "\",\"userPrincipalName\":\"" + upn + "\",\"mail\":\"" + upn
        + "\",\"displayName\":\"Adele Vance\",\"givenName\":\"Adele\",\"surname\":\"Vance\","
        + "\"accountEnabled\":" + enabled + "}";
  }

  private String usersPage(String nextSkipToken, String... users) {
    return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(" + SELECT
        + ")\"," + (nextSkipToken.isEmpty() ? "" : "\"@odata.nextLink\":\"" + graph.baseUrl()
        + "/v1.0/users?$select=" + SELECT + "&$top=999&$skiptoken=" + nextSkipToken + "\",")
        + "\"value\":[" + String.join(",", users) + "]}";
  }

  private static List<SourceUser> all(EntraSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toList());
    }
  }

  // https://learn.microsoft.com/en-us/graph/errors and https://learn.microsoft.com/en-us/graph/throttling
  private static ResponseDefinitionBuilder graphError(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\","
            + "\"innerError\":{\"date\":\"2026-12-01T10:00:00\",\"request-id\":"
            + "\"94fb3b52-452a-4535-a601-69e0a90e3aa2\",\"client-request-id\":"
            + "\"94fb3b52-452a-4535-a601-69e0a90e3aa2\"}}}");
  }

  @Test
  void listsUsersOverNextLinksWithSelectAndTheMaximumTop() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$skiptoken",
        com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(okJson(usersPage(
            "X'7EN", user("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "AdeleV@contoso.com", true)))));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$skiptoken", equalTo("X'7EN"))
        .willReturn(okJson(usersPage("", user("626cbf8c-5dde-46b0-8385-9e40d64736fe",
            "JohannaL@contoso.com", false)))));
    EntraSource source = source(http().build());

    List<SourceUser> users = all(source);

    assertThat(users).extracting(SourceUser::id).containsExactly(
        "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "626cbf8c-5dde-46b0-8385-9e40d64736fe");
    graph.verify(getRequestedFor(urlPathEqualTo("/v1.0/users"))
        .withQueryParam("$select", equalTo(SELECT)).withQueryParam("$top", equalTo("999"))
        .withHeader("Authorization", equalTo("Bearer tok")));
    graph.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(
        com.github.tomakehurst.wiremock.client.WireMock.containing(
            "scope=" + java.net.URLEncoder.encode(graph.baseUrl() + "/.default",
                java.nio.charset.StandardCharsets.UTF_8))));
    AttributeMapping mapping = AttributeMapping.builder().preset(DirectoryPreset.ENTRA).build();
    assertThat(users).extracting(u -> mapping.map(u.attributes()).attributes().get("active"))
        .containsExactly(true, false);
  }

  @Test
  void countsUsersWithConsistencyLevelEventual() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$count", equalTo("true"))
        .withHeader("ConsistencyLevel", equalTo("eventual"))
        .willReturn(okJson("{\"@odata.context\":\"x\",\"@odata.count\":2,\"value\":[{\"id\":\"a\"}],"
            + "\"@odata.nextLink\":\"" + graph.baseUrl() + "/v1.0/users?$skiptoken=n\"}")));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$select", equalTo(SELECT))
        .willReturn(okJson(usersPage("", user("a", "a@contoso.com", true)))));
    EntraSource source = source(http().build());
    all(source);

    assertThat(source.checkListing().complete()).isTrue();
    assertThat(source.checkListing().expectedUsers()).hasValue(2); // the engine compares with 1
  }

  @Test
  void throttlingWithRetryAfterThenSuccess() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/a")).inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(graphError(429, "TooManyRequests", "Too many requests.")
            .withHeader("Retry-After", "3")).willSetStateTo("503"));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/a")).inScenario("t").whenScenarioStateIs("503")
        .willReturn(graphError(503, "serviceNotAvailable", "Service unavailable.")
            .withHeader("Retry-After", "2")).willSetStateTo("ok"));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/a")).inScenario("t").whenScenarioStateIs("ok")
        .willReturn(okJson(user("a", "a@contoso.com", true))));

    assertThat(source(http().build()).lookupById("a")).isPresent();
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3300));
    assertThat(waits.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2200));
  }

  @Test
  void throttlingPastTheRetryBudgetFails() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(
        graphError(429, "TooManyRequests", "Too many requests.").withHeader("Retry-After", "400")));

    assertThatThrownBy(() -> all(source(http().build())))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.vendorCode()).isEqualTo("TooManyRequests");
          assertThat(e.getMessage()).contains("retryBudget").doesNotContain("graph-secret-value");
        });
    graph.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/users")));
  }

  @Test
  void anExpiredAccessTokenIsReplacedOnce() {
    tokens("expired", "fresh");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/a")).withHeader("Authorization",
        equalTo("Bearer expired")).willReturn(graphError(401, "InvalidAuthenticationToken",
            "Lifetime validation failed, the token is expired.")));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/a")).withHeader("Authorization",
        equalTo("Bearer fresh")).willReturn(okJson(user("a", "a@contoso.com", true))));

    assertThat(source(http().build()).lookupById("a")).isPresent();
    graph.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
  }

  @Test
  void malformedJsonFailsTheListing() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson("{\"value\":[{\"id\"")));

    assertThatThrownBy(() -> all(source(http().build()))).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("not the JSON expected");
  }

  @Test
  void aUserWithMissingFieldsIsDeliveredAndOneWithoutAnIdFailsThePage() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson(
        "{\"value\":[{\"id\":\"a\",\"userPrincipalName\":\"a@contoso.com\",\"mail\":null}]}")));
    SourceUser user = all(source(http().build())).get(0);
    Map<String, ?> mapped = AttributeMapping.builder().preset(DirectoryPreset.ENTRA).build()
        .map(user.attributes()).attributes();
    assertThat(mapped.get("username")).isEqualTo("a@contoso.com");
    assertThat(mapped.get("email")).isNull();

    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson(
        "{\"value\":[{\"userPrincipalName\":\"b@contoso.com\"}]}")));
    assertThatThrownBy(() -> all(source(http().build()))).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("without an \"id\"");
  }

  @Test
  void looksUpByUserPrincipalNameEscapedAndByMailQuoted() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/guest_example.com%23EXT%23%40contoso.onmicrosoft.com"))
        .willReturn(okJson(user("g", "guest_example.com#EXT#@contoso.onmicrosoft.com", true))));
    graph.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$filter",
        equalTo("mail eq 'o''brien@contoso.com'")).willReturn(okJson("{\"value\":[]}")));
    EntraSource source = source(http().build());

    assertThat(source.lookup("userPrincipalName", "guest_example.com#EXT#@contoso.onmicrosoft.com"))
        .isPresent();
    assertThat(source.lookup("mail", "o'brien@contoso.com")).isEmpty();
    assertThatThrownBy(() -> source.lookup("email", "x")).isInstanceOfSatisfying(
        UserSyncException.class, e -> assertThat(e.reason())
            .isEqualTo(UserSyncException.Reason.UNSUPPORTED));
  }

  @Test
  void aDeletedUserLooksUpAsEmpty() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/gone")).willReturn(graphError(404,
        "Request_ResourceNotFound", "Resource 'gone' does not exist or one of its queried"
            + " reference-property objects are not present.")));

    assertThat(source(http().build()).lookupById("gone")).isEmpty();
  }

  @Test
  void anExpiredDeltaLinkIsReportedAsSuch() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/delta")).willReturn(graphError(410,
        "syncStateNotFound", "The sync state is not found.")));

    assertThatThrownBy(() -> source(http().build())
        .changes(graph.baseUrl() + "/v1.0/users/delta?$deltatoken=old"))
        .isInstanceOfSatisfying(UserSyncException.class, e -> assertThat(e.reason())
            .isEqualTo(UserSyncException.Reason.DELTA_EXPIRED));
  }

  @Test
  void aDeltaCallFailingWithoutAnErrorCodeIsASourceFailure() {
    tokens("tok");
    graph.stubFor(get(urlPathEqualTo("/v1.0/users/delta")).willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> source(http().maxAttempts(2).build())
        .changes(graph.baseUrl() + "/v1.0/users/delta?$deltatoken=t"))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
          assertThat(e.vendorCode()).isNull();
        });
  }

  @Test
  void aDeltaLinkToAnotherHostIsNotFollowed() {
    assertThatThrownBy(() -> source(http().build())
        .changes("https://graph.example.net/v1.0/users/delta?$deltatoken=x"))
        .isInstanceOfSatisfying(UserSyncException.class, e -> assertThat(e.reason())
            .isEqualTo(UserSyncException.Reason.DELTA_EXPIRED));
  }

  @Test
  void nationalCloudsArePresets() {
    EntraConfig config = EntraConfig.builder().tenantId("t").clientId("c").clientSecret("s")
        .cloud(EntraCloud.US_GOVERNMENT).build();
    assertThat(config.graphUrl()).hasToString("https://graph.microsoft.us");
    assertThat(config.loginUrl()).hasToString("https://login.microsoftonline.us");
    assertThat(EntraCloud.CHINA.graphUrl()).hasToString("https://microsoftgraph.chinacloudapi.cn");
    assertThat(config.toString()).doesNotContain("s]").contains("tenant t");
    assertThatThrownBy(() -> EntraConfig.builder().tenantId("t").clientId("c").clientSecret("s")
        .cloud(EntraCloud.CHINA).baseUrls(URI.create("https://a"), URI.create("https://b")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("use one");
    assertThatThrownBy(() -> EntraConfig.builder().pageSize(1000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 999");
  }
}
