package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 10: Tomcat reported 110 "started a thread named [HttpClient-N-…] but has failed to
 * stop it" because the key fetcher's client outlived the filter. The verifier owns one client and
 * close() ends its threads.
 */
class AlbTokenVerifierCloseTest {
  private final AlbTokenMinter minter = AlbTokenMinter.create();
  private final AlbKeyServer server = AlbKeyServer.start(minter);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void closeEndsTheThreadsOfItsHttpClientAndAClosedVerifierRefusesToWork() throws Exception {
    Threads threads = Threads.watch();
    AlbTokenVerifier verifier = AlbTokenVerifier.builder()
        .requireSigner(minter.signerArn())
        .publicKeyUrl(server.urlTemplate())
        .build();
    assertThat(verifier.verify(minter.mint("u", Map.of())).subject()).isEqualTo("u"); // fetches the key
    List<Thread> started = threads.started();
    assertThat(started).extracting(Thread::getName).anyMatch(name -> name.startsWith("HttpClient-"));

    verifier.close();
    verifier.close(); // idempotent

    assertThat(Threads.awaitEnd(started, Duration.ofSeconds(30))).as("threads still running").isEmpty();
    assertThatThrownBy(() -> verifier.verify(minter.mint("u", Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this AlbTokenVerifier was closed; build a new one");
  }

  @Test
  void aKeySourceThePlatformPassedInStaysOpen() {
    AlbPublicKeySource source = AlbPublicKeySource.builder().urlTemplate(server.urlTemplate()).build();
    try (source) {
      AlbTokenVerifier verifier = AlbTokenVerifier.builder()
          .requireSigner(minter.signerArn())
          .publicKeySource(source)
          .build();
      verifier.verify(minter.mint("u", Map.of()));
      verifier.close();
      assertThat(source.publicKey(minter.currentKeyId(), minter.region())).isEqualTo(minter.publicKey(minter.currentKeyId()));
    }
    assertThatThrownBy(() -> source.publicKey(minter.currentKeyId(), minter.region()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the alb public key source was closed; build a new one");
  }
}
