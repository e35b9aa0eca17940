package io.github.albauth.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void pemIsSubjectPublicKeyInfoInSixtyFourCharacterLines() throws Exception {
    KeyPair pair = Keys.ecKeyPair("secp256r1");
    String pem = Keys.pem(pair.getPublic());

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    assertThat(body.strip().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    PublicKey parsed = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    assertThat(parsed).isEqualTo(pair.getPublic());
    assertThat(((ECPublicKey) parsed).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
  }

  @Test
  void ecSignaturesAreRawRConcatenatedWithS() {
    assertThat(Keys.sign(Keys.ecKeyPair("secp256r1").getPrivate(), "a.b")).hasSize(64);
    assertThat(Keys.sign(Keys.ecKeyPair("secp384r1").getPrivate(), "a.b")).hasSize(96);
  }

  @Test
  void refusesKeysItCannotSignWith() {
    PrivateKey dsa = new PrivateKey() {
      @Override
      public String getAlgorithm() {
        return "DSA";
      }

      @Override
      public String getFormat() {
        return "PKCS#8";
      }

      @Override
      public byte[] getEncoded() {
        return new byte[0];
      }
    };
    assertThatThrownBy(() -> Keys.sign(dsa, "a.b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot sign with a DSA key; use an EC or RSA key");
    assertThatThrownBy(() -> Keys.ecKeyPair("nosuchcurve"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot generate an ec key on curve nosuchcurve");
  }
}
