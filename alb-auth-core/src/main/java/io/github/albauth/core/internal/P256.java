package io.github.albauth.core.internal;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The NIST P-256 curve (secp256r1) and ES256 signature checks that must not be left to the JCA
 * provider: range of r and s (CVE-2022-21449, "psychic signatures": r = s = 0 verified on some
 * JDKs) and R||S to DER transcoding. Stateless and thread-safe.
 */
public final class P256 {
  /** Field prime p. */
  static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  /** Curve coefficient a. */
  static final BigInteger A = P.subtract(BigInteger.valueOf(3));
  /** Curve coefficient b. */
  static final BigInteger B =
      new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
  /** Group order n. */
  static final BigInteger N =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
  /** Generator. */
  static final ECPoint G =
      new ECPoint(
          new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
          new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16));

  private static final byte[] N_BYTES = toBytes32(N);

  /** Length of an ES256 signature: R and S, 32 bytes each, big-endian. */
  public static final int SIGNATURE_LENGTH = 64;

  private P256() {}

  /**
   * Tells whether a public key is a valid point on P-256.
   *
   * @param key the key
   * @return true if its parameters are P-256 and its point lies on the curve
   */
  public static boolean isP256(ECPublicKey key) {
    ECParameterSpec params = key.getParams();
    if (!(params.getCurve().getField() instanceof ECFieldFp)
        || !((ECFieldFp) params.getCurve().getField()).getP().equals(P)
        || !params.getCurve().getA().equals(A)
        || !params.getCurve().getB().equals(B)
        || !params.getOrder().equals(N)
        || !params.getGenerator().equals(G)
        || params.getCofactor() != 1) {
      return false;
    }
    ECPoint w = key.getW();
    if (w.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
      return false;
    }
    BigInteger lhs = y.multiply(y).mod(P);
    BigInteger rhs = x.multiply(x).multiply(x).add(A.multiply(x)).add(B).mod(P);
    return lhs.equals(rhs);
  }

  /**
   * Tells whether both halves of an R||S signature lie in [1, n-1].
   *
   * @param rs the 64-byte signature
   * @return true if r and s are in range
   */
  public static boolean isInRange(byte[] rs) {
    return isScalarInRange(rs, 0) && isScalarInRange(rs, 32);
  }

  private static boolean isScalarInRange(byte[] rs, int offset) {
    boolean nonZero = false;
    for (int i = 0; i < 32; i++) {
      if (rs[offset + i] != 0) {
        nonZero = true;
        break;
      }
    }
    if (!nonZero) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      int a = rs[offset + i] & 0xff;
      int b = N_BYTES[i] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return false; // equal to n
  }

  /**
   * Transcodes an R||S signature to ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }}.
   *
   * @param rs the 64-byte signature
   * @return the DER encoding
   */
  public static byte[] toDer(byte[] rs) {
    byte[] r = derInteger(rs, 0);
    byte[] s = derInteger(rs, 32);
    int bodyLength = r.length + s.length;
    byte[] der = new byte[2 + bodyLength];
    der[0] = 0x30;
    der[1] = (byte) bodyLength; // at most 2 * (2 + 33) = 70 < 128
    System.arraycopy(r, 0, der, 2, r.length);
    System.arraycopy(s, 0, der, 2 + r.length, s.length);
    return der;
  }

  private static byte[] derInteger(byte[] rs, int offset) {
    int start = offset;
    int end = offset + 32;
    while (start < end - 1 && rs[start] == 0) {
      start++;
    }
    boolean pad = (rs[start] & 0x80) != 0;
    int length = end - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + length];
    out[0] = 0x02;
    out[1] = (byte) length;
    System.arraycopy(rs, start, out, 2 + (pad ? 1 : 0), end - start);
    return out;
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
