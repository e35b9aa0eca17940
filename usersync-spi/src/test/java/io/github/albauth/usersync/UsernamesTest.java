package io.github.albauth.usersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.Usernames.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UsernamesTest {

  @Test
  void nfcAndNfdFormsOfOneNameAreTheSameCanonicalName() {
    String nfd = "jose\u0301";
    String nfc = "jos\u00e9";
    assertThat(Usernames.canonicalize(nfd).username()).isEqualTo(nfc);
    assertThat(Usernames.canonicalize(nfc).username()).isEqualTo(nfc);
    assertThat(Usernames.canonicalize("alice@example.com").username()).isEqualTo("alice@example.com");
    assertThat(Usernames.canonicalize("\uD83D\uDE00 emoji").isValid()).as("a paired surrogate").isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "'', EMPTY, username is empty",
      "'   ', BLANK, username is blank",
      "'a\u0007b', CONTROL_CHARACTER, username has a control character (U+0007 at index 1)",
      "'a\tb', CONTROL_CHARACTER, username has a control character (U+0009 at index 1)",
      "'a\u007Fb', CONTROL_CHARACTER, username has a control character (U+007F at index 1)",
      "'a\u0085b', CONTROL_CHARACTER, username has a control character (U+0085 at index 1)",
      "'\u202Eadmin', BIDI_CHARACTER, username has a bidirectional control (U+202E at index 0)",
      "'ad\u2066min', BIDI_CHARACTER, username has a bidirectional control (U+2066 at index 2)",
      "'ad\u200Fmin', BIDI_CHARACTER, username has a bidirectional control (U+200F at index 2)",
      "'ad\u200Bmin', ZERO_WIDTH_CHARACTER, username has a zero-width character (U+200B at index 2)",
      "'admin\uFEFF', ZERO_WIDTH_CHARACTER, username has a zero-width character (U+FEFF at index 5)",
      "'ad\u2060min', ZERO_WIDTH_CHARACTER, username has a zero-width character (U+2060 at index 2)",
      "'a\uD800b', UNPAIRED_SURROGATE, username has an unpaired surrogate (U+D800 at index 1)",
      "'a\uDC00', UNPAIRED_SURROGATE, username has an unpaired surrogate (U+DC00 at index 1)",
  })
  void refusesWithAReasonThatNamesTheCharacter(String raw, Refusal refusal, String reason) {
    Usernames.Result result = Usernames.canonicalize(raw);
    assertThat(result.isValid()).isFalse();
    assertThat(result.username()).isNull();
    assertThat(result.refusal()).isEqualTo(refusal);
    assertThat(result.reason()).isEqualTo(reason);
  }

  @Test
  void nullIsEmpty() {
    assertThat(Usernames.canonicalize(null).refusal()).isEqualTo(Refusal.EMPTY);
  }

  @Test
  void aResultHasEitherANameOrARefusal() {
    assertThatThrownBy(() -> new Usernames.Result("a", Refusal.BLANK, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Usernames.Result(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKeyOfACaseInsensitiveStoreFoldsCaseAndACaseSensitiveOneKeepsTheName() {
    assertThat(Usernames.key("Alice", true)).isEqualTo("Alice");
    assertThat(Usernames.key("Alice", false)).isEqualTo(Usernames.key("aLICE", false)).isEqualTo("alice");
    assertThat(Usernames.key("Stra\u00dfe", false)).isEqualTo(Usernames.key("STRASSE", false));
    assertThat(Usernames.key("\u212Aelvin", false)).as("the Kelvin sign").isEqualTo("kelvin");
    assertThat(Usernames.key("jos\u00e9", false)).as("the key does not normalise; canonicalise first")
        .isNotEqualTo(Usernames.key("jose\u0301", false));
  }

  @Test
  void anIdpSubjectNeedsIssuerAndSubjectAndComparesThemExactly() {
    assertThatThrownBy(() -> new IdpSubject(" ", "sub")).hasMessage("issuer is blank; give a non-blank issuer");
    assertThatThrownBy(() -> new IdpSubject("iss", "")).hasMessage("subject is blank; give a non-blank subject");
    assertThat(new IdpSubject("iss", "Sub")).isNotEqualTo(new IdpSubject("iss", "sub"))
        .isEqualTo(new IdpSubject("iss", "Sub"));
  }
}
