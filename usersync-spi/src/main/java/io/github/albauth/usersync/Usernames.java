package io.github.albauth.usersync;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one canonical form of a username, the same at login and in sync: Unicode NFC, and never
 * empty, blank, or holding a character that makes two names look alike or a log line lie — a
 * control character (C0, DEL, C1), a bidirectional control (U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), a zero-width character (U+200B–U+200D, U+2060, U+FEFF) or an unpaired surrogate.
 * Two names equal after canonicalisation are the same name: the sync engine treats two source users
 * whose names canonicalise alike as a conflict, not as two accounts. Whether {@code Alice} and
 * {@code alice} are alike too is the store's call ({@link UserStore#caseSensitiveUsernames()}); the
 * engine compares canonical names by {@link #key}.
 *
 * <pre>{@code
 * Usernames.Result name = Usernames.canonicalize(claims.get("preferred_username"));
 * if (!name.isValid()) {
 *   refuse(name.refusal(), name.reason()); // e.g. ZERO_WIDTH_CHARACTER, "… U+200B at index 3"
 * }
 * String username = name.username();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Usernames {

  private Usernames() {}

  /** Why a name has no canonical form. */
  public enum Refusal {
    /** Null or the empty string. */
    EMPTY,
    /** Only whitespace. */
    BLANK,
    /** A C0 control (U+0000–U+001F), DEL (U+007F) or a C1 control (U+0080–U+009F). */
    CONTROL_CHARACTER,
    /** A bidirectional control: U+200E, U+200F, U+202A–U+202E, U+2066–U+2069. */
    BIDI_CHARACTER,
    /** A zero-width character: U+200B–U+200D, U+2060, U+FEFF. */
    ZERO_WIDTH_CHARACTER,
    /** A high surrogate without its low surrogate, or a low one without its high one. */
    UNPAIRED_SURROGATE
  }

  /**
   * The outcome of {@link #canonicalize}: the canonical username, or why there is none.
   *
   * <p>Immutable and thread-safe.
   *
   * @param username the canonical (NFC) username, or null when refused
   * @param refusal why the name was refused, or null when valid
   * @param reason a message for people and logs (it names the offending character by code point and
   *     index, never echoes it), or null when valid
   */
  public record Result(@Nullable String username, @Nullable Refusal refusal, @Nullable String reason) {

    /**
     * Checks that exactly one of username and refusal is set.
     *
     * @param username the canonical (NFC) username, or null when refused
     * @param refusal why the name was refused, or null when valid
     * @param reason a message for people and logs, or null when valid
     */
    public Result {
      if ((username == null) == (refusal == null) || (refusal == null) != (reason == null)) {
        throw new IllegalArgumentException("a result has either a username or a refusal with a reason");
      }
    }

    /** {@return whether the name has a canonical form} */
    public boolean isValid() {
      return username != null;
    }
  }

  /**
   * Canonicalises a username.
   *
   * @param raw the name as the IdP or the mapping gives it, or null
   * @return the NFC form, or the refusal with a reason
   */
  public static Result canonicalize(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return refused(Refusal.EMPTY, "username is empty");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
          i++;
          continue;
        }
        return refused(Refusal.UNPAIRED_SURROGATE, "username has an unpaired surrogate", c, i);
      }
      if (Character.isLowSurrogate(c)) {
        return refused(Refusal.UNPAIRED_SURROGATE, "username has an unpaired surrogate", c, i);
      }
    }
    String nfc = Normalizer.isNormalized(raw, Normalizer.Form.NFC)
        ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
        return refused(Refusal.CONTROL_CHARACTER, "username has a control character", c, i);
      }
      if (c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069)) {
        return refused(Refusal.BIDI_CHARACTER, "username has a bidirectional control", c, i);
      }
      if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) {
        return refused(Refusal.ZERO_WIDTH_CHARACTER, "username has a zero-width character", c, i);
      }
    }
    if (nfc.isBlank()) {
      return refused(Refusal.BLANK, "username is blank");
    }
    return new Result(nfc, null, null);
  }

  /**
   * The form in which two usernames are compared: equal keys are one name. A case-sensitive store
   * compares names as they are; a case-insensitive one compares their case folds (upper case, then
   * lower case, in the root locale, so that {@code Straße} and {@code STRASSE} are one name, and the
   * Kelvin sign is a {@code k}). Canonicalise first: the key does not normalise, so a name stored in
   * NFD before canonical names existed keeps its own key (and the engine renames it to NFC).
   *
   * @param username a name, canonical as {@link #canonicalize} returns it
   * @param caseSensitive what the store declares ({@link UserStore#caseSensitiveUsernames()})
   * @return {@code username} itself when case-sensitive, else its case fold
   */
  public static String key(String username, boolean caseSensitive) {
    return caseSensitive ? username : username.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static Result refused(Refusal refusal, String what) {
    return new Result(null, refusal, what);
  }

  private static Result refused(Refusal refusal, String what, char c, int index) {
    return new Result(null, refusal,
        what + " (U+" + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + index + ")");
  }
}
