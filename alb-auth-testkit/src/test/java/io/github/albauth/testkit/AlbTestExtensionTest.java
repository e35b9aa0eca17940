package io.github.albauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jspecify.annotations.Nullable;

@ExtendWith(AlbTestExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlbTestExtensionTest {

  private static @Nullable AlbKeyServer firstServer;
  private static @Nullable AlbTokenMinter firstMinter;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void resolvesAMinterAServerServingItsKeysAndTheEnvironment(
      AlbTokenMinter minter, AlbKeyServer server, AlbTestEnvironment environment) throws Exception {
    firstServer = server;
    firstMinter = minter;

    assertThat(fetch(server, minter.currentKeyId()).statusCode()).isEqualTo(200);
    assertThat(environment.signerArn()).isEqualTo(minter.signerArn());
    assertThat(environment.region()).isEqualTo("us-east-1");
    assertThat(environment.publicKeyUrlTemplate()).isEqualTo(server.urlTemplate());
    assertThat(environment.properties()).containsExactly(
        Map.entry("albauth.expected-signers", minter.signerArn()),
        Map.entry("albauth.public-key-url", server.urlTemplate()),
        Map.entry("albauth.expected-issuers", minter.issuer()),
        Map.entry("albauth.expected-client-ids", minter.clientId()));
    assertThat(environment.toProperties()).containsEntry("albauth.expected-signers", minter.signerArn());

    server.failWith(500);
    server.publishRaw("leftover", "x");
  }

  @Test
  @Order(2)
  void sharesTheSetAcrossTestsButResetsCountsAndFaults(AlbTokenMinter minter, AlbKeyServer server)
      throws Exception {
    assertThat(server).isSameAs(firstServer);
    assertThat(minter).isSameAs(firstMinter);
    assertThat(server.requestCount()).isZero();

    assertThat(fetch(server, minter.currentKeyId()).statusCode()).isEqualTo(200);
    assertThat(fetch(server, "leftover").statusCode()).isEqualTo(404);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  @Order(3)
  void idpMinterJwksIsServedByTheKeyServer(IdpTokenMinter idp, AlbKeyServer server, AlbTokenMinter minter)
      throws Exception {
    assertThat(idp.issuer()).isEqualTo(minter.issuer());
    assertThat(idp.clientId()).isEqualTo(minter.clientId());
    HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(server.jwksUri()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(jwks.body()).isEqualTo(idp.jwksJson());
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesShareTheOuterSet(AlbKeyServer server) {
      assertThat(server).isSameAs(firstServer);
    }
  }

  private HttpResponse<String> fetch(AlbKeyServer server, String kid) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.urlTemplate().replace("{kid}", kid))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
