package io.github.albauth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Splits and checks compact tokens in the test kit's own tests. */
final class Tokens {

  private Tokens() {}

  static String[] segments(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new AssertionError("not three segments: " + token);
    }
    return parts;
  }

  static String headerJson(String token) {
    return decode(segments(token)[0]);
  }

  static String payloadJson(String token) {
    return decode(segments(token)[1]);
  }

  static byte[] signatureBytes(String token) {
    return Base64.getUrlDecoder().decode(segments(token)[2]);
  }

  static String decode(String segment) {
    return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
  }

  /** Verifies the signature over the first two segments exactly as they appear in the token. */
  static boolean verifies(String token, PublicKey key, String algorithm) throws Exception {
    String[] parts = segments(token);
    Signature signature = Signature.getInstance(algorithm);
    signature.initVerify(key);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(signatureBytes(token));
  }

  static boolean verifiesEs256(String token, PublicKey key) throws Exception {
    return verifies(token, key, "SHA256withECDSAinP1363Format");
  }
}
