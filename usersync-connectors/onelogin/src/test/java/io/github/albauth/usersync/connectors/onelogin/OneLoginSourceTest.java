package io.github.albauth.usersync.connectors.onelogin;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract tests: OneLogin API v2's bodies, headers and error objects as OneLogin documents them,
 * stubbed one by one.
 *
 * <ul>
 *   <li>Token: https://developers.onelogin.com/api-docs/2/oauth20-tokens/generate-tokens-2
 *   <li>User object and errors: https://developers.onelogin.com/api-docs/2/users/get-user (the
 *       Kelly Slater example; {@code {"message", "name", "statusCode"}} errors)
 *   <li>Listing and filters: https://developers.onelogin.com/api-docs/2/users/list-users ("up to
 *       50 users per page", {@code updated_since}); {@code fields}, {@code limit}, {@code cursor}
 *       and the paging headers: https://developers.onelogin.com/api-docs/2/getting-started/using-query-parameters
 *   <li>Roles: https://developers.onelogin.com/api-docs/2/roles/list-roles ("Max page limit is
 *       650") and https://developers.onelogin.com/api-docs/2/roles/get-role-users
 *   <li>Rate limit: https://developers.onelogin.com/api-docs/2/oauth20-tokens/get-rate-limit
 *       ({@code X-RateLimit-Reset} is seconds until the window resets)
 *   <li>Status and state codes: https://developers.onelogin.com/api-docs/1/users/user-resource
 * </ul>
 */
class OneLoginSourceTest {

  private static final String CLIENT_ID = "0123456789abcdef0123456789abcdef";
  private static final String SECRET = "fedcba9876543210-client-secret";
  private static final String TOKEN = "xx508xx63817x752xx74004x30705xx92x58349x5x78f5xx34xxxxx51";
  private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

  @RegisterExtension
  static WireMockExtension onelogin = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void tokenEndpoint() {
    onelogin.stubFor(post("/auth/oauth2/v2/token").willReturn(okJson(tokenBody(TOKEN))));
  }

  /** Records waits instead of sleeping; the clock stands at {@link #NOW}. */
  private HttpSettings.Builder http() {
    return HttpSettings.builder().sleeper(waits::add).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(10)).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private OneLoginConfig.Builder config() {
    return OneLoginConfig.builder().apiUrl(URI.create(onelogin.baseUrl())).clientId(CLIENT_ID)
        .clientSecret(SECRET);
  }

  private OneLoginSource source() {
    return OneLoginSource.create(config().http(http().build()).build());
  }

  private static List<SourceUser> all(OneLoginSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toList());
    }
  }

  // An RFC 6749 section 5.1 response with OneLogin's fields (generate-tokens-2): valid 10 hours
  private static String tokenBody(String accessToken) {
    return "{\"access_token\":\"" + accessToken + "\",\"created_at\":\"2015-11-11T03:36:18.714Z\","
        + "\"expires_in\":36000,\"refresh_token\":"
        + "\"628x9x0xx447xx4x421x517x4x474x33x2065x4x1xx523xxxxx6x7x20\",\"token_type\":\"bearer\","
        + "\"account_id\":555555}";
  }

  // The user of get-user's example, with the fields the connector asks the listing for
  static String user(long id, String username, int status, int state, long... roleIds) {
    return "{\"activated_at\":\"2017-12-12T23:59:28.665Z\",\"distinguished_name\":null,"
        + "\"external_id\":null,\"firstname\":\"Kelly\",\"last_login\":\"2020-06-03T19:59:21.382Z\","
        + "\"lastname\":\"Slater\",\"company\":\"WSL\",\"directory_id\":null,"
        + "\"invitation_sent_at\":null,\"member_of\":null,\"updated_at\":\"2020-07-09T03:08:52.774Z\","
        + "\"preferred_locale_code\":null,\"created_at\":\"2017-12-12T23:57:56.781Z\","
        + "\"userprincipalname\":null,\"trusted_idp_id\":null,\"comment\":\"\",\"title\":\"Surfer\","
        + "\"role_ids\":" + Arrays.toString(roleIds).replace(" ", "") + ",\"department\":\"Waves\","
        + "\"id\":" + id + ",\"custom_attributes\":{\"employeenumber\":null,\"food\":\"chicken\"},"
        + "\"invalid_login_attempts\":0,\"manager_user_id\":null,\"locked_until\":null,"
        + "\"username\":\"" + username + "\",\"manager_ad_id\":null,\"email\":\"" + username
        + "@example.com\",\"phone\":\"+64272001122\",\"state\":" + state + ",\"group_id\":444444,"
        + "\"password_changed_at\":\"2019-08-22T18:44:26.542Z\",\"status\":" + status + ","
        + "\"samaccountname\":null}";
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** A listing page with the paging headers of using-query-parameters. */
  private static ResponseDefinitionBuilder page(int total, int current, @Nullable String after,
      String... items) {
    ResponseDefinitionBuilder r = okJson("[" + String.join(",", items) + "]")
        .withHeader("Total-Count", Integer.toString(total))
        .withHeader("Current-Page", Integer.toString(current))
        .withHeader("Page-Items", Integer.toString(items.length));
    return after == null ? r : r.withHeader("After-Cursor", after);
  }

  private static ResponseDefinitionBuilder error(int status, String name, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"" + message + "\",\"name\":\"" + name + "\",\"statusCode\":"
            + status + "}");
  }

  private static MappingBuilder firstUserPage() {
    return get(urlPathEqualTo("/api/2/users")).withQueryParam("cursor", absent());
  }

  @Test
  void listsUsersOverCursorPagesAtTheDocumentedMaximum() {
    onelogin.stubFor(firstUserPage().withQueryParam("limit", equalTo("50"))
        .withQueryParam("fields", containing("role_ids"))
        .willReturn(page(3, 1, "bGltaXQ9NTAmcGFnZT0y", user(36216766, "kellyslater", 1, 1, 199848),
            user(36216767, "locked", 3, 1))));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/users"))
        .withQueryParam("cursor", equalTo("bGltaXQ9NTAmcGFnZT0y"))
        .withQueryParam("limit", equalTo("50"))
        .willReturn(page(3, 2, null, user(36216768, "suspended", 2, 1, 199848, 272445))));
    OneLoginSource source = source();

    List<SourceUser> users = all(source);

    assertThat(users).extracting(SourceUser::id).containsExactly("36216766", "36216767", "36216768");
    assertThat(users.get(2).attributes().get("role_ids")).isEqualTo(List.of(199848, 272445));
    assertThat(users.get(0).attributes().get("group_id")).isEqualTo(444444);
    assertThat(users.get(0).attributes().names()).as("not asked for")
        .doesNotContain("custom_attributes");
    assertThat(source.checkListing().expectedUsers()).hasValue(3);
    onelogin.verify(getRequestedFor(urlPathEqualTo("/api/2/users"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withQueryParam("after_cursor", absent()));
    onelogin.verify(1, postRequestedFor(urlPathEqualTo("/auth/oauth2/v2/token"))
        .withRequestBody(equalTo("grant_type=client_credentials&client_id=" + CLIENT_ID
            + "&client_secret=" + SECRET)));
    // the onelogin preset maps status and state to active as OneLoginStatus documents
    AttributeMapping mapping = AttributeMapping.builder().preset(DirectoryPreset.ONELOGIN).build();
    assertThat(users).extracting(u -> mapping.map(u.attributes()).attributes().get("active"))
        .containsExactly(true, true, false);
    assertThat(mapping.map(users.get(0).attributes()).attributes())
        .containsEntry("username", "kellyslater").containsEntry("displayName", "Kelly Slater");
  }

  @Test
  void thePresetAndTheTablesAgreeOnEveryStatusAndState() {
    AttributeMapping mapping = AttributeMapping.builder().preset(DirectoryPreset.ONELOGIN).build();
    for (int status = 0; status <= 9; status++) {
      for (int state = 0; state <= 4; state++) {
        Map<String, Object> record = Map.of("id", 1, "username", "u",
            "status", status, "state", state);
        Object active = mapping.map(AttributeSource.of(record))
            .attributes().get("active");
        assertThat(active).as("status %d, state %d", status, state)
            .isEqualTo(OneLoginStatus.active(status, state));
      }
    }
    assertThat(OneLoginStatus.active(1, 1)).isTrue();
    assertThat(OneLoginStatus.active(0, 1)).as("unactivated").isFalse();
    assertThat(OneLoginStatus.active(2, 1)).as("suspended").isFalse();
    assertThat(OneLoginStatus.active(3, 1)).as("locked").isTrue();
    assertThat(OneLoginStatus.active(1, 0)).as("unapproved").isFalse();
    assertThat(OneLoginStatus.active(1, 2)).as("rejected").isFalse();
    assertThat(OneLoginStatus.active(1, 3)).as("unlicensed").isFalse();
    assertThat(OneLoginStatus.active(6, null)).as("an unknown code").isTrue();
    assertThat(OneLoginStatus.of("2")).as("text is not a code").isNull();
    assertThat(OneLoginStatus.of(2L)).isEqualTo(OneLoginStatus.SUSPENDED);
    assertThat(OneLoginState.of(3)).isEqualTo(OneLoginState.UNLICENSED);
  }

  @Test
  void anEmptyAccountIsAnEmptyCountedListing() {
    onelogin.stubFor(firstUserPage().willReturn(page(0, 1, null)));
    OneLoginSource source = source();

    assertThat(all(source)).isEmpty();
    assertThat(source.checkListing().complete()).isTrue();
    assertThat(source.checkListing().expectedUsers()).hasValue(0);
  }

  @Test
  void aListingCutShortIsCountedShort() {
    // the last page OneLogin sends has no After-Cursor, yet Total-Count says 3: the engine compares
    onelogin.stubFor(firstUserPage().willReturn(page(3, 1, null, user(1, "a", 1, 1),
        user(2, "b", 1, 1))));
    OneLoginSource source = source();

    assertThat(all(source)).hasSize(2);
    assertThat(source.checkListing().expectedUsers()).hasValue(3);
  }

  @Test
  void aTotalCountThatIsNoCountFailsTheCheckWithoutEchoingIt() {
    for (String total : List.of("1; DROP TABLE users", "-1", "99999999999999999999")) {
      onelogin.stubFor(firstUserPage().willReturn(okJson("[" + user(1, "a", 1, 1) + "]")
          .withHeader("Total-Count", total)));
      OneLoginSource source = source();
      all(source);

      assertThatThrownBy(source::checkListing).as(total)
          .isInstanceOfSatisfying(SourceCallException.class, e -> assertThat(e.getMessage())
              .contains("Total-Count", "nobody is cleaned up").doesNotContain(total));
    }
  }

  @Test
  void waitsForTheRateLimitResetAfterA429ThenSucceeds() {
    onelogin.stubFor(firstUserPage().inScenario("rl").whenScenarioStateIs(STARTED)
        .willReturn(error(429, "TooManyRequestsError", "Too Many Requests")
            .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", "20"))
        .willSetStateTo("ok"));
    onelogin.stubFor(firstUserPage().inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(page(1, 1, null, user(1, "a", 1, 1))));

    assertThat(all(source())).hasSize(1);
    // the reset is seconds from now: 20 s (+ up to 10% jitter); pacing then waits for the same
    // window once more, as the fixed clock does not move
    assertThat(waits).isNotEmpty().allSatisfy(
        w -> assertThat(w).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(22)));
    onelogin.verify(2, getRequestedFor(urlPathEqualTo("/api/2/users")));
  }

  @Test
  void callsSlowDownWhenTheHourIsNearlySpent() {
    onelogin.stubFor(firstUserPage().willReturn(page(2, 1, "bGltaXQ9NTAmcGFnZT0y",
        user(1, "a", 1, 1)).withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", "99").withHeader("X-RateLimit-Reset", "1000")));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/users")).withQueryParam("cursor", equalTo(
        "bGltaXQ9NTAmcGFnZT0y")).willReturn(page(2, 2, null, user(2, "b", 1, 1))));

    assertThat(all(source())).hasSize(2);
    // 99 of 5,000 left (under 10%): the rest of the window, 1,000 s, shared by 100 calls
    assertThat(waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void throttlingPastTheRetryBudgetFailsTheListing() {
    onelogin.stubFor(firstUserPage().willReturn(error(429, "TooManyRequestsError",
        "Too Many Requests").withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "2400")));

    assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.SOURCE_FAILED);
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.getMessage()).contains("list users", "retryBudget")
          .doesNotContain(SECRET, TOKEN);
    });
  }

  @Test
  void serverErrorsAreRetriedWithinTheAttempts() {
    onelogin.stubFor(firstUserPage().inScenario("5xx").whenScenarioStateIs(STARTED)
        .willReturn(error(503, "ServiceUnavailableError", "Service Unavailable"))
        .willSetStateTo("ok"));
    onelogin.stubFor(firstUserPage().inScenario("5xx").whenScenarioStateIs("ok")
        .willReturn(page(1, 1, null, user(1, "a", 1, 1))));
    assertThat(all(source())).hasSize(1);

    onelogin.stubFor(firstUserPage().willReturn(error(500, "InternalServerError",
        "Internal Server Error")));
    OneLoginSource source = OneLoginSource.create(config().http(http().maxAttempts(3).build())
        .build());
    assertThatThrownBy(() -> all(source)).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.vendorCode()).isEqualTo("InternalServerError");
      assertThat(e.getMessage()).contains("after 3 attempts", "HTTP 500");
    });
  }

  @Test
  void aTokenRefusedWith401IsReplacedOnce() {
    onelogin.stubFor(post("/auth/oauth2/v2/token").inScenario("t").whenScenarioStateIs(STARTED)
        .willReturn(okJson(tokenBody("first"))).willSetStateTo("2"));
    onelogin.stubFor(post("/auth/oauth2/v2/token").inScenario("t").whenScenarioStateIs("2")
        .willReturn(okJson(tokenBody("second"))));
    onelogin.stubFor(get("/api/2/users/36216766").withHeader("Authorization",
        equalTo("Bearer first")).willReturn(error(401, "UnauthorizedError", "Unauthorized")));
    onelogin.stubFor(get("/api/2/users/36216766").withHeader("Authorization",
        equalTo("Bearer second")).willReturn(okJson(user(36216766, "kellyslater", 1, 1))));

    assertThat(source().lookupById("36216766")).isPresent();
    onelogin.verify(2, postRequestedFor(urlPathEqualTo("/auth/oauth2/v2/token")));
  }

  @Test
  void aNewTokenRefusedAsWellFailsTheCall() {
    onelogin.stubFor(get("/api/2/users/36216766").willReturn(error(401, "UnauthorizedError",
        "Unauthorized")));

    assertThatThrownBy(() -> source().lookupById("36216766"))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.vendorCode()).isEqualTo("UnauthorizedError");
          assertThat(e.getMessage()).contains("refused the credentials").doesNotContain(TOKEN);
        });
    onelogin.verify(2, postRequestedFor(urlPathEqualTo("/auth/oauth2/v2/token")));
    onelogin.verify(2, getRequestedFor(urlPathEqualTo("/api/2/users/36216766")));
  }

  @Test
  void refusedCredentialsFailWithoutShowingTheSecret() {
    onelogin.stubFor(post("/auth/oauth2/v2/token").willReturn(error(401, "UnauthorizedError",
        "Unauthorized")));

    assertThatThrownBy(() -> source().lookupById("1"))
        .isInstanceOfSatisfying(SourceCallException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).contains("fetch an access token for " + CLIENT_ID)
              .doesNotContain(SECRET);
        });
  }

  @Test
  void aMissingPermissionNamesOneLoginsError() {
    onelogin.stubFor(firstUserPage().willReturn(error(403, "ForbiddenError",
        "Insufficient permissions")));

    assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class,
        e -> assertThat(e.getMessage()).contains("HTTP 403", "ForbiddenError",
            "Insufficient permissions", "scopes"));
  }

  @Test
  void malformedOrCutPagesFailTheListing() {
    onelogin.stubFor(firstUserPage().willReturn(okJson("[{\"id\":36216766,")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("not the JSON expected");

    onelogin.stubFor(firstUserPage().willReturn(okJson("{\"users\":[]}")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("expected a JSON array");

    onelogin.stubFor(firstUserPage().willReturn(aResponse().withFault(
        Fault.MALFORMED_RESPONSE_CHUNK)));
    OneLoginSource source = OneLoginSource.create(config().http(http().maxAttempts(2).build())
        .build());
    assertThatThrownBy(() -> all(source)).isInstanceOfSatisfying(SourceCallException.class,
        e -> assertThat(e.getMessage()).contains("after 2 attempts"));
    assertThat(source.checkListing().complete()).isFalse();
  }

  @Test
  void aFieldOfTheWrongTypeFailsThePageAndNamesNoValue() {
    for (String bad : List.of(
        "{\"id\":1,\"username\":\"a\",\"status\":\"2\",\"state\":1}",
        "{\"id\":1,\"username\":\"a\",\"status\":2.5,\"state\":1}",
        "{\"id\":1,\"username\":\"a\",\"status\":1,\"state\":true}",
        "{\"id\":true,\"username\":\"a\",\"status\":1,\"state\":1}",
        "{\"id\":-4,\"username\":\"a\",\"status\":1,\"state\":1}",
        "{\"username\":\"a\",\"status\":1,\"state\":1}",
        "{\"id\":1,\"username\":\"a\",\"role_ids\":\"199848,\\u202e272445\"}",
        "{\"id\":1,\"username\":\"a\",\"role_ids\":[199848,{\"id\":1}]}")) {
      onelogin.stubFor(firstUserPage().willReturn(page(1, 1, null, bad)));
      OneLoginSource source = OneLoginSource.create(config().http(http().maxAttempts(1).build())
          .build());
      assertThatThrownBy(() -> all(source)).as(bad)
          .isInstanceOfSatisfying(SourceCallException.class, e -> assertThat(e.getMessage())
              .contains("not usable").doesNotContain("199848", "\u202e"));
    }
  }

  @Test
  void hostileTextIsDeliveredAsDataAndEscapedInMessages() {
    onelogin.stubFor(firstUserPage().willReturn(page(1, 1, null,
        user(7, "evil\\u202e\\u0000admin", 1, 1))));
    assertThat(all(source())).singleElement()
        .satisfies(u -> assertThat(u.attributes().get("username")).isEqualTo("evil\u202e\u0000admin"));

    onelogin.stubFor(get(urlPathEqualTo("/api/2/users/7")).willReturn(error(400,
        "BadRequestError\\u001b[31m", "bad\\nline")));
    assertThatThrownBy(() -> source().lookupById("7"))
        .isInstanceOfSatisfying(SourceCallException.class, e -> assertThat(e.getMessage())
            .doesNotContain("\u001b", "\n").contains("BadRequestError"));
  }

  @Test
  void aHostileCursorIsSentBackAsOneEncodedValue() {
    String cursor = "a&limit=100000&updated_since=1970-01-01T00:00:00Z#x";
    onelogin.stubFor(firstUserPage().willReturn(page(2, 1, cursor, user(1, "a", 1, 1))));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/users")).withQueryParam("cursor", equalTo(cursor))
        .withQueryParam("limit", equalTo("50")).withQueryParam("updated_since", absent())
        .willReturn(page(2, 2, null, user(2, "b", 1, 1))));

    assertThat(all(source())).extracting(SourceUser::id).containsExactly("1", "2");
  }

  @Test
  void aCursorRepeatedByOneLoginFailsInsteadOfLooping() {
    onelogin.stubFor(get(urlPathEqualTo("/api/2/users"))
        .willReturn(page(9, 1, "c2FtZQ==", user(1, "a", 1, 1))));

    assertThatThrownBy(() -> all(source())).isInstanceOf(UserSyncException.class)
        .hasMessageContaining("same next cursor twice");
  }

  @Test
  void looksUpByIdWithTheListingsFields() {
    onelogin.stubFor(get("/api/2/users/36216766").willReturn(okJson(user(36216766,
        "kellyslater", 2, 1, 199848))));
    onelogin.stubFor(get("/api/2/users/404").willReturn(error(404, "NotFoundError",
        "The resource with the given id could not be found")));

    SourceUser suspended = source().lookupById("36216766").orElseThrow();
    assertThat(OneLoginStatus.of(suspended.attributes().get("status")))
        .isEqualTo(OneLoginStatus.SUSPENDED);
    assertThat(suspended.attributes().names()).contains("role_ids", "group_id", "state")
        .doesNotContain("custom_attributes");
    assertThat(source().lookupById("404")).isEmpty();

    OneLoginSource withCustom = OneLoginSource.create(config().includeCustomAttributes()
        .http(http().build()).build());
    Map<String, @Nullable Object> custom = new LinkedHashMap<>();
    custom.put("employeenumber", null);
    custom.put("food", "chicken");
    assertThat(withCustom.lookupById("36216766").orElseThrow().attributes()
        .get("custom_attributes")).isEqualTo(custom);

    onelogin.stubFor(firstUserPage().withQueryParam("fields", containing("custom_attributes"))
        .willReturn(page(1, 1, null, user(36216766, "kellyslater", 1, 1))));
    assertThat(all(withCustom)).singleElement()
        .satisfies(u -> assertThat(u.attributes().get("custom_attributes")).isEqualTo(custom));
  }

  @Test
  void looksUpByUsernameOrEmailExactly() {
    onelogin.stubFor(firstUserPage().withQueryParam("email", equalTo("kellyslater@example.com"))
        .withQueryParam("limit", equalTo("2"))
        .willReturn(page(1, 1, null, user(36216766, "kellyslater", 1, 1))));
    onelogin.stubFor(firstUserPage().withQueryParam("email", equalTo("KellySlater@Example.com"))
        .willReturn(page(1, 1, null, user(36216766, "kellyslater", 1, 1))));
    onelogin.stubFor(firstUserPage().withQueryParam("username", equalTo("nobody"))
        .willReturn(page(0, 1, null)));
    OneLoginSource source = source();

    assertThat(source.lookup("email", "KellySlater@Example.com")).as("addresses ignore case")
        .map(SourceUser::id).hasValue("36216766");
    assertThat(source.lookup("email", "kellyslater@example.com")).map(SourceUser::id)
        .hasValue("36216766");
    assertThat(source.lookup("username", "nobody")).isEmpty();
  }

  @Test
  void aLookupValueIsOneParameterNeverAWildcardOrAnotherFilter() {
    onelogin.stubFor(firstUserPage().withQueryParam("username", equalTo("a&email=b@example.com"))
        .withQueryParam("email", absent()).willReturn(page(1, 1, null,
            user(9, "someone.else", 1, 1))));

    assertThat(source().lookup("username", "a&email=b@example.com"))
        .as("a match that is not exact is no match").isEmpty();
    assertThatThrownBy(() -> source().lookup("email", "*@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    assertThatThrownBy(() -> source().lookup("mail", "a@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
          assertThat(e.getMessage()).contains("id, username or email");
        });
  }

  @Test
  void aLookupMatchingSeveralUsersIsAConflict() {
    onelogin.stubFor(firstUserPage().withQueryParam("email", equalTo("shared@example.com"))
        .willReturn(page(2, 1, null, user(1, "shared", 1, 1), user(2, "shared", 1, 1))));

    assertThatThrownBy(() -> source().lookup("email", "shared@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
  }

  @Test
  void deltasAskForUsersUpdatedSinceTheTokenAndSeeSuspensions() {
    OneLoginSource source = source();
    String token = source.currentDeltaToken();
    assertThat(token).isEqualTo("2026-03-02T10:13:30Z"); // two minutes before now, whole seconds
    onelogin.stubFor(firstUserPage().withQueryParam("updated_since", equalTo(token))
        .willReturn(page(2, 1, "bGltaXQ9NTAmcGFnZT0y", user(5, "suspended", 2, 1))));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/users")).withQueryParam("updated_since",
        equalTo(token)).withQueryParam("cursor", equalTo("bGltaXQ9NTAmcGFnZT0y"))
        .willReturn(page(2, 2, null, user(6, "renamed", 1, 1))));

    DeltaPage first = source.changes(token);
    assertThat(first.changed()).extracting(SourceUser::id).containsExactly("5");
    assertThat(first.removedIds()).isEmpty();
    assertThat(first.nextCursor()).isEqualTo(token + " " + token + " bGltaXQ9NTAmcGFnZT0y");
    DeltaPage last = source.changes(first.nextCursor());
    assertThat(last.changed()).extracting(SourceUser::id).containsExactly("6");
    assertThat(last.deltaToken()).isEqualTo(token);

    for (String garbage : List.of("last tuesday", "not an instant", token + " " + token)) {
      assertThatThrownBy(() -> source.changes(garbage)).as(garbage)
          .isInstanceOfSatisfying(UserSyncException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.DELTA_EXPIRED));
    }
  }

  @Test
  void rolesInScopeLimitListingsLookupsAndDeltas() {
    onelogin.stubFor(firstUserPage().withQueryParam("updated_since", absent())
        .willReturn(page(3, 1, null, user(1, "in", 1, 1, 199848), user(2, "out", 1, 1, 272445),
            user(3, "none", 1, 1))));
    onelogin.stubFor(firstUserPage().withQueryParam("updated_since", equalTo("2026-03-01T00:00:00Z"))
        .willReturn(page(2, 1, null, user(1, "in", 1, 1, 199848), user(2, "out", 1, 1))));
    onelogin.stubFor(get("/api/2/users/2").willReturn(okJson(user(2, "out", 1, 1, 272445))));
    onelogin.stubFor(get("/api/2/roles/199848").willReturn(okJson(
        "{\"id\":199848,\"name\":\"Engineering\",\"apps\":[],\"users\":[1],\"admins\":[]}")));
    OneLoginSource source = OneLoginSource.create(config().rolesInScope("199848")
        .http(http().build()).build());

    assertThat(all(source)).extracting(SourceUser::id).containsExactly("1");
    assertThat(source.checkListing()).satisfies(v -> {
      assertThat(v.complete()).isTrue();
      assertThat(v.expectedUsers()).as("OneLogin counts every user").isEmpty();
    });
    assertThat(source.lookupById("2")).isEmpty();
    DeltaPage delta = source.changes("2026-03-01T00:00:00Z");
    assertThat(delta.changed()).extracting(SourceUser::id).containsExactly("1");
    assertThat(delta.removedIds()).containsExactly("2");
    try (Stream<SourceGroup> groups = source.groups()) {
      assertThat(groups).containsExactly(new SourceGroup("199848", "Engineering"));
    }
  }

  @Test
  void rolesAreTheGroupsAndTheirAssignedUsersTheMembers() {
    onelogin.stubFor(get(urlPathEqualTo("/api/2/roles")).withQueryParam("limit", equalTo("650"))
        .willReturn(page(2, 1, null, "{\"id\":199848,\"name\":\"Engineering\",\"apps\":[123]}",
            "{\"id\":272445,\"name\":\"Sales\",\"apps\":[]}")));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/roles/199848/users"))
        .withQueryParam("limit", equalTo("100")).withQueryParam("cursor", absent())
        .willReturn(page(3, 1, "bGltaXQ9MTAwJnBhZ2U9Mg==", member(345, true), member(346, false))));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/roles/199848/users"))
        .withQueryParam("cursor", equalTo("bGltaXQ9MTAwJnBhZ2U9Mg=="))
        .willReturn(page(3, 2, null, member(347, true))));
    onelogin.stubFor(get(urlPathEqualTo("/api/2/roles/404/users")).willReturn(error(404,
        "NotFoundError", "The resource with the given id could not be found")));
    OneLoginSource source = source();

    try (Stream<SourceGroup> groups = source.groups()) {
      assertThat(groups).containsExactly(new SourceGroup("199848", "Engineering"),
          new SourceGroup("272445", "Sales"));
    }
    try (Stream<String> members = source.memberIds("199848")) {
      assertThat(members).as("346 is not assigned").containsExactly("345", "347");
    }
    assertThatThrownBy(() -> {
      try (Stream<String> members = source.memberIds("404")) {
        members.count();
      }
    }).isInstanceOfSatisfying(SourceCallException.class, e -> assertThat(e.status()).isEqualTo(404));

    onelogin.stubFor(get(urlPathEqualTo("/api/2/roles")).willReturn(page(1, 1, null,
        "{\"id\":1,\"name\":\"\"}")));
    assertThatThrownBy(() -> {
      try (Stream<SourceGroup> groups = source.groups()) {
        groups.count();
      }
    }).isInstanceOf(SourceCallException.class).hasMessageContaining("a role without a name");
  }

  // get-role-users' member object
  private static String member(long id, boolean assigned) {
    return "{\"id\":" + id + ",\"name\":\"Joe User\",\"username\":\"joe" + id + "@example.com\","
        + "\"added_by\":{\"id\":678,\"name\":\"Susan Boss\"},\"added_at\":\"2019-12-27T00:00:00Z\","
        + "\"assigned\":" + assigned + "}";
  }
}
