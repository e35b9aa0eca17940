package io.github.albauth.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Parses the ALB's PEM public keys. Stateless and thread-safe. */
public final class Pem {
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private Pem() {}

  /**
   * Parses a PEM {@code SubjectPublicKeyInfo} holding an EC P-256 public key.
   *
   * @param pem the PEM text
   * @return the key
   * @throws IllegalArgumentException naming what is wrong (not a PEM, not EC, not P-256)
   */
  public static ECPublicKey parseP256(String pem) {
    String text = pem.strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException("not a pem public key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pem body is not base64", e);
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("pem does not hold an ec public key", e);
    }
    if (!(key instanceof ECPublicKey ecKey) || !P256.isP256(ecKey)) {
      throw new IllegalArgumentException("key is not on curve p-256");
    }
    return ecKey;
  }
}
