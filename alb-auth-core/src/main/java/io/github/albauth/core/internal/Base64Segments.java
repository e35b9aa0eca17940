package io.github.albauth.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks and decodes JWS segments. The ALB pads its base64url segments with {@code =}; strict JWT
 * parsers reject that, lenient decoders silently skip illegal characters. Here a segment must
 * match {@code ^[A-Za-z0-9_-]+={0,2}$} exactly and decode cleanly. Stateless and thread-safe.
 */
public final class Base64Segments {
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private Base64Segments() {}

  /**
   * Tells whether {@code s[from, to)} is one well-formed segment: base64url characters followed by
   * at most two {@code =}, with the padding (if any) of the right length.
   *
   * @param s the token
   * @param from start index, inclusive
   * @param to end index, exclusive
   * @return true if well formed
   */
  public static boolean isWellFormed(String s, int from, int to) {
    int end = to;
    while (end > from && s.charAt(end - 1) == '=') {
      end--;
    }
    int padding = to - end;
    if (end == from || padding > 2) {
      return false;
    }
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    int rest = (end - from) % 4;
    if (rest == 1) {
      return false;
    }
    return padding == 0 || (rest != 0 && rest + padding == 4);
  }

  /**
   * Decodes a well-formed segment (see {@link #isWellFormed}).
   *
   * @param s the token
   * @param from start index, inclusive
   * @param to end index, exclusive
   * @return the bytes
   * @throws IllegalArgumentException if the segment is not valid base64url
   */
  public static byte[] decode(String s, int from, int to) {
    // the decoder reads the text as ISO-8859-1 bytes: vectorised copies, no loop over charAt
    return URL_DECODER.decode(s.substring(from, to));
  }

  /**
   * Decodes a well-formed segment holding UTF-8 text.
   *
   * @param s the token
   * @param from start index, inclusive
   * @param to end index, exclusive
   * @return the text
   */
  public static String decodeText(String s, int from, int to) {
    return new String(decode(s, from, to), StandardCharsets.UTF_8);
  }
}
