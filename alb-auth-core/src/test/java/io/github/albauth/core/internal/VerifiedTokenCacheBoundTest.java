package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedTokenCacheBoundTest {
  @Test
  void staysWithinItsBoundPurgingExpiredEntriesFirst() {
    VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(3);
    cache.put("a", "A", 100, 0);
    cache.put("b", "B", 1000, 0);
    cache.put("c", "C", 1000, 0);
    cache.put("d", "D", 1000, 200); // "a" expired at 100: it goes first
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("a", 200)).isNull();
    assertThat(cache.get("b", 200)).isEqualTo("B");
    assertThat(cache.get("d", 200)).isEqualTo("D");
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v", 1000, 200);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
    assertThat(cache.get("k99", 200)).isEqualTo("v");
    assertThat(cache.get("k99", 1001)).isNull();
  }
}
