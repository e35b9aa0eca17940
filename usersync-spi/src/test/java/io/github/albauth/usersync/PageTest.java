package io.github.albauth.usersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void fetchesPagesOnlyAsTheyAreConsumedAndSkipsEmptyPages() {
    List<String> cursors = new ArrayList<>();
    Stream<Integer> stream = Page.stream(cursor -> {
      cursors.add(String.valueOf(cursor));
      return switch (cursor == null ? "first" : cursor) {
        case "first" -> new Page<>(List.of(1, 2), "b");
        case "b" -> new Page<>(List.of(), "c"); // Graph may return an empty page with a nextLink
        default -> new Page<>(List.of(3), null);
      };
    });
    Iterator<Integer> it = stream.iterator();
    assertThat(cursors).isEmpty();
    assertThat(it.next()).isEqualTo(1);
    assertThat(cursors).containsExactly("null");
    List<Integer> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertThat(rest).containsExactly(2, 3);
    assertThat(cursors).containsExactly("null", "b", "c");
  }

  @Test
  void aSourceRepeatingItsCursorFailsInsteadOfLoopingForever() {
    Stream<Integer> stream = Page.stream(cursor -> new Page<>(List.of(1), "same"));
    assertThatThrownBy(() -> stream.count())
        .hasMessage("the source returned the same next cursor twice: same");
  }
}
