package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a1b2c3d4-e5f6-4789-8abc-def012345678", "A1B2C3D4-E5F6-4789-8ABC-DEF012345678",
      "00000000-0000-0000-0000-000000000000", "ffffffff-FFFF-ffff-FFFF-ffffffffffff"})
  void acceptsUuids(String kid) {
    assertThat(Texts.isValidKeyId(kid)).isTrue();
  }

  @Test
  void acceptsRandomUuids() {
    for (int i = 0; i < 1000; i++) {
      assertThat(Texts.isValidKeyId(UUID.randomUUID().toString())).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a1b2c3d4e5f64789-8abc-def012345678", "a1b2c3d4-e5f6-4789-8abc-def01234567",
      "a1b2c3d4-e5f6-4789-8abc-def0123456789", "a1b2c3d4-e5f6-4789-8abc-def01234567g",
      "a1b2c3d-4e5f6-4789-8abc-def012345678", "a1b2c3d4-e5f6-4789-8abc-def01234567/",
      "../../../../../../../../etc/passwd..", "a1b2c3d4-e5f6-4789-8abc-def01234567\n",
      "a1b2c3d4-e5f6-4789-8abc-def01234567\u0663", "a1b2c3d4-e5f6-4789-8abc-def01234567\uff41",
      "a1b2c3d4_e5f6_4789_8abc_def012345678", "{a1b2c3d4-e5f6-4789-8abc-def0123456}"})
  void rejectsEverythingElse(String kid) {
    assertThat(Texts.isValidKeyId(kid)).isFalse();
  }

  @Test
  void rejectsEachPositionHoldingTheWrongKindOfCharacter() {
    String valid = "a1b2c3d4-e5f6-4789-8abc-def012345678";
    for (int i = 0; i < valid.length(); i++) {
      char wrong = valid.charAt(i) == '-' ? 'a' : '-';
      String kid = valid.substring(0, i) + wrong + valid.substring(i + 1);
      assertThat(Texts.isValidKeyId(kid)).as(kid).isFalse();
      String other = valid.substring(0, i) + 'x' + valid.substring(i + 1);
      assertThat(Texts.isValidKeyId(other)).as(other).isFalse();
    }
  }
}
