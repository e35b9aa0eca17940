package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 5, reproduced: the key must be fetched before a signature can be checked, and the
 * fetch cap was global, so 10 tokens with random kids and no signature used up the second, and a
 * genuine token with a newly rotated kid in that second was refused ("fetch rate cap of 10 per
 * second reached") — every second, as long as the junk kept coming. Four case variants of one
 * unknown kid cost four fetches; the negative cache was dropped wholesale at 1,024 entries.
 * Time moves on a {@link MutableClock}; nothing sleeps.
 */
class Issue10KeyFetchPerKidTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final AlbTokenMinter minter = AlbTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start(minter);
  private final AlbTokenVerifier verifier = AlbTokenVerifier.builder()
      .requireSigner(minter.signerArn())
      .publicKeyUrl(server.urlTemplate())
      .clock(clock)
      .build();

  @AfterEach
  void stop() {
    verifier.close();
    server.close();
  }

  @Test
  void junkAtTenTimesTheCapKeepsARotatedKidOutForAtMostASecond() {
    String before = minter.mint("cached-user", Map.of());
    assertThat(verifier.verify(before).subject()).isEqualTo("cached-user");
    String rotated = minter.rotateKey();
    server.resetCounts();

    Instant firstAsked = null;
    Instant acceptedAt = null;
    for (int second = 0; second < 5; second++) {
      clock.set(Instant.parse("2026-11-23T12:00:10Z").plusSeconds(second));
      int fetchesBefore = server.requestCount();
      // worst case: a burst of 100 one-off junk kids (10x the cap) at the start of every second ...
      for (int i = 0; i < 100; i++) {
        String junk = minter.token().subject("junk").keyId(UUID.randomUUID().toString()).sign();
        assertThatThrownBy(() -> verifier.verify(junk))
            .isInstanceOfSatisfying(AlbTokenException.class, e ->
                assertThat(e.reason()).isIn(Reason.UNKNOWN_KEY, Reason.KEY_FETCH_THROTTLED));
        clock.advance(Duration.ofMillis(5));
      }
      assertThat(verifier.verify(before).subject()).isEqualTo("cached-user"); // cached keys never wait
      // ... and then, once a second, one user whose token carries the newly rotated kid
      String genuine = minter.mint("new-user", Map.of());
      firstAsked = firstAsked != null ? firstAsked : clock.instant();
      try {
        assertThat(verifier.verify(genuine).subject()).isEqualTo("new-user");
        acceptedAt = acceptedAt != null ? acceptedAt : clock.instant();
      } catch (AlbTokenException e) {
        assertThat(acceptedAt).as("refused after it had been accepted: " + e).isNull();
        assertThat(e.reason()).isEqualTo(Reason.KEY_FETCH_THROTTLED);
      }
      assertThat(server.requestCount() - fetchesBefore).as("fetches in second " + second).isLessThanOrEqualTo(10);
    }
    assertThat(acceptedAt).as("the rotated kid was never accepted").isNotNull();
    assertThat(Duration.between(firstAsked, acceptedAt)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(server.requestCount(rotated)).isEqualTo(1);
  }

  @Test
  void fourCaseVariantsOfOneUnknownKidCostOneFetch() {
    String kid = UUID.randomUUID().toString();
    List<String> variants = List.of(
        kid, kid.toUpperCase(Locale.ROOT), kid.substring(0, 18).toUpperCase(Locale.ROOT) + kid.substring(18),
        kid.substring(0, 18) + kid.substring(18).toUpperCase(Locale.ROOT));
    for (String variant : variants) {
      String token = minter.token().subject("u").keyId(variant).sign();
      assertThatThrownBy(() -> verifier.verify(token)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    }
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(server.requestCount(kid)).isEqualTo(1);

    // and a known kid in upper case uses the cached key
    String known = minter.currentKeyId();
    assertThat(verifier.verify(minter.mint("u", Map.of())).subject()).isEqualTo("u");
    String shouted = minter.token().subject("v").keyId(known.toUpperCase(Locale.ROOT)).sign();
    assertThat(verifier.verify(shouted).subject()).isEqualTo("v");
    assertThat(server.requestCount(known)).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void twoThousandJunkKidsDoNotEvictARecentlyRefusedGenuineEntryWholesale() {
    // a budget large enough that every junk kid is fetched and remembered as unknown: this pins the
    // negative cache, not the fetch budget
    try (AlbPublicKeySource source = AlbPublicKeySource.builder()
        .urlTemplate(server.urlTemplate()).maxFetchesPerSecond(5_000).clock(clock).build()) {
      String region = minter.region();
      String refused = UUID.randomUUID().toString(); // a kid clients keep sending, unknown to AWS
      List<String> junk = new ArrayList<>();
      assertThatThrownBy(() -> source.publicKey(refused, region)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
      for (int i = 0; i < 2_000; i++) {
        String kid = UUID.randomUUID().toString();
        junk.add(kid);
        assertThatThrownBy(() -> source.publicKey(kid, region)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
        if (i % 100 == 99) {
          assertThatThrownBy(() -> source.publicKey(refused, region))
              .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY)
              .hasMessageEndingWith("(remembered for PT30S)");
        }
      }
      assertThat(server.requestCount(refused)).as("fetches of the refused kid").isEqualTo(1);
      assertThat(server.requestCount()).isEqualTo(2_001);

      // bounded by evicting the least-recently asked entries one by one: the newest junk is
      // still remembered, the oldest was forgotten
      String newest = junk.get(junk.size() - 1);
      assertThatThrownBy(() -> source.publicKey(newest, region)).hasMessageEndingWith("(remembered for PT30S)");
      String oldest = junk.get(0);
      assertThatThrownBy(() -> source.publicKey(oldest, region)).hasMessageEndingWith("(the key server does not know it)");
      assertThat(server.requestCount()).isEqualTo(2_002);
    }
  }
}
