package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's environment properties configure a verifier as they are: the contract users rely on. */
@ExtendWith(AlbTestExtension.class)
class TestkitExtensionTest {

  @Test
  void environmentPropertiesConfigureAVerifierThatTrustsTheMinter(AlbTestEnvironment env, AlbTokenMinter minter) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.properties()).build();
    AlbIdentity id = verifier.verify(minter.mint("user-1", Map.of("email", "ada@example.com")), "user-1");
    assertThat(id.signer()).isEqualTo(env.signerArn());
    assertThat(id.issuer()).isEqualTo(env.issuer());
    assertThat(id.clientId()).isEqualTo(env.clientId());
  }

  @Test
  void rotatedKeysAreFetchedOnDemand(AlbTestEnvironment env, AlbTokenMinter minter) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.toProperties()).build();
    verifier.verify(minter.mint("before", Map.of()));
    minter.rotateKey();
    assertThat(verifier.verify(minter.mint("after", Map.of())).keyId()).isEqualTo(minter.currentKeyId());
  }
}
