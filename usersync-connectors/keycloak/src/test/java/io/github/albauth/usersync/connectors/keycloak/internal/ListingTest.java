package io.github.albauth.usersync.connectors.keycloak.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.connectors.keycloak.internal.OffsetPagerTest.Item;
import io.github.albauth.usersync.connectors.keycloak.internal.OffsetPagerTest.Directory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Several listings read as one, as the members of several chosen groups are. */
class ListingTest {

  @Test
  void readsThePartsInOrderEachIdOnceAndIsCompleteAtTheEnd() {
    Directory first = new Directory(0);
    Directory second = new Directory(0);
    OffsetPagerTest.items(0, 5).forEach(first.items::add);
    OffsetPagerTest.items(3, 8).forEach(second.items::add);
    Listing<Item> listing =
        new Listing<>("members", 2,
            Item::id, List.<OffsetPager.Fetch<Item>>of(first, second));
    try (Stream<Item> items = listing.stream()) {
      assertThat(listing.complete()).isFalse();
      assertThat(items).containsExactlyElementsOf(OffsetPagerTest.items(0, 8));
    }
    assertThat(listing.complete()).isTrue();
  }

  @Test
  void aFailingPartFailsTheStreamAndLeavesItIncomplete() {
    Listing<Item> listing =
        new Listing<>("members", 2,
            Item::id, List.<OffsetPager.Fetch<Item>>of(new Directory(3), (first, max) -> {
              throw new IllegalStateException("HTTP 500");
            }));
    try (Stream<Item> items = listing.stream()) {
      assertThatThrownBy(() -> items.forEach(item -> { })).hasMessage("HTTP 500");
    }
    assertThat(listing.complete()).isFalse();
  }

  @Test
  void needsAPart() {
    assertThatThrownBy(() -> new Listing<>(
        "users", 2, Item::id, List.of()))
        .hasMessage("users: a listing needs at least one part");
  }
}
