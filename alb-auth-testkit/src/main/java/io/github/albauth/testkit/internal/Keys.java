package io.github.albauth.testkit.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key generation, PEM and JWK encodings and signing, all on the JDK's providers. Thread-safe. */
public final class Keys {

  private Keys() {}

  /** A new key pair on the named EC curve ({@code secp256r1} is P-256, the ALB's curve). */
  public static KeyPair ecKeyPair(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("cannot generate an ec key on curve " + curve, e);
    }
  }

  /** A new RSA key pair of {@code bits} bits. */
  public static KeyPair rsaKeyPair(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the jdk has no rsa key pair generator", e);
    }
  }

  /** The key as a PEM {@code -----BEGIN PUBLIC KEY-----} block (SubjectPublicKeyInfo), like AWS serves. */
  public static String pem(PublicKey key) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * Signs {@code input}: an EC key signs with SHA-256 ECDSA in IEEE P1363 format (R||S, what JWS
   * ES256 wants), an RSA key with SHA-256 PKCS#1 v1.5 (JWS RS256).
   */
  public static byte[] sign(PrivateKey key, String input) {
    String algorithm;
    if (key instanceof ECKey) {
      algorithm = "SHA256withECDSAinP1363Format";
    } else if (key instanceof RSAKey) {
      algorithm = "SHA256withRSA";
    } else {
      throw new IllegalArgumentException(
          "cannot sign with a " + key.getAlgorithm() + " key; use an EC or RSA key");
    }
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + algorithm + " failed", e);
    }
  }

  /** A JWKS document ({@code {"keys":[…]}}) of RS256 signing keys, by kid. */
  public static String jwks(Map<String, RSAPublicKey> keys) {
    List<Object> jwks = new ArrayList<>();
    keys.forEach((kid, key) -> jwks.add(rsaJwk(kid, key)));
    return Json.write(Map.of("keys", jwks));
  }

  /** The RSA public key as an RS256 signing JWK ({@code kty, kid, use, alg, n, e}). */
  public static Map<String, Object> rsaJwk(String kid, RSAPublicKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("kid", kid);
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("n", unsigned(key.getModulus()));
    jwk.put("e", unsigned(key.getPublicExponent()));
    return jwk;
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
