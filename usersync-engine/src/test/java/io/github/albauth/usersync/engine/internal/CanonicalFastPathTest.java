package io.github.albauth.usersync.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.Usernames;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine answers printable-ASCII usernames without the normaliser; it must agree with {@link
 * Usernames#canonicalize}, the one rule, on every name (so a change of the rule shows here).
 */
class CanonicalFastPathTest {

  private static void agrees(String name) {
    assertThat(DesiredUser.canonical(name)).as("canonical(%s)", name.codePoints()
            .mapToObj(c -> String.format("U+%04X", c)).toList())
        .isEqualTo(Usernames.canonicalize(name).username());
  }

  @Test
  void agreesWithTheRuleOnEdgeCases() {
    for (String name : List.of("", " ", "   ", "a", " a ", "Alice@Example.COM", "~!@#$%^&*()_+",
        "a\tb", "\u007f", "a\u0080", "jos\u00e9", "jose\u0301", "\u00e9", "a\u200bb", "\ud800",
        "\udc00x", "\ud83d\ude00", "\u00a0", "\u2003", "x\u202e")) {
      agrees(name);
    }
  }

  @Test
  void agreesWithTheRuleOnRandomNames() {
    Random random = new Random(12);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      int length = random.nextInt(6);
      for (int j = 0; j < length; j++) {
        int kind = random.nextInt(10);
        name.append((char) (kind < 7 ? 0x20 + random.nextInt(0x5f) // printable ASCII
            : kind < 8 ? random.nextInt(0x20) + (random.nextBoolean() ? 0 : 0x70) // controls, DEL
            : kind < 9 ? 0x80 + random.nextInt(0x280) // Latin-1 and combining marks
            : random.nextInt(0x10000))); // anything, surrogates included
      }
      agrees(name.toString());
    }
  }
}
