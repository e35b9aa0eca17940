package io.github.albauth.usersync.connectors.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.github.albauth.usersync.connectors.google.simulation.GoogleSimulation;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract tests: Google's bodies, paging and error objects as Google documents them, stubbed one
 * by one.
 *
 * <ul>
 *   <li>users.list, users.get and the user resource:
 *       https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/list,
 *       https://developers.google.com/workspace/admin/directory/reference/rest/v1/users
 *   <li>groups.list, members.list and the member resource:
 *       https://developers.google.com/workspace/admin/directory/reference/rest/v1/groups/list,
 *       https://developers.google.com/workspace/admin/directory/reference/rest/v1/members/list
 *   <li>quota errors: https://developers.google.com/workspace/admin/directory/v1/limits; the error
 *       object: https://cloud.google.com/apis/design/errors
 *   <li>the token endpoint's answers and errors:
 *       https://developers.google.com/identity/protocols/oauth2/service-account
 * </ul>
 */
class GoogleSourceTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  /** Only for its key file: these tests stub every answer themselves. */
  private static final GoogleSimulation KEYS = new GoogleSimulation(Clock.systemUTC());
  private static final String USERS = "/admin/directory/v1/users";
  private static final String FIRST_PAGE = USERS + "?customer=my_customer&maxResults=500"
      + "&projection=basic";

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void tokenEndpoint() {
    google.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.a0AfB_token\","
        + "\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
  }

  /** Records waits instead of sleeping; the system clock keeps running. */
  private HttpSettings.Builder http() {
    return HttpSettings.builder().sleeper(waits::add).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(10));
  }

  private GoogleConfig.Builder config(HttpSettings settings) {
    return GoogleConfig.builder().serviceAccountKey(KEYS.keyFile(google.baseUrl()))
        .subject("sync-admin@example.com").apiUrl(URI.create(google.baseUrl())).http(settings);
  }

  private GoogleSource source() {
    return GoogleSource.create(config(http().build()).build());
  }

  private static List<SourceUser> all(GoogleSource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.collect(Collectors.toList());
    }
  }

  private static ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(body);
  }

  // The user resource, as in the reference's example fields
  private static String user(String id, String primaryEmail, boolean suspended, boolean archived) {
    return "{\"kind\":\"admin#directory#user\",\"id\":\"" + id + "\",\"etag\":\"\\\"e" + id
        + "\\\"\",\"primaryEmail\":\"" + primaryEmail + "\",\"name\":{\"givenName\":\"Liz\","
        + "\"familyName\":\"Smith\",\"fullName\":\"Liz Smith\"},\"isAdmin\":false,"
        + "\"isDelegatedAdmin\":false,\"lastLoginTime\":\"2026-11-30T08:12:44.000Z\","
        + "\"creationTime\":\"2021-03-01T10:00:00.000Z\",\"agreedToTerms\":true,\"suspended\":"
        + suspended + (suspended ? ",\"suspensionReason\":\"ADMIN\"" : "") + ",\"archived\":"
        + archived + ",\"changePasswordAtNextLogin\":false,\"ipWhitelisted\":false,\"emails\":[{"
        + "\"address\":\"" + primaryEmail + "\",\"primary\":true},{\"address\":\"liz.smith@"
        + "example.com\"}],\"aliases\":[\"liz.smith@example.com\"],\"nonEditableAliases\":["
        + "\"liz@example.com.test-google-a.com\"],\"customerId\":\"C03az79cb\",\"orgUnitPath\":"
        + "\"/Engineering\",\"isMailboxSetup\":true,\"isEnrolledIn2Sv\":true,\"isEnforcedIn2Sv\":"
        + "false,\"includeInGlobalAddressList\":true,\"recoveryEmail\":\"liz@home.example.org\","
        + "\"recoveryPhone\":\"+16505551212\"}";
  }

  private static String usersPage(String nextPageToken, String... users) {
    return "{\"kind\":\"admin#directory#users\",\"etag\":\"\\\"pg\\\"\",\"users\":["
        + String.join(",", users) + "]"
        + (nextPageToken.isEmpty() ? "" : ",\"nextPageToken\":\"" + nextPageToken + "\"") + "}";
  }

  private static ResponseDefinitionBuilder error(int status, String domain, String reason,
      String message) {
    return GoogleSimulation.error(status, domain, reason, message);
  }

  @Test
  void listsUsersOverTokenPagesAtTheDocumentedMaximumWithADelegatedToken() {
    google.stubFor(get(FIRST_PAGE).willReturn(okJson(usersPage("Q0FFU0Fn",
        user("101", "liz@example.com", false, false), user("102", "bob@example.com", true, false)))));
    google.stubFor(get(FIRST_PAGE + "&pageToken=Q0FFU0Fn").willReturn(okJson(usersPage("",
        user("103", "old@example.com", false, true)))));
    GoogleSource source = source();

    List<SourceUser> users = all(source);

    assertThat(users).extracting(SourceUser::id).containsExactly("101", "102", "103");
    assertThat(users.get(0).attributes().names()).contains("primaryEmail", "suspended",
        "archived", "orgUnitPath", "emails", "isAdmin").doesNotContain("recoveryEmail",
        "recoveryPhone");
    assertThat(users).extracting(u -> GoogleUserState.of(u.attributes()))
        .containsExactly(GoogleUserState.ACTIVE, GoogleUserState.SUSPENDED, GoogleUserState.ARCHIVED);
    // the google preset maps active as GoogleUserState documents
    AttributeMapping mapping = AttributeMapping.builder().preset(DirectoryPreset.GOOGLE).build();
    assertThat(users).extracting(u -> mapping.map(u.attributes()).attributes().get("active"))
        .containsExactly(true, false, false);
    assertThat(mapping.map(users.get(0).attributes()).attributes())
        .containsEntry("username", "liz@example.com").containsEntry("displayName", "Liz Smith");
    assertThat(source.checkListing().complete()).isTrue();
    google.verify(2, getRequestedFor(urlPathEqualTo(USERS))
        .withHeader("Authorization", equalTo("Bearer ya29.a0AfB_token")));
    google.verify(1, postRequestedFor(urlEqualTo("/token")));
  }

  @Test
  void anEmptyAccountIsAnEmptyCompleteListing() {
    // Google leaves the empty "users" array out
    google.stubFor(get(FIRST_PAGE).willReturn(okJson(
        "{\"kind\":\"admin#directory#users\",\"etag\":\"\\\"x\\\"\"}")));
    GoogleSource source = source();

    assertThat(all(source)).isEmpty();
    assertThat(source.checkListing().complete()).isTrue();
  }

  @Test
  void aBodyThatIsNoPageOfUsersFailsTheListing() {
    google.stubFor(get(FIRST_PAGE).willReturn(okJson("{}")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("not a page of admin#directory#users (its \"kind\" is missing)");

    google.stubFor(get(FIRST_PAGE).willReturn(okJson(
        "{\"kind\":\"admin#directory#groups\",\"groups\":[{\"id\":\"g\"}]}")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("(its \"kind\" is another)");

    google.stubFor(get(FIRST_PAGE).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody("<html><body>Sign in</body></html>")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("not the JSON expected");
  }

  @Test
  void quotaErrorsAreRetriedWithBackoffThenSucceed() {
    google.stubFor(get(FIRST_PAGE).inScenario("q").whenScenarioStateIs(STARTED)
        .willReturn(error(403, "usageLimits", "userRateLimitExceeded", "Quota exceeded for quota"
            + " metric 'Queries' and limit 'Queries per minute per user' of service"
            + " 'admin.googleapis.com' for consumer 'project_number:408571260817'."))
        .willSetStateTo("rate"));
    google.stubFor(get(FIRST_PAGE).inScenario("q").whenScenarioStateIs("rate")
        .willReturn(error(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
        .willSetStateTo("429"));
    google.stubFor(get(FIRST_PAGE).inScenario("q").whenScenarioStateIs("429")
        .willReturn(error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
        .willSetStateTo("ok"));
    google.stubFor(get(FIRST_PAGE).inScenario("q").whenScenarioStateIs("ok")
        .willReturn(okJson(usersPage("", user("101", "liz@example.com", false, false)))));

    assertThat(all(source())).hasSize(1);
    assertThat(waits).hasSize(3).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(
        Duration.ofMillis(10)));
    google.verify(4, getRequestedFor(urlPathEqualTo(USERS)));
  }

  @Test
  void throttlingPastMaxAttemptsFailsTheListing() {
    google.stubFor(get(FIRST_PAGE).willReturn(error(403, "usageLimits", "userRateLimitExceeded",
        "Quota exceeded")));
    GoogleSource source = GoogleSource.create(config(http().maxAttempts(3).build()).build());

    assertThatThrownBy(() -> all(source)).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.vendorCode()).isEqualTo("userRateLimitExceeded");
      assertThat(e.getMessage()).contains("list users", "after 3 attempts", "maxAttempts");
    });
    assertThat(source.checkListing().complete()).isFalse();
  }

  @Test
  void aForbiddenCallIsNotRetriedAndNamesTheFix() {
    google.stubFor(get(FIRST_PAGE).willReturn(error(403, "global", "forbidden",
        "Not Authorized to access this resource/api")));

    assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class,
        e -> {
          assertThat(e.vendorCode()).isEqualTo("forbidden");
          assertThat(e.getMessage()).contains("after 1 attempt",
              "Not Authorized to access this resource/api", "sync-admin@example.com",
              "Super Admin", "Users → Read and Groups → Read");
        });
    google.verify(1, getRequestedFor(urlPathEqualTo(USERS)));
    assertThat(waits).isEmpty();
  }

  @Test
  void aDisabledApiNamesTheFix() {
    google.stubFor(get(FIRST_PAGE).willReturn(error(403, "usageLimits", "accessNotConfigured",
        "Admin SDK API has not been used in project 408571260817 before or it is disabled.")));

    assertThatThrownBy(() -> all(source()))
        .hasMessageContaining("enable it (APIs & Services → Library → Admin SDK API)");
  }

  @Test
  void a401FetchesANewTokenOnceThenFailsNamingTheFix() {
    google.stubFor(get(FIRST_PAGE).willReturn(error(401, "global", "authError",
        "Invalid Credentials")));

    assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class,
        e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).contains("Google refused the access token twice");
        });
    google.verify(2, postRequestedFor(urlEqualTo("/token")));
    google.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
  }

  @Test
  void missingDelegationTellsTheAdminWhatToGrant() {
    google.stubFor(post("/token").willReturn(aResponse().withStatus(401).withBody(
        "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is unauthorized to"
            + " retrieve access tokens using this method, or client not authorized for any of"
            + " the scopes requested.\"}")));

    assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class,
        e -> {
          assertThat(e.vendorCode()).isEqualTo("unauthorized_client");
          assertThat(e.getMessage()).contains("domain-wide delegation is missing",
              "Security → Access and data control → API controls → Manage Domain Wide Delegation",
              "client ID " + GoogleSimulation.CLIENT_ID,
              "https://www.googleapis.com/auth/admin.directory.user.readonly,"
                  + "https://www.googleapis.com/auth/admin.directory.group.readonly")
              .doesNotContain("PRIVATE KEY").doesNotContain("assertion");
        });
    google.verify(0, getRequestedFor(urlPathEqualTo(USERS)));
  }

  @Test
  void invalidGrantsSayWhichPartWasRefused() {
    Map<String, String> adviceByDescription = Map.of(
        "Invalid email or User ID", "Google knows no user sync-admin@example.com",
        "Invalid JWT Signature.", "the key was deleted or replaced",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable"
            + " timeframe. Check your iat and exp values in the JWT claim.", "clock is off",
        "Something new", "check that the key is current");
    adviceByDescription.forEach((description, advice) -> {
      google.stubFor(post("/token").willReturn(aResponse().withStatus(400).withBody(
          "{\"error\":\"invalid_grant\",\"error_description\":\"" + description + "\"}")));
      assertThatThrownBy(() -> all(source())).isInstanceOfSatisfying(SourceCallException.class,
          e -> assertThat(e.getMessage()).contains("invalid_grant", advice));
    });
  }

  @Test
  void aTokenAnswerWithoutATokenFails() {
    google.stubFor(post("/token").willReturn(okJson("{\"token_type\":\"Bearer\"}")));

    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("without an access_token");
  }

  @Test
  void malformedAndCutPagesFailTheListing() {
    google.stubFor(get(FIRST_PAGE).willReturn(okJson("{\"kind\":\"admin#directory#users\","
        + "\"users\":[{\"id\":\"101\",\"primaryEmail\":\"liz@exa")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("not the JSON expected");
    google.verify(1, getRequestedFor(urlPathEqualTo(USERS)));

    google.stubFor(get(FIRST_PAGE).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    GoogleSource retrying = GoogleSource.create(config(http().maxAttempts(2).build()).build());
    assertThatThrownBy(() -> all(retrying)).isInstanceOfSatisfying(SourceCallException.class,
        e -> assertThat(e.getMessage()).contains("after 2 attempts"));

    google.stubFor(get(FIRST_PAGE).willReturn(okJson(usersPage("",
        "{\"primaryEmail\":\"no-id@example.com\"}"))));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("without an \"id\"");

    google.stubFor(get(FIRST_PAGE).willReturn(okJson("{\"kind\":\"admin#directory#users\","
        + "\"users\":{\"id\":\"101\"}}")));
    assertThatThrownBy(() -> all(source())).isInstanceOf(SourceCallException.class)
        .hasMessageContaining("an array in \"users\"");
  }

  @Test
  void aRepeatedPageTokenFailsInsteadOfLooping() {
    google.stubFor(get(FIRST_PAGE).willReturn(okJson(usersPage("same",
        user("101", "liz@example.com", false, false)))));
    google.stubFor(get(FIRST_PAGE + "&pageToken=same").willReturn(okJson(usersPage("same",
        user("102", "bob@example.com", false, false)))));
    GoogleSource source = source();

    assertThatThrownBy(() -> all(source)).isInstanceOf(UserSyncException.class)
        .hasMessageContaining("same next cursor");
    assertThat(source.checkListing().complete()).isFalse();
  }

  @Test
  void hostileTextFromGoogleIsEscapedInMessages() {
    google.stubFor(get(FIRST_PAGE).willReturn(error(400, "global", "invalid",
        "bad\nERROR forged line \u202Egnp.exe")));

    assertThatThrownBy(() -> all(source()))
        .hasMessageContaining("bad\\u000aERROR forged line \\u202egnp.exe")
        .hasMessageNotContaining("\n").hasMessageNotContaining("\u202E");
  }

  @Test
  void looksUpByPrimaryAddressAliasOrId() {
    String liz = user("101", "liz@example.com", false, false);
    google.stubFor(get(USERS + "/liz%40example.com?projection=basic").willReturn(okJson(liz)));
    google.stubFor(get(USERS + "/liz.smith%40example.com?projection=basic").willReturn(okJson(liz)));
    google.stubFor(get(USERS + "/101?projection=basic").willReturn(okJson(liz)));
    google.stubFor(get(USERS + "/404?projection=basic").willReturn(error(404, "global",
        "notFound", "Resource Not Found: userKey")));
    GoogleSource source = source();

    assertThat(source.lookup("primaryEmail", "liz@example.com")).map(SourceUser::id).hasValue("101");
    assertThat(source.lookup("primaryEmail", "liz.smith@example.com")).as("an alias").isEmpty();
    assertThat(source.lookup("email", "liz.smith@example.com")).map(SourceUser::id).hasValue("101");
    assertThat(source.lookup("id", "101")).isPresent();
    assertThat(source.lookupById("404")).as("deleted").isEmpty();
    // users.get also takes an address: an id lookup that resolves another key is no match
    assertThat(source.lookupById("liz@example.com")).isEmpty();
    assertThatThrownBy(() -> source.lookup("mail", "liz@example.com"))
        .isInstanceOfSatisfying(UserSyncException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserSyncException.Reason.UNSUPPORTED);
          assertThat(e.getMessage()).contains("id, primaryEmail, or email");
        });
  }

  @Test
  void lookupValuesAreOnePathSegmentNeverAPathOrQuery() {
    google.stubFor(get(USERS + "/..%2Fgroups%3Fcustomer%3Dmy_customer%23x?projection=basic")
        .willReturn(error(404, "global", "notFound", "Resource Not Found: userKey")));
    GoogleSource source = source();

    assertThat(source.lookup("email", "../groups?customer=my_customer#x")).isEmpty();
    google.verify(1, getRequestedFor(urlPathEqualTo(USERS + "/..%2Fgroups%3Fcustomer%3Dmy_customer%23x")));
    // control, bidi and blank values name no one: no request at all
    assertThat(source.lookup("email", "liz@example.com\r\nX-Injected: 1")).isEmpty();
    assertThat(source.lookup("email", "\u202Eliz@example.com")).isEmpty();
    assertThat(source.lookupById(" ")).isEmpty();
    google.verify(1, getRequestedFor(urlPathEqualTo(USERS + "/..%2Fgroups%3Fcustomer%3Dmy_customer%23x")));
    assertThat(google.findAll(getRequestedFor(urlPathEqualTo(USERS)))).isEmpty();
  }

  @Test
  void membersAreUsersOnlyAndAnEmptyGroupHasNoArray() {
    String members = "/admin/directory/v1/groups/03q5sasy1yg3x4z/members?maxResults=200";
    google.stubFor(get(members).willReturn(okJson("{\"kind\":\"admin#directory#members\","
        + "\"etag\":\"\\\"m\\\"\",\"members\":[{\"kind\":\"admin#directory#member\",\"etag\":"
        + "\"\\\"a\\\"\",\"id\":\"101\",\"email\":\"liz@example.com\",\"role\":\"OWNER\",\"type\":"
        + "\"USER\",\"status\":\"ACTIVE\"},{\"kind\":\"admin#directory#member\",\"etag\":\"\\\"b\\\"\","
        + "\"id\":\"03cqmetx0q9xkrb\",\"email\":\"team@example.com\",\"role\":\"MEMBER\",\"type\":"
        + "\"GROUP\",\"status\":\"ACTIVE\"},{\"kind\":\"admin#directory#member\",\"etag\":"
        + "\"\\\"c\\\"\",\"id\":\"C03az79cb\",\"role\":\"MEMBER\",\"type\":\"CUSTOMER\"}],"
        + "\"nextPageToken\":\"p2\"}")));
    google.stubFor(get(members + "&pageToken=p2").willReturn(okJson("{\"kind\":"
        + "\"admin#directory#members\",\"etag\":\"\\\"m\\\"\",\"members\":[{\"kind\":"
        + "\"admin#directory#member\",\"id\":\"102\",\"email\":\"bob@example.com\",\"role\":"
        + "\"MEMBER\",\"type\":\"USER\",\"status\":\"SUSPENDED\"}]}")));
    google.stubFor(get("/admin/directory/v1/groups/empty/members?maxResults=200").willReturn(
        okJson("{\"kind\":\"admin#directory#members\",\"etag\":\"\\\"e\\\"\"}")));
    GoogleSource source = source();

    try (Stream<String> ids = source.memberIds("03q5sasy1yg3x4z")) {
      assertThat(ids).containsExactly("101", "102");
    }
    try (Stream<String> ids = source.memberIds("empty")) {
      assertThat(ids).isEmpty();
    }
  }

  @Test
  void customSchemasAndADomainAreAskedFor() {
    google.stubFor(get(USERS + "?domain=example.com&maxResults=100&projection=custom"
        + "&customFieldMask=Employment%2CBadges").willReturn(okJson(usersPage("",
        "{\"id\":\"101\",\"primaryEmail\":\"liz@example.com\",\"customSchemas\":{\"Employment\":"
            + "{\"costCenter\":\"R&D\"}}}"))));
    google.stubFor(get(USERS + "/101?projection=custom&customFieldMask=Employment%2CBadges")
        .willReturn(okJson("{\"id\":\"101\",\"primaryEmail\":\"liz@example.com\"}")));
    GoogleSource source = GoogleSource.create(config(http().build()).domain("example.com")
        .customSchemas("Employment").customSchemas("Badges").userPageSize(100).build());

    SourceUser liz = all(source).get(0);
    assertThat(AttributeMapping.builder().preset(DirectoryPreset.GOOGLE)
        .map("department", "customSchemas.Employment.costCenter").build()
        .map(liz.attributes()).attributes()).containsEntry("department", "R&D");
    assertThat(source.lookupById("101")).isPresent();
  }
}
