package io.github.albauth.usersync.connectors.cognito;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What cognito-local does not implement, against hand-written WireMock stubs of the Cognito JSON
 * protocol shaped as the API reference documents it: {@code POST /} with {@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>} and {@code Content-Type:
 * application/x-amz-json-1.1}; paging ({@code Limit} at most 60, {@code PaginationToken}); filters
 * and their escaping; and every error shape, {@code {"__type": "<Exception>", "message": "…"}}
 * with HTTP 400 for client errors (TooManyRequestsException included) and 500 for
 * InternalErrorException.
 *
 * <ul>
 *   <li>https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 *       (request and response syntax, Filter, Limit 0–60, PaginationToken, errors)
 *   <li>https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 *   <li>https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 *   <li>https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
 * </ul>
 */
class CognitoProtocolTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  private CognitoSource source() {
    CognitoSource source = CognitoSource.create(CognitoTests.config(server).build());
    opened.add(source);
    return source;
  }

  private CognitoUserStore store() {
    CognitoUserStore store = CognitoUserStore.create(CognitoTests.fastConfig(server).build());
    opened.add(store);
    return store;
  }

  private static MappingBuilder call(String operation) {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService." + operation))
        .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
        .withHeader("Authorization", containing("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  }

  private static String user(int i) {
    return """
        {"Username": "user%d", "Enabled": true, "UserStatus": "CONFIRMED",
         "UserCreateDate": 1.700000000E9, "UserLastModifiedDate": 1.7000001E9,
         "Attributes": [{"Name": "sub", "Value": "sub-%d"},
                        {"Name": "email", "Value": "user%d@example.com"},
                        {"Name": "email_verified", "Value": "true"},
                        {"Name": "custom:department", "Value": "R&D"}]}"""
        .formatted(i, i, i);
  }

  private static String users(int from, int to) {
    return java.util.stream.IntStream.range(from, to).mapToObj(CognitoProtocolTest::user)
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String error(String type, String message) {
    return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status,
      String body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  @Test
  void listsPagesOfSixtyWithThePaginationToken() {
    server.stubFor(call("ListUsers")
        .withRequestBody(equalToJson("{\"UserPoolId\":\"" + CognitoSimulation.POOL_ID
            + "\",\"Limit\":60}"))
        .willReturn(json(200, "{\"Users\":" + users(0, 60) + ",\"PaginationToken\":\"page-2\"}")));
    server.stubFor(call("ListUsers")
        .withRequestBody(equalToJson("{\"UserPoolId\":\"" + CognitoSimulation.POOL_ID
            + "\",\"Limit\":60,\"PaginationToken\":\"page-2\"}"))
        .willReturn(json(200, "{\"Users\":" + users(60, 70) + "}")));

    CognitoSource source = source();
    List<SourceUser> users;
    try (Stream<SourceUser> s = source.users()) {
      users = s.toList();
    }

    assertThat(users).hasSize(70);
    assertThat(source.checkListing().complete()).isTrue();
    Map<String, Object> record = users.get(3).attributes().names().stream()
        .collect(Collectors.toMap(n -> n, n -> users.get(3).attributes().get(n)));
    assertThat(users.get(3).id()).isEqualTo("sub-3");
    assertThat(record).containsEntry("Username", "user3").containsEntry("Enabled", true)
        .containsEntry("UserStatus", "CONFIRMED").containsEntry("email", "user3@example.com")
        .containsEntry("email_verified", true).containsEntry("custom:department", "R&D")
        .containsEntry("UserCreateDate", "2023-11-14T22:13:20Z").containsKey("Attributes");
    server.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aUserWithoutSubFailsTheListingInsteadOfBeingDropped() {
    server.stubFor(call("ListUsers").willReturn(json(200,
        "{\"Users\":[{\"Username\":\"x\",\"Enabled\":true,\"Attributes\":[]}]}")));
    assertThatThrownBy(() -> {
      try (Stream<SourceUser> s = source().users()) {
        s.toList();
      }
    }).isInstanceOf(UserSyncException.class).hasMessageContaining("without a sub");
  }

  @Test
  void aLookupValueIsQuotedAndEscapedSoItCannotChangeTheFilter() {
    server.stubFor(call("ListUsers")
        .withRequestBody(matchingJsonPath("$.Filter",
            equalTo("email = \"a\\\" or sub ^= \\\"\\\\@example.com\"")))
        .withRequestBody(matchingJsonPath("$.Limit", equalTo("2")))
        .willReturn(json(200, "{\"Users\":[" + user(1) + "]}")));

    assertThat(source().lookup("email", "a\" or sub ^= \"\\@example.com"))
        .map(SourceUser::id).hasValue("sub-1");
  }

  @Test
  void hostileOrOversizedLookupValuesNeverReachCognito() {
    CognitoSource source = source();
    assertThatThrownBy(() -> source.lookup("email", "ann\u202E@example.com"))
        .isInstanceOf(UserSyncException.class).hasMessageContaining("U+202E")
        .extracting(e -> ((UserSyncException) e).reason()).isEqualTo(Reason.INVALID_USER);
    assertThatThrownBy(() -> source.lookup("email", "a\n@example.com"))
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> source.lookup("email", "a".repeat(300)))
        .hasMessageContaining("too long for a Cognito filter");
    assertThatThrownBy(() -> source.lookup("custom:department", "R&D"))
        .hasMessageContaining("custom attributes are not searchable")
        .extracting(e -> ((UserSyncException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
    server.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void twoUsersWithTheLookedUpValueAreAConflict() {
    server.stubFor(call("ListUsers").willReturn(json(200, "{\"Users\":" + users(0, 2) + "}")));
    assertThatThrownBy(() -> source().lookup("email", "shared@example.com"))
        .extracting(e -> ((UserSyncException) e).reason()).isEqualTo(Reason.CONFLICT);
  }

  @Test
  void throttlingIsRetriedAndThenNamesTheRateToLower() {
    server.stubFor(call("ListUsers").willReturn(json(400,
        error("TooManyRequestsException", "Too many requests"))
        .withHeader("x-amzn-ErrorType", "TooManyRequestsException:")));

    assertThatThrownBy(() -> source().lookupById("sub-1"))
        .isInstanceOfSatisfying(CognitoCallException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SOURCE_FAILED);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errorCode()).isEqualTo("TooManyRequestsException");
          assertThat(e.operation()).isEqualTo("ListUsers");
          assertThat(e.getMessage()).contains("albauth.cognito.rates", "UserList");
        });
    server.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aServerErrorIsRetriedAndSucceedsOnTheSecondAttempt() {
    server.stubFor(call("ListUsers").inScenario("flaky").whenScenarioStateIs("Started")
        .willReturn(json(500, error("InternalErrorException", "Internal error.")))
        .willSetStateTo("recovered"));
    server.stubFor(call("ListUsers").inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(json(200, "{\"Users\":[" + user(7) + "]}")));

    assertThat(source().lookupById("sub-7")).isPresent();
    server.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void aTruncatedBodyFailsTheCall() {
    server.stubFor(call("ListUsers").willReturn(json(200, "{\"Users\":[{\"Username\":\"us")));
    assertThatThrownBy(() -> source().lookupById("sub-1"))
        .isInstanceOfSatisfying(CognitoCallException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SOURCE_FAILED));
  }

  @Test
  void aHangingCallTimesOut() {
    server.stubFor(call("ListUsers").willReturn(json(200, "{\"Users\":[]}")
        .withFixedDelay(3_000)));
    CognitoSource source = CognitoSource.create(CognitoConfig.builder()
        .userPoolId(CognitoSimulation.POOL_ID)
        .endpoint(java.net.URI.create(server.baseUrl()))
        .credentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
        .maxAttempts(1).requestTimeout(Duration.ofMillis(300)).retryBudget(Duration.ofMillis(600))
        .build());
    opened.add(source);
    assertThatThrownBy(() -> source.lookupById("sub-1"))
        .isInstanceOfSatisfying(CognitoCallException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SOURCE_TIMEOUT));
  }

  /** How the store reports each of Cognito's errors to the engine, and what the message says. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      UserNotFoundException      | 400 | NOT_FOUND         | User does not exist.
      UsernameExistsException    | 400 | CONFLICT          | User account already exists
      InvalidParameterException  | 400 | INVALID_USER      | pool's schema
      NotAuthorizedException     | 400 | STORE_UNAVAILABLE | cognito-idp:AdminDisableUser
      AccessDeniedException      | 400 | STORE_UNAVAILABLE | IAM policies
      ResourceNotFoundException  | 400 | STORE_UNAVAILABLE | albauth.cognito.user-pool-id
      TooManyRequestsException   | 400 | STORE_FAILED      | albauth.cognito.rates
      LimitExceededException     | 400 | STORE_FAILED      | resource limit
      InternalErrorException     | 500 | STORE_UNAVAILABLE | HTTP 500
      """)
  void storeErrorsCarryAReasonAndWhatToFix(String type, int status, Reason reason, String says) {
    server.stubFor(call("ListUsers").willReturn(json(200, "{\"Users\":[" + user(1)
        .replace("\"sub-1\"}", "\"sub-1\"}, {\"Name\": \"preferred_username\", \"Value\": \"ann\"}")
        + "]}")));
    server.stubFor(call("AdminDisableUser").willReturn(json(status, error(type,
        type.equals("UserNotFoundException") ? "User does not exist."
            : type.equals("UsernameExistsException") ? "User account already exists"
            : "Cognito says no"))));

    assertThatThrownBy(() -> store().deactivate("ann"))
        .isInstanceOfSatisfying(CognitoCallException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.errorCode()).isEqualTo(type);
          assertThat(e.status()).isEqualTo(status);
          assertThat(e.getMessage()).startsWith("AdminDisableUser on user pool "
              + CognitoSimulation.POOL_ID + " failed: HTTP " + status).contains(says);
        });
  }

  @Test
  void aMessageFromCognitoIsEscapedBeforeItReachesALog() {
    server.stubFor(call("ListUsers").willReturn(json(400,
        error("InvalidParameterException", "bad \\u202e value\\nforged line"))));
    assertThatThrownBy(() -> store().findByUsername("ann"))
        .hasMessageContaining("bad \\u202e value\\u000aforged line")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u202e"));
  }

  @Test
  void onlyTheChangedAttributesAreSentAndRemovalsAreDeletions() {
    server.stubFor(call("ListUsers").willReturn(json(200, "{\"Users\":[" + user(1)
        .replace("\"sub-1\"}", "\"sub-1\"}, {\"Name\": \"preferred_username\", \"Value\": \"ann\"}")
        + "]}")));
    server.stubFor(call("AdminUpdateUserAttributes").willReturn(json(200, "{}")));
    server.stubFor(call("AdminDeleteUserAttributes").willReturn(json(200, "{}")));
    Map<String, Object> changes = new java.util.HashMap<>();
    changes.put("title", "Lead");
    changes.put("department", null);

    store().update("ann", new io.github.albauth.usersync.UserUpdate(null, changes));

    server.verify(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(
            "AWSCognitoIdentityProviderService.AdminUpdateUserAttributes"))
        .withRequestBody(equalToJson("{\"UserPoolId\":\"" + CognitoSimulation.POOL_ID
            + "\",\"Username\":\"user1\",\"UserAttributes\":[{\"Name\":\"custom:title\","
            + "\"Value\":\"Lead\"}]}")));
    server.verify(postRequestedFor(urlEqualTo("/"))
        .withRequestBody(equalToJson("{\"UserPoolId\":\"" + CognitoSimulation.POOL_ID
            + "\",\"Username\":\"user1\",\"UserAttributeNames\":[\"custom:department\"]}")));
  }

  @Test
  void attributesTheStoreCannotWriteAreRefusedWithTheFix() {
    CognitoUserStore store = store();
    assertThatThrownBy(() -> store.create(StoredUser.managed("ann", "hr", "1", true,
        Map.of("custom:title", "x")))).hasMessageContaining("cannot be written to Cognito")
        .extracting(e -> ((UserSyncException) e).reason()).isEqualTo(Reason.INVALID_USER);
    assertThatThrownBy(() -> store.create(StoredUser.managed("ann", "hr", "1", true,
        Map.of("name", "Ann")))).as("Cognito's name is the engine's displayName")
        .hasMessageContaining("use displayName");
    assertThatThrownBy(() -> store.create(StoredUser.managed("ann", "hr", "1", true,
        Map.of("roles", List.of("a"))))).hasMessageContaining("Cognito holds text");
    assertThatThrownBy(() -> store.create(StoredUser.managed("ann", "hr", "1", true,
        Map.of("title", "")))).hasMessageContaining("value is empty");
    server.verify(0, postRequestedFor(urlEqualTo("/")));
  }
}
