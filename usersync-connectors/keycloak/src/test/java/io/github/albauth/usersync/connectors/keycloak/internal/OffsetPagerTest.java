package io.github.albauth.usersync.connectors.keycloak.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Offset paging over a listing that changes between two page requests, as Keycloak's can. */
class OffsetPagerTest {

  record Item(String id, String name) {}

  /** A listing sorted by name, like Keycloak's users; a test queues changes before requests. */
  static final class Directory implements OffsetPager.Fetch<Item> {

    final TreeSet<Item> items = new TreeSet<>(Comparator.comparing(Item::name));
    final Queue<Runnable> beforeRequest = new ArrayDeque<>();
    int requests;

    Directory(int size) {
      IntStream.range(0, size).forEach(i -> items.add(item(i)));
    }

    @Override
    public List<Item> fetch(int first, int max) {
      requests++;
      Runnable change = beforeRequest.poll();
      if (change != null) {
        change.run();
      }
      return items.stream().skip(first).limit(max).toList();
    }

    void remove(int from, int to) {
      IntStream.range(from, to).forEach(i -> items.remove(item(i)));
    }

    /** Changes nothing before the next request; the following change runs before the one after. */
    Directory then(Runnable change) {
      beforeRequest.add(change);
      return this;
    }
  }

  static Item item(int i) {
    return new Item("id-" + i, String.format(Locale.ROOT, "user-%04d", i));
  }

  static List<Item> items(int from, int to) {
    return IntStream.range(from, to).mapToObj(OffsetPagerTest::item).toList();
  }

  private final List<Item> delivered = new ArrayList<>();

  private OffsetPager<Item> drain(Directory listing, int pageSize) {
    OffsetPager<Item> pager = new OffsetPager<>("users", pageSize, listing, Item::id, new HashSet<>());
    try (Stream<Item> stream = pager.stream()) {
      stream.forEach(delivered::add);
    }
    return pager;
  }

  @Test
  void anUnchangedListingArrivesOnceInOrderWithOneRequestAPage() {
    Directory listing = new Directory(250);
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).isEqualTo(items(0, 250));
    assertThat(listing.requests).isEqualTo(3);
  }

  @Test
  void aListingOfWholePagesEndsWithAPageHoldingTheAnchorAlone() {
    Directory listing = new Directory(200);
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).isEqualTo(items(0, 200));
    assertThat(listing.requests).isEqualTo(3);
  }

  @Test
  void anEmptyListingTakesOneRequest() {
    Directory listing = new Directory(0);
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).isEmpty();
    assertThat(listing.requests).isEqualTo(1);
  }

  @Test
  void deletionsBeforeThePositionHideNobody() {
    Directory listing = new Directory(250);
    listing.then(() -> { }).then(() -> listing.remove(10, 15));
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).isEqualTo(items(0, 250)); // 10..14 went after they were delivered
    assertThat(listing.requests).isEqualTo(4); // one page read again
  }

  @Test
  void theAnchorDeletedHidesNobody() {
    Directory listing = new Directory(250);
    listing.then(() -> { }).then(() -> listing.remove(99, 100));
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).isEqualTo(items(0, 250));
  }

  @Test
  void insertionsBeforeThePositionRepeatNobodyAndArriveWhenStillShown() {
    Directory listing = new Directory(250);
    Item early = new Item("new-1", "user-0098a");
    listing.then(() -> { }).then(() -> listing.items.add(early));
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered).doesNotHaveDuplicates()
        .containsAll(items(0, 250)).contains(early).hasSize(251);
  }

  @Test
  void aUserRenamedPastThePositionArrivesOnce() {
    Directory listing = new Directory(250);
    listing.then(() -> { }).then(() -> {
      listing.items.remove(item(5));
      listing.items.add(new Item("id-5", "zz-renamed"));
    });
    assertThat(drain(listing, 100).complete()).isTrue();
    assertThat(delivered.stream().map(Item::id).collect(Collectors.toList()))
        .doesNotHaveDuplicates().hasSize(250);
  }

  @Test
  void moreThanAPageDeletedBeforeThePositionIsNotComplete() {
    Directory listing = new Directory(100);
    // pages of 10: after the second page (items 9..19) delete 5..25, anchor and all
    listing.then(() -> { }).then(() -> { }).then(() -> listing.remove(5, 26));
    OffsetPager<Item> pager = drain(listing, 10);
    assertThat(pager.complete()).isFalse();
    assertThat(delivered).doesNotContain(item(26)); // the gap that complete() owns up to
  }

  @Test
  void aFailingRequestEndsTheStreamWithTheFailureNeverQuietly() {
    Directory listing = new Directory(250);
    listing.then(() -> { }).then(() -> {
      throw new IllegalStateException("HTTP 503");
    });
    OffsetPager<Item> pager = new OffsetPager<>("users", 100, listing, Item::id, new HashSet<>());
    try (Stream<Item> stream = pager.stream()) {
      assertThatThrownBy(() -> stream.forEach(delivered::add)).hasMessage("HTTP 503");
    }
    assertThat(delivered).isEqualTo(items(0, 100));
    assertThat(pager.complete()).isFalse();
  }

  @Test
  void idsAlreadyDeliveredByAnotherListingAreSkipped() {
    HashSet<String> shared = new HashSet<>(List.of("id-1", "id-2"));
    OffsetPager<Item> pager = new OffsetPager<>("members", 100, new Directory(5), Item::id, shared);
    try (Stream<Item> stream = pager.stream()) {
      assertThat(stream).containsExactly(item(0), item(3), item(4));
    }
  }

  @Test
  void refusesAPageSizeBelowOne() {
    assertThatThrownBy(() -> new OffsetPager<>("users", 0, new Directory(1), Item::id, new HashSet<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page size is 0; give 1 or more");
  }
}
