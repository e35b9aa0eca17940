package io.github.albauth.testkit;

import static io.github.albauth.testkit.Tokens.headerJson;
import static io.github.albauth.testkit.Tokens.payloadJson;
import static io.github.albauth.testkit.Tokens.segments;
import static io.github.albauth.testkit.Tokens.verifiesEs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.internal.Keys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbTokenMinterTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final String ARN =
      "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/my-alb/50dc6c495c0c9188";

  private final AlbTokenMinter minter = AlbTokenMinter.builder()
      .signerArn(ARN)
      .issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")
      .clientId("client-1")
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .build();

  @Test
  void everySegmentIsPaddedBase64UrlLikeTheAlb() {
    // claims chosen so the header, payload and 64-byte signature all need padding
    String token = minter.mint("alice", Map.of("email", "a@example.com"));

    for (String segment : segments(token)) {
      assertThat(segment).matches("^[A-Za-z0-9_-]+={0,2}$");
      assertThat(segment.length() % 4).isZero();
    }
    assertThat(segments(token)[2]).hasSize(88).endsWith("==");
    assertThat(token).contains("=");
  }

  @Test
  void headerHasTheAlbFieldsInOrder() {
    String token = minter.mint("alice", Map.of());

    long exp = NOW.plus(Duration.ofMinutes(2)).getEpochSecond();
    assertThat(headerJson(token)).isEqualTo("{\"typ\":\"JWT\",\"kid\":\"" + minter.currentKeyId()
        + "\",\"alg\":\"ES256\",\"iss\":\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc\""
        + ",\"client\":\"client-1\",\"signer\":\"" + ARN + "\",\"exp\":" + exp + "}");
    assertThat(minter.currentKeyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void payloadIsTheUserClaimsThenExpAndIss() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("email", "a@example.com");
    claims.put("email_verified", "true");
    claims.put("groups", List.of("a", "b"));
    claims.put("nothing", null);

    String token = minter.mint("alice", claims);

    long exp = NOW.plus(Duration.ofMinutes(2)).getEpochSecond();
    assertThat(payloadJson(token)).isEqualTo("{\"sub\":\"alice\",\"email\":\"a@example.com\""
        + ",\"email_verified\":\"true\",\"groups\":[\"a\",\"b\"],\"nothing\":null,\"exp\":" + exp
        + ",\"iss\":\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc\"}");
  }

  @Test
  void signatureIsEs256OverTheSegmentsExactlyAsEmitted() throws Exception {
    String token = minter.mint("alice", Map.of("name", "Alice"));

    assertThat(Tokens.signatureBytes(token)).hasSize(64);
    assertThat(verifiesEs256(token, minter.publicKey(minter.currentKeyId()))).isTrue();
    String[] parts = segments(token);
    String stripped = parts[0].replace("=", "") + "." + parts[1].replace("=", "") + "." + parts[2];
    assertThat(verifiesEs256(stripped, minter.publicKey(minter.currentKeyId())))
        .as("the padded text is what was signed").isFalse();
  }

  @Test
  void unpaddedTokensHaveNoPaddingAndStillVerify() throws Exception {
    String token = minter.token().subject("alice").unpadded().sign();

    assertThat(token).doesNotContain("=");
    assertThat(verifiesEs256(token, minter.publicKey(minter.currentKeyId()))).isTrue();
  }

  @Test
  void signingInputIsTheFirstTwoSegments() {
    AlbTokenMinter.TokenBuilder builder = minter.token().subject("alice");
    String token = builder.sign();

    assertThat(token).startsWith(builder.signingInput() + ".");
  }

  @Test
  void headerAndClaimsCanBeOverriddenAndDropped() {
    String token = minter.token()
        .subject("alice")
        .header("alg", "none")
        .header("jku", "https://evil.example/keys")
        .withoutHeader("signer")
        .claim("iss", "https://other.example")
        .withoutClaim("exp")
        .sign();

    assertThat(headerJson(token)).contains("\"alg\":\"none\"").contains("\"jku\":\"https://evil.example/keys\"")
        .doesNotContain("signer");
    assertThat(payloadJson(token)).isEqualTo("{\"sub\":\"alice\",\"iss\":\"https://other.example\"}");
  }

  @Test
  void expiresAtSetsHeaderAndPayloadExp() {
    Instant exp = NOW.minusSeconds(30);
    String token = minter.token().subject("alice").expiresAt(exp).sign();

    assertThat(headerJson(token)).contains("\"exp\":" + exp.getEpochSecond());
    assertThat(payloadJson(token)).contains("\"exp\":" + exp.getEpochSecond());
    assertThat(payloadJson(minter.token().expiresIn(Duration.ofSeconds(-5)).sign()))
        .contains("\"exp\":" + NOW.minusSeconds(5).getEpochSecond());
    assertThat(payloadJson(minter.token().claim("exp", 1).expiresAt(exp).sign()))
        .isEqualTo("{\"exp\":" + exp.getEpochSecond() + ",\"iss\":\"" + minter.issuer() + "\"}");
  }

  @Test
  void rawJsonIsEmittedByteForByte() throws Exception {
    String header = "{\"alg\":\"ES256\",\"alg\":\"none\", \"kid\":\"" + minter.currentKeyId() + "\"}";
    String payload = "{\"sub\":\"alice\",\"sub\":\"mallory\"}";

    String token = minter.token().rawHeaderJson(header).rawPayloadJson(payload).sign();

    assertThat(headerJson(token)).isEqualTo(header);
    assertThat(payloadJson(token)).isEqualTo(payload);
    assertThat(verifiesEs256(token, minter.publicKey(minter.currentKeyId()))).isTrue();
  }

  @Test
  void explicitSignatureBytesReplaceTheSignature() {
    String token = minter.token().subject("alice").signature(new byte[64]);

    assertThat(Tokens.signatureBytes(token)).containsOnly(0).hasSize(64);
    assertThat(segments(token)[2]).isEqualTo("A".repeat(86) + "==");
  }

  @Test
  void signWithSubstitutesTheKey() throws Exception {
    KeyPair attacker = Keys.ecKeyPair("secp256r1");

    String token = minter.token().subject("alice").signWith(attacker.getPrivate()).sign();

    assertThat(headerJson(token)).contains(minter.currentKeyId());
    assertThat(verifiesEs256(token, attacker.getPublic())).isTrue();
    assertThat(verifiesEs256(token, minter.publicKey(minter.currentKeyId()))).isFalse();
  }

  @Test
  void rotationKeepsOldKeysAndSignsWithTheNewOne() throws Exception {
    String oldKid = minter.currentKeyId();
    String oldToken = minter.mint("alice", Map.of());

    String newKid = minter.rotateKey();

    assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(minter.currentKeyId());
    assertThat(minter.publicKeys()).containsOnlyKeys(oldKid, newKid);
    assertThat(minter.publicKeys().keySet()).containsExactly(oldKid, newKid);
    String newToken = minter.mint("alice", Map.of());
    assertThat(headerJson(newToken)).contains(newKid);
    assertThat(verifiesEs256(newToken, minter.publicKey(newKid))).isTrue();
    assertThat(verifiesEs256(oldToken, minter.publicKey(oldKid))).isTrue();
    // an old kid still signs with its own key
    String pinned = minter.token().keyId(oldKid).sign();
    assertThat(verifiesEs256(pinned, minter.publicKey(oldKid))).isTrue();
  }

  @Test
  void unknownKidIsSignedWithTheCurrentKey() throws Exception {
    String token = minter.token().keyId("../../etc/passwd").sign();

    assertThat(headerJson(token)).contains("\"kid\":\"../../etc/passwd\"");
    assertThat(verifiesEs256(token, minter.publicKey(minter.currentKeyId()))).isTrue();
    assertThatThrownBy(() -> minter.publicKey("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown kid: ../../etc/passwd; see publicKeys() for the known ones");
  }

  @Test
  void createHasTheDocumentedDefaults() {
    AlbTokenMinter defaults = AlbTokenMinter.create();

    assertThat(defaults.signerArn())
        .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/test-alb/[0-9a-f]{16}");
    assertThat(defaults.region()).isEqualTo("us-east-1");
    assertThat(defaults.issuer()).isEqualTo("https://idp.example.test");
    assertThat(defaults.clientId()).isEqualTo("test-client");
    assertThat(defaults.publicKeys()).hasSize(1);
    assertThat(minter.region()).isEqualTo("eu-west-1");
  }

  @Test
  void builderRefusesOptionsSetTwiceAndNonAlbArns() {
    assertThatThrownBy(() -> AlbTokenMinter.builder().issuer("a").issuer("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("issuer was already set to a");
    assertThatThrownBy(() -> AlbTokenMinter.builder().signerArn("arn:aws:s3:::bucket").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("signer arn is not an alb arn: arn:aws:s3:::bucket; expected "
            + "arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>");
    AlbTokenMinter govCloud = AlbTokenMinter.builder().signerArn(
        "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/app/x/0123456789abcdef").build();
    assertThat(govCloud.region()).isEqualTo("us-gov-west-1");
  }
}
