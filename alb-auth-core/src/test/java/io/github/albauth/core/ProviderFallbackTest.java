package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JDK fallback when ACCP is absent. Runs only in the {@code without-accp} surefire execution,
 * whose classpath leaves the ACCP jar out (the default execution excludes this class); each
 * execution forks its own JVM, so this class is the first to build a verifier there.
 */
class ProviderFallbackTest {
  private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  @Test
  void accpIsNotOnThisClasspath() {
    assertThatThrownBy(() -> Class.forName(ACCP_CLASS)).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void autoFallsBackToTheJdkProviderVerifiesAndSaysSoOnce() {
    AlbTokenMinter minter = AlbTokenMinter.create();
    try (AlbKeyServer server = AlbKeyServer.start(minter)) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream original = System.err; // slf4j-simple writes to whatever System.err is now
      AlbTokenVerifier first;
      AlbTokenVerifier second;
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        first = AlbTokenVerifier.builder().requireSigner(minter.signerArn()).publicKeyUrl(server.urlTemplate()).build();
        second = AlbTokenVerifier.builder().requireSigner(minter.signerArn()).publicKeyUrl(server.urlTemplate())
            .provider("auto").build();
      } finally {
        System.setErr(original);
      }

      assertThat(first.provider().getName()).isEqualTo("SunEC");
      assertThat(second.provider().getName()).isEqualTo("SunEC");
      assertThat(first.verify(minter.mint("user-1", Map.of())).subject()).isEqualTo("user-1");
      assertThat(second.verify(minter.mint("user-2", Map.of())).subject()).isEqualTo("user-2");
      assertThat(log.toString(StandardCharsets.UTF_8).lines()
              .filter(line -> line.contains("albauth verifies ES256 with JCA provider SunEC")))
          .hasSize(1);
    }
  }
}
