package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class P256Test {

  @Test
  void rangeCheckRejectsZeroAndOrderAndAbove() {
    byte[] zero = new byte[64];
    assertThat(P256.isInRange(zero)).isFalse();
    byte[] rs = new byte[64];
    rs[31] = 1;
    rs[63] = 1;
    assertThat(P256.isInRange(rs)).isTrue();
    byte[] n = fixed(P256.N);
    System.arraycopy(n, 0, rs, 0, 32); // r = n
    assertThat(P256.isInRange(rs)).isFalse();
    byte[] nMinus1 = fixed(P256.N.subtract(BigInteger.ONE));
    System.arraycopy(nMinus1, 0, rs, 0, 32);
    assertThat(P256.isInRange(rs)).isTrue();
    Arrays.fill(rs, 32, 64, (byte) 0xff); // s > n
    assertThat(P256.isInRange(rs)).isFalse();
  }

  @Test
  void derTranscodingMatchesTheJdk() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 50; i++) { // covers leading zeros and high bits in r and s
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(pair.getPrivate());
      signer.update(data);
      byte[] rs = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(pair.getPublic());
      verifier.update(data);
      assertThat(verifier.verify(P256.toDer(rs))).isTrue();
    }
  }

  @Test
  void recognisesP256KeysOnly() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    assertThat(P256.isP256((ECPublicKey) g.generateKeyPair().getPublic())).isTrue();
    g.initialize(new ECGenParameterSpec("secp384r1"));
    assertThat(P256.isP256((ECPublicKey) g.generateKeyPair().getPublic())).isFalse();
  }

  private static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
