package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AlbTestExtension.class)
class AlbTestKitTest {

  @Test
  void aMintedTokenVerifiesWithKeysFromTheKeyServer(AlbTokenMinter alb, AlbKeyServer keys) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder()
        .requireSigner(alb.signerArn())
        .publicKeyUrl(keys.urlTemplate())
        .build();

    AlbIdentity user = verifier.verify(alb.mint("user-1", Map.of("email", "ada@example.com")), "user-1");

    assertEquals("user-1", user.subject());
    assertEquals(1, keys.requestCount(alb.currentKeyId()));
  }

  @Test
  void runsOnTheJUnitThisProjectDeclares() {
    assertEquals(System.getProperty("expected.junit.version"),
        Test.class.getPackage().getImplementationVersion());
  }
}
