package io.github.albauth.core;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The optional verified-token cache: keyed by the exact token, expires at exp, still checks the identity header. */
class VerifiedTokenCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final AlbTokenMinter minter = AlbTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start(minter);
  private final AtomicInteger keyLookups = new AtomicInteger();
  private final AlbPublicKeySource delegate =
      AlbPublicKeySource.builder().urlTemplate(server.urlTemplate()).clock(clock).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private AlbTokenVerifier verifier(boolean cache) {
    AlbTokenVerifier.Builder b =
        AlbTokenVerifier.builder()
            .requireSigner(minter.signerArn())
            .clock(clock)
            .publicKeySource((kid, region) -> {
              keyLookups.incrementAndGet();
              return delegate.publicKey(kid, region);
            });
    if (cache) {
      b.cacheVerifiedTokens(100);
    }
    return b.build();
  }

  @Test
  void offByDefault() {
    AlbTokenVerifier verifier = verifier(false);
    String token = minter.mint("u", Map.of());
    verifier.verify(token);
    verifier.verify(token);
    assertThat(keyLookups.get()).isEqualTo(2);
  }

  @Test
  void aCachedTokenIsNotVerifiedAgainUntilItExpires() {
    AlbTokenVerifier verifier = verifier(true);
    String token = minter.mint("u", Map.of());
    AlbIdentity first = verifier.verify(token);
    assertThat(verifier.verify(token)).isSameAs(first);
    assertThat(keyLookups.get()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2).plusSeconds(11)); // past exp + skew
    assertThatThrownBy(() -> verifier.verify(token)).hasFieldOrPropertyWithValue("reason", Reason.EXPIRED);
  }

  @Test
  void aCachedTokenStillChecksTheIdentityHeader() {
    AlbTokenVerifier verifier = verifier(true);
    String token = minter.mint("u", Map.of());
    verifier.verify(token, "u");
    assertThatThrownBy(() -> verifier.verify(token, "someone-else"))
        .hasFieldOrPropertyWithValue("reason", Reason.IDENTITY_MISMATCH);
  }

  @Test
  void rejectedTokensAreNeverCached() {
    AlbTokenVerifier verifier = verifier(true);
    String forged = minter.token().subject("u").signature(new byte[64]);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> verifier.verify(forged)).hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);
    }
    assertThat(keyLookups.get()).isEqualTo(3);
  }
}
