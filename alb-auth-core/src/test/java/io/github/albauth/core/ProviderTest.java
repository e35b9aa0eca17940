package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Provider selection, and that every provider gets the same signature checks (CVE-2022-21449 included). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderTest {
  private static final String ACCP = "AmazonCorrettoCryptoProvider";

  private final AlbTokenMinter minter = AlbTokenMinter.create();
  private final AlbKeyServer server = AlbKeyServer.start(minter);

  @AfterAll
  void stop() {
    server.close();
  }

  private AlbTokenVerifier verifier(UnaryOperator<AlbTokenVerifier.Builder> provider) {
    return provider.apply(
            AlbTokenVerifier.builder().requireSigner(minter.signerArn()).publicKeyUrl(server.urlTemplate()))
        .build();
  }

  private static boolean accpLoads() {
    try {
      Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
      Object instance = type.getField("INSTANCE").get(null);
      return type.getMethod("getLoadingError").invoke(instance) == null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  @Test
  void autoPicksAccpWhenItLoadsWithoutInstallingItGlobally() {
    assumeTrue(accpLoads(), "ACCP native library not available on this platform");
    assertThat(verifier(b -> b).provider().getName()).isEqualTo(ACCP);
    assertThat(verifier(b -> b.provider("auto")).provider().getName()).isEqualTo(ACCP);
    assertThat(verifier(b -> b.provider(ACCP)).provider().getName()).isEqualTo(ACCP);
    assertThat(Security.getProvider(ACCP)).isNull();
  }

  @Test
  void jdkAndNamedProvidersCanBeChosen() {
    assertThat(verifier(b -> b.provider("jdk")).provider().getName()).isEqualTo("SunEC");
    assertThat(verifier(b -> b.provider("jdk")).toString()).contains("provider=SunEC", minter.signerArn());
    assertThat(verifier(b -> b.provider("SunEC")).provider().getName()).isEqualTo("SunEC");
    assertThat(verifier(b -> b.provider(Security.getProvider("SunEC"))).provider().getName()).isEqualTo("SunEC");
  }

  @Test
  void aProviderWithoutEcdsaIsRefused() {
    assertThatThrownBy(() -> verifier(b -> b.provider("SunJCE")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provider SunJCE does not implement SHA256withECDSA; choose another provider");
  }

  @Test
  void everyProviderVerifiesGoodTokensAndRejectsPsychicSignatures() {
    List<String> names = accpLoads() ? List.of("jdk", ACCP) : List.of("jdk");
    for (String name : names) {
      AlbTokenVerifier v = verifier(b -> b.provider(name));
      for (int i = 0; i < 20; i++) { // repeated: the per-thread Signature is reused across calls
        assertThat(v.verify(minter.mint("user-" + i, Map.of())).subject()).isEqualTo("user-" + i);
      }
      for (byte[] bad : List.of(new byte[64], new byte[72], new byte[0 + 1])) {
        assertThatThrownBy(() -> v.verify(minter.token().subject("u").signature(bad)))
            .as(name)
            .hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);
      }
      assertThat(v.verify(minter.mint("after", Map.of())).subject()).as(name).isEqualTo("after");
    }
  }

  /**
   * Found while testing issue 10 item 5: ACCP destroys the key a Signature was initialised with when
   * that Signature is re-initialised with another key, and the verifier shared translated keys
   * between re-initialisations. After a key rotation, the first thread that verified tokens of both
   * kids broke both keys for every thread: each later token was BAD_SIGNATURE.
   */
  @Test
  void everyProviderKeepsVerifyingWhileOneThreadAlternatesBetweenTwoKids() {
    List<String> names = accpLoads() ? List.of("jdk", ACCP) : List.of("jdk");
    for (String name : names) {
      AlbTokenMinter rotating = AlbTokenMinter.create();
      try (AlbKeyServer keys = AlbKeyServer.start(rotating);
          AlbTokenVerifier v = AlbTokenVerifier.builder()
              .requireSigner(rotating.signerArn()).publicKeyUrl(keys.urlTemplate()).provider(name).build()) {
        String before = rotating.mint("before-rotation", Map.of());
        rotating.rotateKey();
        String after = rotating.mint("after-rotation", Map.of());
        for (int round = 0; round < 3; round++) {
          assertThat(v.verify(before).subject()).as(name + " round " + round).isEqualTo("before-rotation");
          assertThat(v.verify(after).subject()).as(name + " round " + round).isEqualTo("after-rotation");
        }
      }
    }
  }
}
