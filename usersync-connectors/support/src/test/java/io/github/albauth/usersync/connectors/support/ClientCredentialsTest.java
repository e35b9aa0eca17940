package io.github.albauth.usersync.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientCredentialsTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final ManualTime time = new ManualTime(Instant.parse("2026-12-01T10:00:00Z"));

  private static String token(String value, int expiresIn) {
    // RFC 6749 section 5.1; Entra: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
    return "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
        + expiresIn + ",\"access_token\":\"" + value + "\"}";
  }

  private ClientCredentials.Builder secretCredentials() {
    return ClientCredentials.builder()
        .tokenEndpoint(URI.create(idp.baseUrl() + "/tenant/oauth2/v2.0/token"))
        .clientId("app-1")
        .clientSecret("very-secret-value")
        .scopes("https://graph.microsoft.com/.default")
        .http(time.settings().build());
  }

  @Test
  void cachesTheTokenUntilShortlyBeforeItExpires() {
    idp.stubFor(post("/tenant/oauth2/v2.0/token").willReturn(okJson(token("tok-1", 3600))));
    ClientCredentials tokens = secretCredentials().build();

    assertThat(tokens.header()).isEqualTo("Bearer tok-1");
    time.advance(Duration.ofMinutes(58));
    assertThat(tokens.header()).isEqualTo("Bearer tok-1");
    idp.verify(1, postRequestedFor(urlPathEqualTo("/tenant/oauth2/v2.0/token"))
        .withRequestBody(containing("grant_type=client_credentials"))
        .withRequestBody(containing("client_secret=very-secret-value"))
        .withRequestBody(containing("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")));

    time.advance(Duration.ofSeconds(61)); // within the last minute: refreshed before expiry
    idp.stubFor(post("/tenant/oauth2/v2.0/token").willReturn(okJson(token("tok-2", 3600))));
    assertThat(tokens.header()).isEqualTo("Bearer tok-2");
  }

  @Test
  void fetchesOnceForManyThreads() throws Exception {
    idp.stubFor(post("/tenant/oauth2/v2.0/token")
        .willReturn(okJson(token("tok-1", 3600)).withFixedDelay(200)));
    ClientCredentials tokens = secretCredentials().build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> all = pool.invokeAll(java.util.Collections.nCopies(8, tokens::header));
      for (Future<String> f : all) {
        assertThat(f.get()).isEqualTo("Bearer tok-1");
      }
    } finally {
      pool.shutdownNow();
    }
    idp.verify(1, postRequestedFor(urlPathEqualTo("/tenant/oauth2/v2.0/token")));
  }

  @Test
  void aRejectedTokenIsReplacedAndTheCallRetriedOnce() {
    idp.stubFor(post("/tenant/oauth2/v2.0/token").inScenario("t")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(okJson(token("old", 3600))).willSetStateTo("second"));
    idp.stubFor(post("/tenant/oauth2/v2.0/token").inScenario("t").whenScenarioStateIs("second")
        .willReturn(okJson(token("new", 3600))));
    // https://learn.microsoft.com/en-us/graph/errors (InvalidAuthenticationToken, 401)
    idp.stubFor(get("/v1.0/users").withHeader("Authorization", equalTo("Bearer old"))
        .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":"
            + "\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token"
            + " is expired.\",\"innerError\":{\"date\":\"2026-12-01T10:00:00\"}}}")));
    idp.stubFor(get("/v1.0/users").withHeader("Authorization", equalTo("Bearer new"))
        .willReturn(okJson("{\"value\":[]}")));
    ApiClient graph = ApiClient.builder(time.settings().build(),
        ErrorFormat.fields("error.code", "error.message")).authorization(secretCredentials().build())
        .build();

    assertThat(graph.getObject("list users", URI.create(idp.baseUrl() + "/v1.0/users"), Map.of()))
        .containsKey("value");
    idp.verify(2, postRequestedFor(urlPathEqualTo("/tenant/oauth2/v2.0/token")));
  }

  @Test
  void aRefusedSecretFailsWithTheOAuthErrorAndWithoutTheSecret() {
    // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow#error-response
    idp.stubFor(post("/tenant/oauth2/v2.0/token").willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid"
            + " client secret provided.\",\"error_codes\":[7000215],\"timestamp\":\"2026-12-01"
            + " 10:00:00Z\",\"trace_id\":\"t\",\"correlation_id\":\"c\"}")));
    ClientCredentials tokens = secretCredentials().build();

    assertThatThrownBy(tokens::header).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.vendorCode()).isEqualTo("invalid_client");
      assertThat(e.getMessage()).contains("app-1", "AADSTS7000215")
          .doesNotContain("very-secret-value");
    });
  }

  @Test
  void signsAPrivateKeyJwtAssertion() throws Exception {
    idp.stubFor(post("/oauth2/v1/token").willReturn(okJson(token("tok", 3600))));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    URI endpoint = URI.create(idp.baseUrl() + "/oauth2/v1/token");
    ClientCredentials tokens = ClientCredentials.builder().tokenEndpoint(endpoint)
        .clientId("0oa-service").privateKeyJwt(keys.getPrivate(), "kid-1")
        .scopes("okta.users.read", "okta.groups.read").http(time.settings().build()).build();

    assertThat(tokens.header()).isEqualTo("Bearer tok");

    Map<String, String> form =
        form(idp.findAll(postRequestedFor(urlPathEqualTo("/oauth2/v1/token"))).get(0));
    assertThat(form).containsEntry("scope", "okta.users.read okta.groups.read")
        .containsEntry("client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .doesNotContainKey("client_secret");
    SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("kid-1");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("0oa-service");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("0oa-service");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(endpoint.toString());
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(time.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void buildSaysWhatIsMissing() {
    assertThatThrownBy(() -> ClientCredentials.builder().clientId("a").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenEndpoint");
    assertThatThrownBy(() -> ClientCredentials.builder()
        .tokenEndpoint(URI.create("https://idp.example/token")).clientId("a").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("clientSecret or privateKeyJwt");
    assertThatThrownBy(() -> ClientCredentials.builder()
        .tokenEndpoint(URI.create("http://idp.example/token")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> ClientCredentials.builder().clientId("a").clientId("b"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(secretCredentials().build().toString()).doesNotContain("very-secret-value");
  }
  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void signsAJwtBearerGrantForAnImpersonatedUser() throws Exception {
    // https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
    idp.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"ya29.tok\",\"expires_in\""
        + ":3599,\"token_type\":\"Bearer\"}")));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    URI endpoint = URI.create(idp.baseUrl() + "/token");
    ClientCredentials tokens = ClientCredentials.builder().tokenEndpoint(endpoint)
        .clientId("sync@project.iam.gserviceaccount.com")
        .jwtBearer(keys.getPrivate(), "key-id-1", "admin@example.com")
        .scopes("https://www.googleapis.com/auth/admin.directory.user.readonly",
            "https://www.googleapis.com/auth/admin.directory.group.readonly")
        .http(time.settings().build()).build();

    assertThat(tokens.header()).isEqualTo("Bearer ya29.tok");
    assertThat(tokens.toString()).contains("jwt-bearer grant as admin@example.com");

    Map<String, String> form = form(idp.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0));
    assertThat(form.keySet()).containsExactlyInAnyOrder("grant_type", "assertion");
    assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-id-1");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("sync@project.iam.gserviceaccount.com");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin@example.com");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(endpoint.toString());
    assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo(
        "https://www.googleapis.com/auth/admin.directory.user.readonly"
            + " https://www.googleapis.com/auth/admin.directory.group.readonly");
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(time.instant());
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(time.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void aRefusedGrantCarriesTheVendorsAdvice() throws Exception {
    // https://developers.google.com/identity/protocols/oauth2/service-account#error-codes
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(401).withBody("{\"error\":"
        + "\"unauthorized_client\",\"error_description\":\"Client is unauthorized to retrieve"
        + " access tokens using this method, or client not authorized for any of the scopes"
        + " requested.\"}")));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    ClientCredentials tokens = ClientCredentials.builder()
        .tokenEndpoint(URI.create(idp.baseUrl() + "/token")).clientId("sync@p.iam.gserviceaccount.com")
        .jwtBearer(gen.generateKeyPair().getPrivate(), null, "admin@example.com")
        .advice((status, code, message) -> "unauthorized_client".equals(code)
            ? "grant domain-wide delegation" : null)
        .http(time.settings().build()).build();

    assertThatThrownBy(tokens::header).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.vendorCode()).isEqualTo("unauthorized_client");
      assertThat(e.getMessage()).endsWith("; grant domain-wide delegation");
    });
  }

  @Test
  void oneCredentialOnly() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    java.security.PrivateKey key = gen.generateKeyPair().getPrivate();
    assertThatThrownBy(() -> ClientCredentials.builder().jwtBearer(key, null, null)
        .privateKeyJwt(key, "k")).isInstanceOf(IllegalStateException.class)
        .hasMessage("jwtBearer was already set");
    assertThatThrownBy(() -> ClientCredentials.builder()
        .tokenEndpoint(URI.create("https://oauth2.googleapis.com/token")).clientId("a")
        .clientSecret("s").jwtBearer(key, null, "admin@example.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("both clientSecret and jwtBearer were set; use one");
    assertThatThrownBy(() -> ClientCredentials.builder().jwtBearer(key, null, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject is blank");
  }
}
