package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.IdpTokenMinter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 10 item 10 for the access-token verifier: its JWKS client's threads end at close(). */
class AccessTokenVerifierCloseTest {
  private final IdpTokenMinter idp = IdpTokenMinter.create();
  private final AlbKeyServer server = AlbKeyServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void closeEndsTheThreadsOfItsJwksClientAndAClosedVerifierRefusesToWork() throws Exception {
    server.serveJwks(idp);
    Threads threads = Threads.watch();
    AccessTokenVerifier verifier = AccessTokenVerifier.builder()
        .requireIssuer(idp.issuer())
        .requireAudience(idp.clientId())
        .jwksUri(server.jwksUri().toString())
        .build();
    assertThat(verifier.verify(idp.token().subject("u").sign()).subject()).isEqualTo("u"); // fetches the jwks
    List<Thread> started = threads.started();
    assertThat(started).extracting(Thread::getName).anyMatch(name -> name.startsWith("HttpClient-"));

    verifier.close();
    verifier.close(); // idempotent

    assertThat(Threads.awaitEnd(started, Duration.ofSeconds(30))).as("threads still running").isEmpty();
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").sign()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this AccessTokenVerifier was closed; build a new one");
  }
}
