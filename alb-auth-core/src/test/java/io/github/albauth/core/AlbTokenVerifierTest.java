package io.github.albauth.core;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.nio.charset.StandardCharsets;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.concurrent.atomic.AtomicInteger;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;

/** The verifier's acceptance rules and the negative corpus of issue 2 §6, each with its reason code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbTokenVerifierTest {
  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final AlbTokenMinter minter = AlbTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start(minter);
  private AlbTokenVerifier verifier = newVerifier();

  @AfterAll
  void stopKeyServer() {
    server.close();
  }

  @BeforeEach
  void freshVerifierAndTime() {
    clock.advance(Duration.between(clock.instant(), START));
    server.healthy();
    server.resetCounts();
    verifier = newVerifier();
  }

  private AlbTokenVerifier newVerifier() {
    return AlbTokenVerifier.builder()
        .requireSigner(minter.signerArn())
        .requireIssuer(minter.issuer())
        .requireClientId(minter.clientId())
        .publicKeyUrl(server.urlTemplate())
        .clock(clock)
        .idp(IdpPreset.COGNITO)
        .build();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(@Nullable String token, Reason reason) {
    return assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(AlbTokenException.class)
        .hasFieldOrPropertyWithValue("reason", reason);
  }

  // ---- accepted -------------------------------------------------------------------------------

  @Test
  void verifiesAnAlbExactTokenAndTypesEveryClaim() {
    String token =
        minter.token()
            .subject("user-1")
            .claim("email", "ada@example.com")
            .claim("email_verified", true)
            .claim("logins", 42)
            .claim("score", 0.5)
            .claim("groups", List.of("admins", "ops"))
            .claim("address", Map.of("country", "NZ"))
            .claim("nickname", null)
            .sign();
    assertThat(token).contains("=."); // the ALB pads its segments

    AlbIdentity id = verifier.verify(token, "user-1");

    assertThat(id.subject()).isEqualTo("user-1");
    assertThat(id.username()).isEqualTo("ada@example.com");
    assertThat(id.claim("email_verified")).isEqualTo(Boolean.TRUE);
    assertThat(id.claim("logins")).isEqualTo(42L);
    assertThat(id.claim("score")).isEqualTo(0.5);
    assertThat(id.claim("groups")).isEqualTo(List.of("admins", "ops"));
    assertThat(id.claim("address")).isEqualTo(Map.of("country", "NZ"));
    assertThat(id.claims()).containsKey("nickname");
    assertThat(id.stringClaim("email")).isEqualTo("ada@example.com");
    assertThat(id.stringClaim("logins")).isNull();
    assertThat(id.issuer()).isEqualTo(minter.issuer());
    assertThat(id.signer()).isEqualTo(minter.signerArn());
    assertThat(id.clientId()).isEqualTo(minter.clientId());
    assertThat(id.keyId()).isEqualTo(minter.currentKeyId());
    assertThat(id.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(2)));
    assertThat(id.toString()).doesNotContain("ada@example.com");
    assertThatThrownBy(() -> id.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsUnpaddedSegmentsToo() {
    String token = minter.token().subject("user-1").unpadded().sign();
    assertThat(token).doesNotContain("=");
    assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
  }

  @Test
  void usernameFallsBackToSubjectWithoutTheClaim() {
    assertThat(verifier.verify(minter.mint("user-1", Map.of())).username()).isEqualTo("user-1");
  }

  @Test
  void ignoresJkuX5uJwkAndX5cHeaders() {
    String token =
        minter.token()
            .subject("user-1")
            .header("jku", "https://attacker.example/jwks.json")
            .header("x5u", "https://attacker.example/cert.pem")
            .header("jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA"))
            .header("x5c", List.of("MIIB"))
            .sign();
    assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // ---- identity header ------------------------------------------------------------------------

  @Test
  void identityHeaderMustEqualSub() {
    String token = minter.mint("user-1", Map.of());
    assertThatThrownBy(() -> verifier.verify(token, "user-2"))
        .hasFieldOrPropertyWithValue("reason", Reason.IDENTITY_MISMATCH)
        .hasMessage("identity header \"user-2\" does not equal the token's sub \"user-1\"");
    assertThat(verifier.verify(token, "user-1").subject()).isEqualTo("user-1");
    assertThat(verifier.verify(token, null).subject()).isEqualTo("user-1");
  }

  // ---- shape ----------------------------------------------------------------------------------

  @Test
  void rejectsMissingAndEmptyTokens() {
    assertRejected(null, Reason.MALFORMED).hasMessage("token is missing");
    assertRejected("", Reason.MALFORMED).hasMessage("token is missing");
  }

  @Test
  void rejectsWrongSegmentCounts() {
    String token = minter.mint("user-1", Map.of());
    String[] parts = token.split("\\.");
    assertRejected(parts[0] + "." + parts[1], Reason.MALFORMED).hasMessage("token has 2 segments, expected 3");
    assertRejected(token + ".AAAA", Reason.MALFORMED).hasMessage("token has 4 segments, expected 3");
    assertRejected("abc", Reason.MALFORMED).hasMessage("token has 1 segments, expected 3");
  }

  @Test
  void rejectsWhitespaceAndBearerPrefixes() {
    String token = minter.mint("user-1", Map.of());
    for (String bad : List.of(" " + token, token + " ", token + "\n", "Bearer " + token, "bearer " + token,
        token.replaceFirst("\\.", ". "), "\t" + token)) {
      assertRejected(bad, Reason.MALFORMED);
    }
  }

  @Test
  void rejectsIllegalBase64Characters() {
    // nimbus's decoder would silently skip these; the segment check refuses them before parsing
    String token = minter.mint("user-1", Map.of());
    int dot = token.indexOf('.');
    for (String inject : List.of("+", "/", "!", "%2E", "\u00e9", "=A")) {
      String bad = token.substring(0, dot - 4) + inject + token.substring(dot - 4);
      assertRejected(bad, Reason.MALFORMED).hasMessageEndingWith("segment is not base64url (A-Z a-z 0-9 - _ and up to two =)");
    }
  }

  @Test
  void rejectsHeadersThatAreNotJsonObjects() {
    String payloadAndSig = minter.mint("user-1", Map.of()).substring(minter.mint("user-1", Map.of()).indexOf('.'));
    assertRejected(b64("[]") + payloadAndSig, Reason.MALFORMED).hasMessage("header is not a strict json object: not a json object");
    assertRejected(b64("{\"alg\":\"ES256\"") + payloadAndSig, Reason.MALFORMED);
    assertRejected(b64("not json") + payloadAndSig, Reason.MALFORMED);
  }

  @Test
  void rejectsOversizedTokensBeforeParsing() {
    String big = minter.token().subject("user-1").claim("blob", "x".repeat(20_000)).sign();
    assertRejected(big, Reason.TOO_LARGE).hasMessage("token is " + big.length() + " characters, more than the maximum of 16384");
    assertRejected("!".repeat(16_385), Reason.TOO_LARGE);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void honoursAConfiguredMaxTokenSizeToTheCharacter() {
    String token = minter.token().subject("user-1").claim("blob", "x".repeat(1_500)).sign();
    int n = token.length();
    AlbTokenVerifier exact = AlbTokenVerifier.builder().requireSigner(minter.signerArn())
        .publicKeyUrl(server.urlTemplate()).clock(clock).maxTokenSize(n).build();
    assertThat(exact.verify(token).subject()).isEqualTo("user-1");
    AlbTokenVerifier oneLess = AlbTokenVerifier.builder().requireSigner(minter.signerArn())
        .publicKeyUrl(server.urlTemplate()).clock(clock).maxTokenSize(n - 1).build();
    assertThatThrownBy(() -> oneLess.verify(token))
        .hasFieldOrPropertyWithValue("reason", Reason.TOO_LARGE)
        .hasMessage("token is " + n + " characters, more than the maximum of " + (n - 1));
    assertThat(server.requestCount()).isEqualTo(1); // only the accepted token needed a key
  }

  @Test
  void rejectsDeeplyNestedJson() {
    String deep = "{\"sub\":\"user-1\",\"a\":" + "[".repeat(200) + "]".repeat(200) + "}";
    assertRejected(minter.token().rawPayloadJson(deep).sign(), Reason.MALFORMED)
        .hasMessageStartingWith("payload is not a strict json object: nested deeper than 32");
  }

  @Test
  void rejectsDeeplyNestedJsonInTheHeader() {
    String header = "{\"alg\":\"ES256\",\"kid\":\"" + minter.currentKeyId() + "\",\"x\":"
        + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
    assertRejected(minter.token().subject("user-1").rawHeaderJson(header).sign(), Reason.MALFORMED)
        .hasMessageStartingWith("header is not a strict json object: nested deeper than 32");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void rejectsDuplicateJsonKeysInTheHeader() {
    String header =
        "{\"typ\":\"JWT\",\"kid\":\"" + minter.currentKeyId() + "\",\"alg\":\"ES256\",\"iss\":\"" + minter.issuer()
            + "\",\"client\":\"" + minter.clientId() + "\",\"signer\":\"" + minter.signerArn()
            + "\",\"signer\":\"arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/evil/0123456789abcdef\""
            + ",\"exp\":" + START.plusSeconds(120).getEpochSecond() + "}";
    assertRejected(minter.token().subject("user-1").rawHeaderJson(header).sign(), Reason.MALFORMED)
        .hasMessageStartingWith("header is not a strict json object: duplicate key");
  }

  @Test
  void rejectsDuplicateJsonKeysInThePayloadAtAnyDepth() {
    assertRejected(minter.token().rawPayloadJson("{\"sub\":\"a\",\"sub\":\"b\"}").sign(), Reason.MALFORMED)
        .hasMessageStartingWith("payload is not a strict json object: duplicate key");
    // nimbus-jose-jwt (shaded Gson) silently keeps the last of nested duplicates; we refuse them
    assertRejected(
            minter.token().rawPayloadJson("{\"sub\":\"a\",\"o\":{\"role\":\"user\",\"role\":\"admin\"}}").sign(),
            Reason.MALFORMED)
        .hasMessageStartingWith("payload is not a strict json object: duplicate key");
  }

  @Test
  void rejectsAPayloadWithoutSub() {
    assertRejected(minter.token().withoutClaim("sub").claim("email", "a@b").sign(), Reason.MALFORMED)
        .hasMessage("payload has no sub string but none");
    assertRejected(minter.token().claim("sub", 42).sign(), Reason.MALFORMED)
        .hasMessage("payload has no sub string but 42");
  }

  // ---- algorithm and header fields ------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "HS256", "RS256", "PS256", "ES384", "ES512", "es256", "ES256 ", "EdDSA"})
  void acceptsOnlyEs256(String alg) {
    assertRejected(minter.token().subject("user-1").header("alg", alg).sign(), Reason.UNSUPPORTED_ALGORITHM)
        .hasMessage("alg \"" + alg + "\" is not accepted; the alb signs with ES256");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void rejectsMissingOrMistypedAlg() {
    assertRejected(minter.token().subject("user-1").withoutHeader("alg").sign(), Reason.UNSUPPORTED_ALGORITHM)
        .hasMessage("alg none is not accepted; the alb signs with ES256");
    assertRejected(minter.token().subject("user-1").header("alg", List.of("ES256")).sign(), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void refusesCrit() {
    assertRejected(minter.token().subject("user-1").header("crit", List.of("exp")).sign(), Reason.CRITICAL_HEADER)
        .hasMessage("header has crit an array; no critical extension is accepted");
  }

  @Test
  void rejectsKidPathTraversalAndUrlTricksBeforeAnyRequest() {
    for (String kid : List.of("../../../etc/passwd", "..%2F..%2Fadmin", minter.currentKeyId() + "/../x",
        minter.currentKeyId() + "?x=1", minter.currentKeyId() + "#frag", "http://evil.example/key",
        minter.currentKeyId() + "\n", " " + minter.currentKeyId(), "00000000-0000-0000-0000-00000000000g", "")) {
      assertRejected(minter.token().subject("user-1").keyId(kid).sign(), Reason.MALFORMED);
    }
    assertRejected(minter.token().subject("user-1").keyId("../x").sign(), Reason.MALFORMED)
        .hasMessage("kid \"../x\" is not a uuid");
    assertRejected(minter.token().subject("user-1").withoutHeader("kid").sign(), Reason.MALFORMED)
        .hasMessage("header has no kid string but none");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void rejectsAKidTheKeyServerDoesNotKnow() {
    String kid = UUID.randomUUID().toString();
    assertRejected(minter.token().subject("user-1").keyId(kid).sign(), Reason.UNKNOWN_KEY)
        .hasMessage("key " + kid + " is unknown (the key server does not know it)");
  }

  @Test
  void signerIsMandatoryAndMustMatch() {
    assertRejected(minter.token().subject("user-1").withoutHeader("signer").sign(), Reason.SIGNER_MISMATCH)
        .hasMessage("header has no signer string but none");
    String other = "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/other/0123456789abcdef";
    assertRejected(minter.token().subject("user-1").header("signer", other).sign(), Reason.SIGNER_MISMATCH)
        .hasMessage("signer \"" + other + "\" is not one of the expected signers [" + minter.signerArn() + "]");
    assertRejected(minter.token().subject("user-1").header("signer", minter.signerArn() + " ").sign(), Reason.SIGNER_MISMATCH);
    assertRejected(minter.token().subject("user-1").header("signer", minter.signerArn().toUpperCase()).sign(), Reason.SIGNER_MISMATCH);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void issuerMustBeAllowedAndAgreeBetweenHeaderAndPayload() {
    assertRejected(minter.token().subject("user-1").header("iss", "https://evil.example").sign(), Reason.ISSUER_MISMATCH)
        .hasMessage("issuer \"https://evil.example\" is not one of the expected issuers [" + minter.issuer() + "]");
    assertRejected(minter.token().subject("user-1").claim("iss", "https://evil.example").sign(), Reason.ISSUER_MISMATCH)
        .hasMessage("payload iss \"https://evil.example\" differs from header iss \"" + minter.issuer() + "\"");
    assertRejected(minter.token().subject("user-1").withoutHeader("iss").sign(), Reason.MALFORMED);
  }

  @Test
  void clientMustBeAllowed() {
    assertRejected(minter.token().subject("user-1").header("client", "other-client").sign(), Reason.CLIENT_MISMATCH)
        .hasMessage("client \"other-client\" is not one of the expected client ids [" + minter.clientId() + "]");
    assertRejected(minter.token().subject("user-1").withoutHeader("client").sign(), Reason.MALFORMED);
  }

  // ---- signatures -----------------------------------------------------------------------------

  @Test
  void rejectsATamperedPayload() {
    String alice = minter.mint("alice", Map.of());
    String mallory = minter.mint("mallory", Map.of());
    String[] a = alice.split("\\.");
    String[] m = mallory.split("\\.");
    assertRejected(a[0] + "." + m[1] + "." + a[2], Reason.BAD_SIGNATURE)
        .hasMessage("signature does not verify with key " + minter.currentKeyId());
  }

  @Test
  void rejectsATamperedHeader() {
    String token = minter.mint("alice", Map.of());
    String other = minter.token().subject("alice").header("typ", "JOSE").sign();
    String[] t = token.split("\\.");
    String[] o = other.split("\\.");
    assertRejected(o[0] + "." + t[1] + "." + t[2], Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsTheUnpaddedTextOfAPaddedToken() {
    // the padding is part of what the ALB signed: stripping '=' must break the signature
    String token = minter.mint("alice", Map.of("email", "a@b.c"));
    String[] t = token.split("\\.");
    String stripped = t[0].replace("=", "") + "." + t[1].replace("=", "") + "." + t[2];
    if (!stripped.equals(token)) {
      assertRejected(stripped, Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void rejectsTruncatedAllZeroPsychicAndDerSignatures() {
    assertRejected(minter.token().subject("u").signature(new byte[0 + 32]), Reason.BAD_SIGNATURE)
        .hasMessage("signature is 32 bytes, an ES256 signature is 64 (R||S)");
    assertRejected(minter.token().subject("u").signature(new byte[64]), Reason.BAD_SIGNATURE); // r = s = 0
    byte[] der = new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}; // DER r = s = 0
    assertRejected(minter.token().subject("u").signature(der), Reason.BAD_SIGNATURE);
    byte[] n = fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    byte[] rsN = new byte[64];
    System.arraycopy(n, 0, rsN, 0, 32);
    System.arraycopy(n, 0, rsN, 32, 32);
    assertRejected(minter.token().subject("u").signature(rsN), Reason.BAD_SIGNATURE); // r = s = n
  }

  @Test
  void rejectsAZeroRWithARealSOrAZeroSWithARealR() {
    byte[] real = signatureBytes(minter.mint("alice", Map.of()));
    byte[] zeroR = real.clone();
    java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
    byte[] zeroS = real.clone();
    java.util.Arrays.fill(zeroS, 32, 64, (byte) 0);
    for (byte[] bad : List.of(zeroR, zeroS)) {
      assertRejected(minter.token().subject("alice").signature(bad), Reason.BAD_SIGNATURE)
          .hasMessage("signature does not verify with key " + minter.currentKeyId());
    }
  }

  @Test
  void rejectsARealSignatureCutShortWhileStillWellFormedBase64url() {
    String token = minter.token().subject("alice").unpadded().sign();
    String signature = token.substring(token.lastIndexOf('.') + 1);
    assertThat(signature).hasSize(86); // 64 bytes, unpadded
    String signingInput = token.substring(0, token.lastIndexOf('.') + 1);
    // 84 characters decode to 63 bytes, 43 to 32 bytes (a lone r), 82 + "==" to 61 bytes
    assertRejected(signingInput + signature.substring(0, 84), Reason.BAD_SIGNATURE)
        .hasMessage("signature is 63 bytes, an ES256 signature is 64 (R||S)");
    assertRejected(signingInput + signature.substring(0, 43), Reason.BAD_SIGNATURE)
        .hasMessage("signature is 32 bytes, an ES256 signature is 64 (R||S)");
    assertRejected(signingInput + signature.substring(0, 82) + "==", Reason.BAD_SIGNATURE)
        .hasMessage("signature is 61 bytes, an ES256 signature is 64 (R||S)");
    // 85 characters are one too many for 63 bytes and too few for 64: not base64url at all
    assertRejected(signingInput + signature.substring(0, 85), Reason.MALFORMED)
        .hasMessage("signature segment is not base64url (A-Z a-z 0-9 - _ and up to two =)");
  }

  @Test
  void rejectsATokenCutInsideThePayload() {
    String token = minter.mint("alice", Map.of("email", "alice@example.com"));
    int dot1 = token.indexOf('.');
    int dot2 = token.indexOf('.', dot1 + 1);
    String cut = token.substring(0, (dot1 + dot2) / 2);
    assertRejected(cut, Reason.MALFORMED).hasMessage("token has 2 segments, expected 3");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void rejectsTheClassicAlgNoneTokenWithAnEmptySignature() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}").replace("=", "");
    String payload = b64("{\"sub\":\"admin\",\"exp\":" + START.plusSeconds(60).getEpochSecond() + "}").replace("=", "");
    // the empty signature segment is refused while the segments are checked, before alg is read
    assertRejected(header + "." + payload + ".", Reason.MALFORMED)
        .hasMessage("signature segment is not base64url (A-Z a-z 0-9 - _ and up to two =)");
    // and with every header field the alb sets, alg none is still refused by name
    String minted = minter.token().subject("admin").header("alg", "none").sign();
    assertRejected(minted.substring(0, minted.lastIndexOf('.') + 1), Reason.MALFORMED);
    assertRejected(minted, Reason.UNSUPPORTED_ALGORITHM);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void neverFetchesAKeyFromTheTokenItselfWhenAnAttackerSignsWithHisOwn() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair attacker = g.generateKeyPair();
    ECPoint w = ((ECPublicKey) attacker.getPublic()).getW();
    Map<String, Object> jwk = Map.of("kty", "EC", "crv", "P-256", "x", coordinate(w.getAffineX()), "y", coordinate(w.getAffineY()));
    AtomicInteger attackerRequests = new AtomicInteger();
    HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    evil.createContext("/", exchange -> {
      attackerRequests.incrementAndGet();
      byte[] body = ("{\"keys\":[" + jwkJson(jwk) + "]}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    evil.start();
    try {
      String base = "http://127.0.0.1:" + evil.getAddress().getPort();
      for (String kid : List.of(minter.currentKeyId(), UUID.randomUUID().toString())) {
        String token = minter.token()
            .subject("admin")
            .keyId(kid)
            .header("jwk", jwk)
            .header("jku", base + "/jwks.json")
            .header("x5u", base + "/cert.pem")
            .signWith(attacker.getPrivate())
            .sign();
        assertRejected(token, kid.equals(minter.currentKeyId()) ? Reason.BAD_SIGNATURE : Reason.UNKNOWN_KEY);
      }
    } finally {
      evil.stop(0);
    }
    assertThat(attackerRequests).hasValue(0);
    assertThat(server.requestCount()).isEqualTo(2); // the known kid and the unknown one, from our own key url
  }

  @Test
  void rejectsTheRealSignatureInDerForm() {
    String token = minter.mint("alice", Map.of());
    byte[] rs = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    assertRejected(minter.token().subject("alice").signature(io.github.albauth.core.internal.P256.toDer(rs)), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsKeySubstitutionUnderAKnownKid() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    PrivateKey attacker = g.generateKeyPair().getPrivate();
    assertRejected(minter.token().subject("admin").signWith(attacker).sign(), Reason.BAD_SIGNATURE);
  }

  // ---- time -----------------------------------------------------------------------------------

  @Test
  void expiryHonoursTheClockSkew() {
    String token = minter.mint("user-1", Map.of());
    clock.advance(Duration.ofMinutes(2).plusSeconds(10));
    assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    clock.advance(Duration.ofSeconds(1));
    assertRejected(token, Reason.EXPIRED)
        .hasMessage("token expired 11000 milliseconds ago at 2026-11-23T12:02:00Z. Current time: 2026-11-23T12:02:11Z."
            + " Allowed clock skew: PT10S.");
  }

  @Test
  void checksThePayloadExpToo() {
    String token = minter.token().subject("user-1").claim("exp", START.minusSeconds(60).getEpochSecond()).sign();
    assertRejected(token, Reason.EXPIRED).hasMessageStartingWith("token expired 60000 milliseconds ago at 2026-11-23T11:59:00Z.");
  }

  @Test
  void checksTheHeaderExpToo() {
    String token = minter.token().subject("user-1").header("exp", START.minusSeconds(60).getEpochSecond()).sign();
    assertRejected(token, Reason.EXPIRED);
  }

  @Test
  void rejectsTokensWithoutOrWithNonNumericExp() {
    assertRejected(minter.token().subject("u").withoutHeader("exp").withoutClaim("exp").sign(), Reason.MALFORMED)
        .hasMessage("token has no exp");
    assertRejected(minter.token().subject("u").header("exp", "tomorrow").sign(), Reason.MALFORMED)
        .hasMessage("header exp is not a number but \"tomorrow\"");
    assertRejected(minter.token().subject("u").header("exp", Long.MAX_VALUE).sign(), Reason.MALFORMED)
        .hasMessage("header exp " + Long.MAX_VALUE + " is out of range");
  }

  @Test
  void rejectsNbfAndIatInTheFuture() {
    assertRejected(minter.token().subject("u").claim("nbf", START.plusSeconds(60).getEpochSecond()).sign(), Reason.NOT_YET_VALID)
        .hasMessage("token is not valid before 2026-11-23T12:01:00Z. Current time: 2026-11-23T12:00:00Z. Allowed clock skew: PT10S.");
    assertRejected(minter.token().subject("u").claim("iat", START.plusSeconds(60).getEpochSecond()).sign(), Reason.NOT_YET_VALID)
        .hasMessageStartingWith("token was issued in the future at 2026-11-23T12:01:00Z.");
    String withinSkew = minter.token().subject("u").claim("nbf", START.plusSeconds(5).getEpochSecond()).sign();
    assertThat(verifier.verify(withinSkew).subject()).isEqualTo("u");
  }

  // ---- messages never carry the token ---------------------------------------------------------

  @Test
  void messagesNeverContainTheToken() {
    String token = minter.mint("user-1", Map.of());
    String[] t = token.split("\\.");
    for (String bad : List.of(t[0] + "." + t[1] + "." + t[2].substring(4) + "AAAA", t[0] + "." + t[1], token + "x")) {
      try {
        verifier.verify(bad);
      } catch (AlbTokenException e) {
        assertThat(e.getMessage()).doesNotContain(t[1]).doesNotContain(t[2]);
      }
    }
  }

  @Test
  void aFailingCustomKeySourceFailsClosed() {
    AlbTokenVerifier failing = AlbTokenVerifier.builder()
        .requireSigner(minter.signerArn())
        .clock(clock)
        .publicKeySource((kid, region) -> {
          throw new IllegalStateException("vault sealed");
        })
        .build();
    assertThatThrownBy(() -> failing.verify(minter.mint("u", Map.of())))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE)
        .hasMessage("public key source failed for key " + minter.currentKeyId() + ": java.lang.IllegalStateException: vault sealed");
  }

  @Test
  void highSSignaturesAreAccepted() {
    // ES256 does not require low-S and signers do not normalise it: rejecting high S would reject
    // about half of all genuine tokens. Only r, s outside [1, n-1] are refused.
    java.math.BigInteger halfN = new java.math.BigInteger(1,
        fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")).shiftRight(1);
    for (int i = 0; i < 200; i++) {
      String token = minter.mint("user-" + i, Map.of());
      byte[] rs = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
      java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(rs, 32, 64));
      if (s.compareTo(halfN) > 0) {
        assertThat(verifier.verify(token).subject()).isEqualTo("user-" + i);
        return;
      }
    }
    throw new AssertionError("no high-S signature in 200 tokens");
  }

  private static byte[] signatureBytes(String token) {
    return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }

  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  private static String jwkJson(Map<String, Object> jwk) {
    StringBuilder json = new StringBuilder("{");
    jwk.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
    return json.append('}').toString();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] fromHex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
