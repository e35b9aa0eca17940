package io.github.albauth.core.internal;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The three segments of a compact JWS, located and checked ({@code ^[A-Za-z0-9_-]+={0,2}$} each)
 * before anything is decoded.
 *
 * @param token the token
 * @param dot1 index of the first dot
 * @param dot2 index of the second dot
 */
public record JwsParts(String token, int dot1, int dot2) {

  /**
   * Locates and checks the segments.
   *
   * @param token the token
   * @return the parts
   * @throws AlbTokenException {@code MALFORMED} for a wrong segment count or an illegal character
   */
  public static JwsParts split(String token) {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      throw new AlbTokenException(Reason.MALFORMED, "token has " + (countDots(token) + 1) + " segments, expected 3");
    }
    checkSegment(token, 0, dot1, "header");
    checkSegment(token, dot1 + 1, dot2, "payload");
    checkSegment(token, dot2 + 1, token.length(), "signature");
    return new JwsParts(token, dot1, dot2);
  }

  /**
   * Decodes and strictly parses the header.
   *
   * @return the header members
   * @throws AlbTokenException {@code MALFORMED}
   */
  public Map<String, @Nullable Object> header() {
    return parseJson(0, dot1, "header");
  }

  /**
   * Decodes and strictly parses the payload.
   *
   * @return the payload claims
   * @throws AlbTokenException {@code MALFORMED}
   */
  public Map<String, @Nullable Object> payload() {
    return parseJson(dot1 + 1, dot2, "payload");
  }

  /**
   * Returns the signing input: the ASCII bytes of {@code header.payload} exactly as received.
   *
   * @return the bytes
   */
  public byte[] signingInput() {
    // every character is base64url or '.' (checked in split), so ISO-8859-1 is the identity; two
    // vectorised array copies beat a loop over charAt
    return token.substring(0, dot2).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes the signature segment.
   *
   * @return the signature bytes
   * @throws AlbTokenException {@code MALFORMED} if the segment does not decode
   */
  public byte[] signature() {
    try {
      return Base64Segments.decode(token, dot2 + 1, token.length());
    } catch (IllegalArgumentException e) {
      throw new AlbTokenException(Reason.MALFORMED, "signature segment is not base64url: " + e.getMessage(), e);
    }
  }

  private Map<String, @Nullable Object> parseJson(int from, int to, String name) {
    try {
      return StrictJson.parseObject(Base64Segments.decodeText(token, from, to));
    } catch (IllegalArgumentException e) {
      throw new AlbTokenException(Reason.MALFORMED, name + " is not a strict json object: " + e.getMessage(), e);
    }
  }

  private static void checkSegment(String token, int from, int to, String name) {
    if (!Base64Segments.isWellFormed(token, from, to)) {
      throw new AlbTokenException(
          Reason.MALFORMED, name + " segment is not base64url (A-Z a-z 0-9 - _ and up to two =)");
    }
  }

  private static int countDots(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    return dots;
  }
}
