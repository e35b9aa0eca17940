package io.github.albauth.core;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random single-character edits, truncations and insertions of a genuine token: every outcome is
 * either the genuine identity (an edit that decodes to the same bytes) or an {@link
 * AlbTokenException}, never another exception (which a servlet filter would turn into a 500).
 */
class MutationFuzzTest {
  private static final String ALPHABET = "ABCXYZabcxyz0189-_=.+/ !%\"{}\\\u00e9\n";

  @Test
  void mutatedTokensOnlyEverFailWithAlbTokenException() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    AlbTokenMinter minter = AlbTokenMinter.builder().clock(clock).build();
    try (AlbKeyServer server = AlbKeyServer.start(minter)) {
      AlbTokenVerifier verifier = AlbTokenVerifier.builder()
          .requireSigner(minter.signerArn())
          .publicKeyUrl(server.urlTemplate())
          .clock(clock)
          .build();
      String token = minter.mint("user-1", Map.of("email", "ada@example.com", "groups", java.util.List.of("a")));
      Random random = new Random(20261123);
      int rejected = 0;
      for (int i = 0; i < 1500; i++) {
        String mutated = mutate(token, random);
        try {
          assertThat(verifier.verify(mutated).subject()).isEqualTo("user-1");
        } catch (AlbTokenException e) {
          rejected++;
          assertThat(e.getMessage()).isNotBlank();
        }
      }
      assertThat(rejected).isGreaterThan(1400);
    }
  }

  private static String mutate(String token, Random random) {
    int at = random.nextInt(token.length());
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    switch (random.nextInt(4)) {
      case 0:
        return token.substring(0, at) + c + token.substring(at + 1);
      case 1:
        return token.substring(0, at) + c + token.substring(at);
      case 2:
        return token.substring(0, at) + token.substring(at + 1);
      default:
        return token.substring(0, at);
    }
  }
}
