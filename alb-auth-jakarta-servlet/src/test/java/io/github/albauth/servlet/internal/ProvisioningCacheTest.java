package io.github.albauth.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProvisioningCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final ProvisioningCache<String> cache =
      new ProvisioningCache<>(clock, Duration.ofMinutes(5), 100);
  private final AtomicInteger calls = new AtomicInteger();

  private String provision() {
    return "user#" + calls.incrementAndGet();
  }

  @Test
  void concurrentFirstRequestsOfOneUserShareOneProvisioningCall() throws Exception {
    int threads = 16;
    CountDownLatch allStarted = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      // whoever provisions blocks until every caller has asked: without sharing, each would call
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          allStarted.countDown();
          return cache.get("alice", () -> {
            await(release);
            return provision();
          });
        }));
      }
      assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(50); // let the waiters reach the shared future
      release.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("user#1");
      }
      assertThat(calls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOutcomeIsReusedUntilTheTtlThenProvisionedAgain() {
    assertThat(cache.get("alice", this::provision)).isEqualTo("user#1");
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(cache.get("alice", this::provision)).isEqualTo("user#1");
    assertThat(cache.get("bob", this::provision)).as("per user").isEqualTo("user#2");
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("alice", this::provision)).isEqualTo("user#3");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aFailureIsNotCached() {
    assertThatThrownBy(() -> cache.get("alice", () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("database down");
    })).hasMessage("database down");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("alice", this::provision)).isEqualTo("user#2");
    assertThat(cache.get("alice", this::provision)).isEqualTo("user#2");
  }

  @Test
  void aZeroTtlProvisionsEveryTime() {
    ProvisioningCache<String> uncached = new ProvisioningCache<>(clock, Duration.ZERO, 100);
    uncached.get("alice", this::provision);
    uncached.get("alice", this::provision);
    assertThat(calls).hasValue(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
