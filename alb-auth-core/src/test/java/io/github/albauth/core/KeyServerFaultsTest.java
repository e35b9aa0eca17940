package io.github.albauth.core;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key endpoint misbehaves; verification fails closed for new kids while cached kids keep working. */
class KeyServerFaultsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final AlbTokenMinter minter = AlbTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start(minter);
  private final AlbTokenVerifier verifier =
      AlbTokenVerifier.builder()
          .configure(Map.of(
              AlbAuthProperties.EXPECTED_SIGNERS, minter.signerArn(),
              AlbAuthProperties.PUBLIC_KEY_URL, server.urlTemplate(),
              AlbAuthProperties.KEY_FETCH_TIMEOUT, "PT0.3S"))
          .clock(clock)
          .build();

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * The fetch timeout here is 0.3 s, to keep the fault tests short; a JVM's first HTTP exchange
   * (class loading) can take longer than that on a busy machine, so make it before any test does.
   */
  @BeforeAll
  static void warmUpTheHttpClient() {
    AlbTokenMinter warm = AlbTokenMinter.create();
    try (AlbKeyServer keys = AlbKeyServer.start(warm);
        AlbTokenVerifier verifier = AlbTokenVerifier.builder()
            .requireSigner(warm.signerArn()).publicKeyUrl(keys.urlTemplate()).build()) {
      verifier.verify(warm.mint("warm-up", Map.of()));
    }
  }

  @Test
  void unknownKidsFailClosedUnderEveryFaultWhileCachedKidsKeepWorking() throws Exception {
    String cachedToken = minter.mint("cached-user", Map.of());
    assertThat(verifier.verify(cachedToken).subject()).isEqualTo("cached-user");
    minter.rotateKey();
    String newToken = minter.mint("new-user", Map.of());

    List<Runnable> faults = List.of(
        () -> server.slow(Duration.ofSeconds(2)),
        () -> server.failWith(503),
        () -> server.failWith(500),
        server::serveGarbage,
        server::down);
    for (Runnable fault : faults) {
      fault.run();
      clock.advance(Duration.ofSeconds(1)); // a new fetch-rate window
      assertThatThrownBy(() -> verifier.verify(newToken))
          .isInstanceOf(AlbTokenException.class)
          .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
      assertThat(verifier.verify(cachedToken).subject()).isEqualTo("cached-user");
      server.healthy();
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(newToken).subject()).isEqualTo("new-user");
  }

  /** Issue 10 item 4: an outage logged "could not fetch key … from …: null", like a forged token. */
  @Test
  void anOutageIsServiceUnavailableAndSaysWhereAndWhatNeverNull() {
    String where = "127.0.0.1:" + server.baseUri().getPort();
    Map<Runnable, String> faults = new LinkedHashMap<>();
    faults.put(server::down, "from " + where + ": could not connect to " + where + " (connection refused or unreachable)");
    faults.put(() -> server.slow(Duration.ofSeconds(2)), "from " + where + ": no response from " + where
        + " within the read timeout of PT0.3S");
    faults.put(() -> server.failWith(503), "from " + where + ": http 503 from http://" + where + "/");
    faults.put(server::serveGarbage, "key server " + where + " returned no ec p-256 key for ");
    for (Map.Entry<Runnable, String> fault : faults.entrySet()) {
      String kid = minter.rotateKey();
      String token = minter.mint("u", Map.of());
      fault.getKey().run();
      clock.advance(Duration.ofSeconds(1));
      assertThatThrownBy(() -> verifier.verify(token))
          .isInstanceOfSatisfying(AlbTokenException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE);
            assertThat(e.reason().serviceUnavailable()).isTrue();
            assertThat(e.getMessage()).contains(fault.getValue()).contains(kid).doesNotContain("null");
          });
      server.healthy();
    }
  }

  @Test
  void onlyAnUnavailableOrThrottledKeyMeansServiceUnavailable() {
    for (Reason reason : Reason.values()) {
      assertThat(reason.serviceUnavailable()).as(reason.name())
          .isEqualTo(reason == Reason.KEY_UNAVAILABLE || reason == Reason.KEY_FETCH_THROTTLED);
    }
    String unknown = minter.token().subject("u").keyId(UUID.randomUUID().toString()).sign();
    assertThatThrownBy(() -> verifier.verify(unknown))
        .isInstanceOfSatisfying(AlbTokenException.class, e -> assertThat(e.reason().serviceUnavailable()).isFalse());
  }

  @Test
  void aWrongCurveKeyIsUnavailableNotTrusted() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    String kid = minter.currentKeyId();
    server.publish(kid, g.generateKeyPair().getPublic());
    assertThatThrownBy(() -> verifier.verify(minter.mint("u", Map.of())))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessage("key server 127.0.0.1:" + server.baseUri().getPort() + " returned no ec p-256 key for " + kid
            + ": key is not on curve p-256");
  }

  @Test
  void anRsaKeyIsUnavailableNotTrusted() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    server.publish(minter.currentKeyId(), g.generateKeyPair().getPublic());
    assertThatThrownBy(() -> verifier.verify(minter.mint("u", Map.of())))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
  }

  @Test
  void slowServerDoesNotStallThreadsBeyondTheTimeout() {
    server.slow(Duration.ofSeconds(5));
    long start = System.nanoTime();
    assertThatThrownBy(() -> verifier.verify(minter.mint("u", Map.of())))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void manyThreadsOneUncachedKidExactlyOneFetch() throws Exception {
    String kid = minter.currentKeyId();
    server.slow(Duration.ofMillis(150)); // keep the fetch in flight while the others arrive
    int threads = 24;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      tokens.add(minter.mint("user-" + i, Map.of()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AlbIdentity>> results = new ArrayList<>();
      for (String token : tokens) {
        Callable<AlbIdentity> task = () -> {
          start.await();
          return verifier.verify(token);
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (int i = 0; i < threads; i++) {
        assertThat(results.get(i).get(10, TimeUnit.SECONDS).subject()).isEqualTo("user-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.requestCount(kid)).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void sprayingRandomKidsIsCappedAndRemembered() {
    for (int i = 0; i < 30; i++) {
      String token = minter.token().subject("u").keyId(UUID.randomUUID().toString()).sign();
      assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AlbTokenException.class);
    }
    assertThat(server.requestCount()).isEqualTo(8); // two of the ten slots wait for kids asked for again
  }

  @Test
  void keySourceListenerSeesHitsMissesFetchesAndFailures() {
    RecordingListener listener = new RecordingListener();
    AlbTokenVerifier listened =
        AlbTokenVerifier.builder()
            .requireSigner(minter.signerArn())
            .publicKeyUrl(server.urlTemplate())
            .clock(clock)
            .keySourceListener(listener)
            .build();
    listened.verify(minter.mint("u", Map.of()));
    listened.verify(minter.mint("u", Map.of()));
    String unknown = minter.token().subject("u").keyId(UUID.randomUUID().toString()).sign();
    assertThatThrownBy(() -> listened.verify(unknown)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThat(listener.events()).containsExactly("miss", "fetch", "hit", "miss", "failure UNKNOWN_KEY");
  }

  @Test
  void keySourceListenerGetsTheLatencyOfFetchesAndOfFailures() {
    RecordingListener listener = new RecordingListener();
    AlbTokenVerifier listened =
        AlbTokenVerifier.builder()
            .requireSigner(minter.signerArn())
            .publicKeyUrl(server.urlTemplate())
            .keyFetchTimeout(Duration.ofMillis(300))
            .clock(clock)
            .keySourceListener(listener)
            .build();
    Duration delay = Duration.ofMillis(150);
    server.slow(delay);
    listened.verify(minter.mint("u", Map.of())); // fetched slowly
    String unknown = minter.token().subject("u").keyId(UUID.randomUUID().toString()).sign();
    assertThatThrownBy(() -> listened.verify(unknown)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY); // a slow 404
    server.slow(Duration.ofSeconds(2));
    minter.rotateKey();
    String timesOut = minter.mint("u", Map.of());
    assertThatThrownBy(() -> listened.verify(timesOut)).hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);

    assertThat(listener.timedEvents()).containsExactly("fetch", "failure UNKNOWN_KEY", "failure KEY_UNAVAILABLE");
    assertThat(listener.latencies().get(0)).isGreaterThanOrEqualTo(delay);
    assertThat(listener.latencies().get(1)).isGreaterThanOrEqualTo(delay);
    // a failure reports the time it waited (here until the 300 ms fetch timeout), not zero; that the
    // timeout cuts a slow fetch short is asserted by the fault tests above
    assertThat(listener.latencies().get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }
}
