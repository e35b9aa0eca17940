package io.github.albauth.core.internal;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.core.RecordingListener;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DefaultAlbPublicKeySourceTest {
  private static final String REGION = "eu-west-1";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String kid = UUID.randomUUID().toString();
  private final String pem = pem(generate("secp256r1"));
  private final List<URI> requests = new CopyOnWriteArrayList<>();
  private final RecordingListener listener = new RecordingListener();
  private final List<String> events = listener.events();

  private AlbPublicKeySource source(AlbPublicKeySource.Fetcher fetcher) {
    return AlbPublicKeySource.builder()
        .fetcher(
            uri -> {
              requests.add(uri);
              return fetcher.fetch(uri);
            })
        .listener(listener)
        .clock(clock)
        .build();
  }

  @Test
  void fetchesFromTheCommercialEndpointOnceAndCaches() {
    AlbPublicKeySource source = source(uri -> pem);
    assertThat(source.publicKey(kid, REGION)).isNotNull();
    assertThat(source.publicKey(kid, REGION)).isSameAs(source.publicKey(kid, REGION));
    assertThat(requests).containsExactly(URI.create("https://public-keys.auth.elb.eu-west-1.amazonaws.com/" + kid));
    assertThat(events).containsExactly("miss", "fetch", "hit", "hit");
  }

  @Test
  void usesTheGovCloudEndpointForGovCloudRegions() {
    source(uri -> pem).publicKey(kid, "us-gov-west-1");
    assertThat(requests)
        .containsExactly(
            URI.create("https://s3-us-gov-west-1.amazonaws.com/aws-elb-public-keys-prod-us-gov-west-1/" + kid));
  }

  @Test
  void refusesChinaRegionsWithoutATemplate() {
    assertThatThrownBy(() -> source(uri -> pem).publicKey(kid, "cn-north-1"))
        .isInstanceOf(AlbTokenException.class)
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessage("aws documents no public key endpoint for region cn-north-1; configure a public key url template");
    assertThat(requests).isEmpty();
  }

  @Test
  void rejectsKeyIdsThatAreNotUuidsBeforeAnyUrl() {
    AlbPublicKeySource source = source(uri -> pem);
    for (String bad : List.of("../../etc/passwd", kid + "/../x", kid + "?a=b", kid + "#", "%2e%2e", kid.toUpperCase() + "x", "")) {
      assertThatThrownBy(() -> source.publicKey(bad, REGION))
          .isInstanceOf(AlbTokenException.class)
          .hasFieldOrPropertyWithValue("reason", Reason.MALFORMED);
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void rejectsMalformedRegions() {
    assertThatThrownBy(() -> source(uri -> pem).publicKey(kid, "evil.com/x"))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessage("region \"evil.com/x\" is not an aws region");
  }

  @Test
  void aCachedKeyIsNeverServedForAMalformedRegion() {
    AlbPublicKeySource source = source(uri -> pem);
    assertThat(source.publicKey(kid, REGION)).isNotNull();
    for (String bad : List.of("evil.com/x", REGION + "/", REGION + "/" + kid, "", REGION.toUpperCase())) {
      assertThatThrownBy(() -> source.publicKey(kid, bad))
          .as(bad)
          .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
    }
    assertThat(requests).hasSize(1);
  }

  @Test
  void singleFlightManyThreadsOneUncachedKidOneFetch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    AlbPublicKeySource source =
        source(
            uri -> {
              fetches.incrementAndGet();
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
              return pem;
            });
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      List<Future<PublicKey>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  return source.publicKey(kid, REGION);
                }));
      }
      ready.await(5, TimeUnit.SECONDS);
      Thread.sleep(100); // let every thread reach the fetch or the wait (not a timing assertion)
      release.countDown();
      PublicKey first = results.get(0).get(5, TimeUnit.SECONDS);
      for (Future<PublicKey> f : results) {
        assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches.get()).isEqualTo(1);
  }

  @Test
  void unknownKidIsRememberedForTheNegativeCacheTtl() {
    AlbPublicKeySource source = source(uri -> null);
    assertThatThrownBy(() -> source.publicKey(kid, REGION))
        .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY)
        .hasMessage("key " + kid + " is unknown (the key server does not know it)");
    assertThatThrownBy(() -> source.publicKey(kid, REGION))
        .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY)
        .hasMessage("key " + kid + " is unknown (remembered for PT30S)");
    assertThat(requests).hasSize(1);
    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> source.publicKey(kid, REGION)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThat(requests).hasSize(2);
  }

  @Test
  void fetchRateIsCappedPerSecondWithTwoSlotsKeptForKidsAskedForAgain() {
    AlbPublicKeySource source = source(uri -> null);
    for (int i = 0; i < 8; i++) {
      String random = UUID.randomUUID().toString();
      assertThatThrownBy(() -> source.publicKey(random, REGION)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    }
    String ninth = UUID.randomUUID().toString();
    assertThatThrownBy(() -> source.publicKey(ninth, REGION))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_FETCH_THROTTLED)
        .hasMessage("key " + ninth + " not fetched: fetch rate cap of 10 per second reached; retry in a second");
    assertThat(requests).hasSize(8);
    // asked for again: the two kept slots
    assertThatThrownBy(() -> source.publicKey(ninth, REGION)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    String tenth = UUID.randomUUID().toString();
    assertThatThrownBy(() -> source.publicKey(tenth, REGION)).hasFieldOrPropertyWithValue("reason", Reason.KEY_FETCH_THROTTLED);
    assertThatThrownBy(() -> source.publicKey(tenth, REGION)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThat(requests).hasSize(10);
    String eleventh = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> source.publicKey(eleventh, REGION)).hasFieldOrPropertyWithValue("reason", Reason.KEY_FETCH_THROTTLED);
    }
    assertThat(requests).hasSize(10);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> source.publicKey(eleventh, REGION)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThat(requests).hasSize(11);
  }

  @Test
  void failsClosedWhileCachedKidsKeepWorking() {
    AtomicInteger mode = new AtomicInteger();
    AlbPublicKeySource source =
        source(
            uri -> {
              switch (mode.get()) {
                case 0:
                  return pem;
                case 1:
                  throw new IOException("http 503 from " + uri);
                case 2:
                  return "<html>garbage</html>";
                default:
                  return pem(generate("secp384r1"));
              }
            });
    PublicKey cached = source.publicKey(kid, REGION);
    for (int m = 1; m <= 3; m++) {
      mode.set(m);
      clock.advance(Duration.ofSeconds(2)); // stay clear of the rate cap
      String uncached = UUID.randomUUID().toString();
      assertThatThrownBy(() -> source.publicKey(uncached, REGION))
          .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
      assertThat(source.publicKey(kid, REGION)).isSameAs(cached);
    }
    assertThat(events).contains("failure KEY_UNAVAILABLE");
  }

  @Test
  void fetcherRuntimeExceptionsFailClosedToo() {
    AlbPublicKeySource source = source(uri -> {
      throw new IllegalStateException("boom");
    });
    assertThatThrownBy(() -> source.publicKey(kid, REGION))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessageContaining("boom");
  }

  @Test
  void aFetcherFailureWithoutAMessageIsNamedNotNull() {
    AlbPublicKeySource source = source(uri -> {
      throw new IOException();
    });
    assertThatThrownBy(() -> source.publicKey(kid, REGION))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessage("could not fetch key " + kid + " from public-keys.auth.elb.eu-west-1.amazonaws.com: IOException");
  }

  @Test
  void cacheIsBounded() {
    AlbPublicKeySource source = AlbPublicKeySource.builder().fetcher(uri -> pem).maxCachedKeys(2).clock(clock).build();
    List<String> kids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
    kids.forEach(k -> source.publicKey(k, REGION));
    assertThat(((DefaultAlbPublicKeySource) source)).extracting("keys").asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).hasSize(2);
  }

  @Test
  void builderRefusesBadTemplatesAndRepeatedOptions() {
    assertThatThrownBy(() -> AlbPublicKeySource.builder().urlTemplate("http://keys.example.com/{kid}").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("public key url \"http://keys.example.com/{kid}\" must use https (plain http is allowed only to a loopback host)");
    assertThatThrownBy(() -> AlbPublicKeySource.builder().urlTemplate("https://keys.example.com/{region}").build())
        .hasMessageContaining("has no {kid} placeholder");
    assertThatThrownBy(() -> AlbPublicKeySource.builder().urlTemplate("https://keys.example.com/{kid}?x={account}").build())
        .hasMessageContaining("has an unknown placeholder");
    assertThatThrownBy(() -> AlbPublicKeySource.builder().maxCachedKeys(1).maxCachedKeys(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("max cached keys was already set to 1");
    assertThatThrownBy(() -> AlbPublicKeySource.builder().readTimeout(Duration.ZERO))
        .hasMessage("read timeout must be positive but was PT0S");
    AlbPublicKeySource.builder().urlTemplate("http://127.0.0.1:8080/{kid}").build();
    AlbPublicKeySource.builder().urlTemplate("http://localhost:8080/{region}/{kid}").build();
    AlbPublicKeySource.builder().urlTemplate("http://[::1]:8080/{kid}").build();
  }

  static PublicKey generate(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair().getPublic();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
