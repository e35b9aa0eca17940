package io.github.albauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.internal.Keys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlbKeyServerTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AlbTokenMinter minter = AlbTokenMinter.create();
  private final AlbKeyServer server = AlbKeyServer.start(minter);

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void servesThePemOfEveryMinterKeyAtItsKid() throws Exception {
    HttpResponse<String> response = get(minter.currentKeyId());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(parse(response.body())).isEqualTo(minter.publicKey(minter.currentKeyId()));
    assertThat(server.urlTemplate()).matches("http://127\\.0\\.0\\.1:[0-9]+/\\{kid\\}");
    assertThat(server.baseUri().toString()).isEqualTo(server.urlTemplate().replace("{kid}", ""));
  }

  @Test
  void servesKeysRotatedInAfterStart() throws Exception {
    String oldKid = minter.currentKeyId();
    String newKid = minter.rotateKey();

    assertThat(parse(get(newKid).body())).isEqualTo(minter.publicKey(newKid));
    assertThat(parse(get(oldKid).body())).isEqualTo(minter.publicKey(oldKid));
  }

  @Test
  void unknownKidIsNotFound() throws Exception {
    assertThat(get("00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
  }

  @Test
  void publishedKeysOverrideTheMintersUnderTheSameKid() throws Exception {
    PublicKey p384 = Keys.ecKeyPair("secp384r1").getPublic();
    server.publish(minter.currentKeyId(), p384);
    server.publishRaw("raw-kid", "exact body");

    assertThat(parse(get(minter.currentKeyId()).body())).isEqualTo(p384);
    assertThat(get("raw-kid").body()).isEqualTo("exact body");

    server.unpublish(minter.currentKeyId());
    assertThat(parse(get(minter.currentKeyId()).body())).isEqualTo(minter.publicKey(minter.currentKeyId()));
  }

  @Test
  void serverWithoutMinterServesOnlyPublishedKeys() throws Exception {
    try (AlbKeyServer empty = AlbKeyServer.start()) {
      PublicKey rsa = Keys.rsaKeyPair(2048).getPublic();
      empty.publish("rsa", rsa);

      assertThat(send(empty.baseUri().resolve("rsa")).body()).isEqualTo(Keys.pem(rsa));
      assertThat(send(empty.baseUri().resolve(minter.currentKeyId())).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void countsRequestsInTotalAndPerKid() throws Exception {
    String kid = minter.currentKeyId();
    get(kid);
    get(kid);
    get("other");

    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.requestCount(kid)).isEqualTo(2);
    assertThat(server.requestCount("other")).isEqualTo(1);
    assertThat(server.requestCount("never")).isZero();

    server.resetCounts();
    assertThat(server.requestCount()).isZero();
    assertThat(server.requestCount(kid)).isZero();
  }

  @Test
  void failWithAnswersThatStatusUntilHealthy() throws Exception {
    server.failWith(503);

    assertThat(get(minter.currentKeyId()).statusCode()).isEqualTo(503);
    assertThat(server.requestCount(minter.currentKeyId())).isEqualTo(1);

    server.healthy();
    assertThat(get(minter.currentKeyId()).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> server.failWith(99))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("http status must be 200..599: 99");
  }

  @Test
  void serveGarbageAnswersOkWithSomethingThatIsNoKey() throws Exception {
    server.serveGarbage();

    HttpResponse<String> response = get(minter.currentKeyId());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("BEGIN PUBLIC KEY");
  }

  @Test
  void slowDelaysEveryAnswer() throws Exception {
    server.slow(Duration.ofMillis(300));

    HttpRequest request = HttpRequest.newBuilder(key(minter.currentKeyId())).timeout(Duration.ofMillis(100)).build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    long start = System.nanoTime();
    assertThat(get(minter.currentKeyId()).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void downRefusesConnectionsAndHealthyListensAgainOnTheSamePort() throws Exception {
    server.down();

    assertThatThrownBy(() -> get(minter.currentKeyId())).isInstanceOf(ConnectException.class);

    server.healthy();
    assertThat(get(minter.currentKeyId()).statusCode()).isEqualTo(200);
  }

  @Test
  void startsOnlyDaemonThreadsSoAForgottenServerNeverKeepsTheJvmAlive() throws Exception {
    assertThat(Thread.currentThread().isDaemon()).as("the test needs a non-daemon caller").isFalse();
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    try (AlbKeyServer started = AlbKeyServer.start(minter)) {
      started.down();
      started.healthy();
      assertThat(send(started.baseUri().resolve(minter.currentKeyId())).statusCode()).isEqualTo(200);

      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(thread -> !before.contains(thread) && !thread.isDaemon())
          .extracting(Thread::getName)
          .isEmpty();
    }
  }

  @Test
  void resetEndsFaultsAndDropsPublishedKeys() throws Exception {
    server.publishRaw("x", "body");
    server.failWith(500);
    get("x");

    server.reset();

    assertThat(server.requestCount()).isZero();
    assertThat(get("x").statusCode()).isEqualTo(404);
    assertThat(get(minter.currentKeyId()).statusCode()).isEqualTo(200);
  }

  @Test
  void servesTheJwksOfIdpMinters() throws Exception {
    IdpTokenMinter idp = IdpTokenMinter.create();
    assertThat(send(server.jwksUri()).body()).isEqualTo("{\"keys\":[]}");

    server.serveJwks(idp);

    assertThat(send(server.jwksUri()).body()).isEqualTo(idp.jwksJson());
    assertThat(server.jwksRequestCount()).isEqualTo(2);
    server.publishJwksRaw("{\"keys\":\"garbage\"}");
    assertThat(send(server.jwksUri()).body()).isEqualTo("{\"keys\":\"garbage\"}");
  }

  @Test
  void refusesOtherMethods() throws Exception {
    HttpRequest post = HttpRequest.newBuilder(key(minter.currentKeyId()))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build();
    assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  @Test
  void closeIsIdempotentAndStopsListening() {
    server.close();
    server.close();

    assertThatThrownBy(() -> get(minter.currentKeyId())).isInstanceOf(ConnectException.class);
    assertThatThrownBy(server::healthy).isInstanceOf(IllegalStateException.class).hasMessage("key server is closed");
  }

  private URI key(String kid) {
    return URI.create(server.urlTemplate().replace("{kid}", kid));
  }

  private HttpResponse<String> get(String kid) throws IOException, InterruptedException {
    return send(key(kid));
  }

  private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PublicKey parse(String pem) throws Exception {
    String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    byte[] der = Base64.getMimeDecoder().decode(base64);
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (java.security.spec.InvalidKeySpecException e) {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
  }
}
