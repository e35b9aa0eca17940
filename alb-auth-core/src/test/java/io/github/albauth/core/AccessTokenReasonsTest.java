package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.IdpTokenMinter;
import io.github.albauth.testkit.MutableClock;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 11: every nimbus BadJOSEException was reported as UNKNOWN_KEY (a {@code typ:
 * dpop+jwt} token said UNKNOWN_KEY). Each class of failure has its own reason now.
 */
class AccessTokenReasonsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final IdpTokenMinter idp = IdpTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start();
  private final AccessTokenVerifier verifier;

  AccessTokenReasonsTest() {
    server.serveJwks(idp);
    verifier = AccessTokenVerifier.builder()
        .idp(IdpPreset.COGNITO)
        .requireIssuer(idp.issuer())
        .requireAudience(idp.clientId())
        .jwksUri(server.jwksUri().toString())
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() {
    verifier.close();
    server.close();
  }

  private IdpTokenMinter.TokenBuilder token() {
    return idp.token().subject("u");
  }

  private void assertReason(String token, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(AlbTokenException.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  @Test
  void typ() {
    assertThatThrownBy(() -> verifier.verify(token().header("typ", "dpop+jwt").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.TYPE_MISMATCH)
        .hasMessage("access token typ \"dpop+jwt\" is not JWT, at+jwt or application/at+jwt");
    assertReason(token().header("typ", "JOSE").sign(), Reason.TYPE_MISMATCH);
    assertReason(token().header("typ", 1).sign(), Reason.TYPE_MISMATCH);
    for (String accepted : List.of("JWT", "at+jwt", "AT+JWT", "application/at+jwt")) {
      assertThat(verifier.verify(token().header("typ", accepted).sign()).subject()).as(accepted).isEqualTo("u");
    }
    assertThat(verifier.verify(token().withoutHeader("typ").sign()).subject()).isEqualTo("u");
  }

  @Test
  void alg() {
    for (String alg : List.of("none", "HS256", "ES256K", "EdDSA", "RS1")) {
      assertReason(token().header("alg", alg).sign(), Reason.UNSUPPORTED_ALGORITHM);
    }
  }

  private AccessTokenVerifier another() {
    return AccessTokenVerifier.builder()
        .requireIssuer(idp.issuer()).requireAudience(idp.clientId()).jwksUri(server.jwksUri().toString()).clock(clock)
        .build();
  }

  @Test
  void key() throws Exception {
    assertThatThrownBy(() -> verifier.verify(token().keyId("no-such-kid").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY)
        .hasMessage("no key in the jwks of " + idp.issuer() + " has kid \"no-such-kid\" and fits alg RS256");
    // the kid exists, but it is an RSA key and the token says ES256
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    PrivateKey ecKey = ec.generateKeyPair().getPrivate();
    try (AccessTokenVerifier fresh = another()) {
      assertThatThrownBy(() -> fresh.verify(token().header("alg", "ES256").signWith(ecKey).sign()))
          .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    }
  }

  @Test
  void unknownKidsWhileTheJwksMayNotBeRefreshedAreThrottled() {
    assertReason(token().keyId("first-unknown").sign(), Reason.UNKNOWN_KEY); // fetch + one refresh
    assertThat(server.jwksRequestCount()).isEqualTo(2);
    assertThatThrownBy(() -> verifier.verify(token().keyId("second-unknown").sign()))
        .isInstanceOfSatisfying(AlbTokenException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.KEY_FETCH_THROTTLED);
          assertThat(e.reason().serviceUnavailable()).isTrue();
        });
    assertThat(server.jwksRequestCount()).isEqualTo(2);
    assertThat(verifier.verify(token().sign()).subject()).isEqualTo("u");
  }

  @Test
  void keyUnavailable() {
    server.down();
    assertThatThrownBy(() -> verifier.verify(token().sign()))
        .isInstanceOfSatisfying(AlbTokenException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE);
          assertThat(e.reason().serviceUnavailable()).isTrue();
          assertThat(e.getMessage())
              .startsWith("jwks of " + idp.issuer() + " unavailable: ")
              .contains("could not connect to 127.0.0.1:" + server.baseUri().getPort())
              .doesNotContain("null");
        });
  }

  @Test
  void signature() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertReason(token().signWith(rsa.generateKeyPair().getPrivate()).sign(), Reason.BAD_SIGNATURE);
    String[] good = token().sign().split("\\.");
    String[] other = idp.token().subject("admin").sign().split("\\.");
    assertReason(good[0] + "." + other[1] + "." + good[2], Reason.BAD_SIGNATURE);
  }

  @Test
  void claims() {
    assertReason(token().claim("iss", "https://evil.example").sign(), Reason.ISSUER_MISMATCH);
    assertReason(token().clientId("someone-else").sign(), Reason.AUDIENCE_MISMATCH);
    assertReason(token().tokenUse("id").sign(), Reason.TOKEN_USE_MISMATCH);
    assertReason(token().claim("nbf", clock.instant().plusSeconds(60).getEpochSecond()).sign(), Reason.NOT_YET_VALID);
    assertReason(token().claim("iat", clock.instant().plusSeconds(60).getEpochSecond()).sign(), Reason.NOT_YET_VALID);
    assertReason(token().expiresAt(clock.instant().minusSeconds(11)).sign(), Reason.EXPIRED);
    assertReason(token().withoutClaim("exp").sign(), Reason.MALFORMED);
    clock.advance(Duration.ofSeconds(1)); // and a good one still passes
    assertThat(verifier.verify(token().sign()).subject()).isEqualTo("u");
  }

  @Test
  void anUnknownKidIsNotCachedAsAKeyAndAGoodTokenStillVerifies() {
    assertReason(token().keyId(UUID.randomUUID().toString()).sign(), Reason.UNKNOWN_KEY);
    assertThat(verifier.verify(token().sign()).subject()).isEqualTo("u");
  }
}
