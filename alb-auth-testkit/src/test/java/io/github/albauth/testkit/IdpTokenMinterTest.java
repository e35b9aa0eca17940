package io.github.albauth.testkit;

import static io.github.albauth.testkit.Tokens.headerJson;
import static io.github.albauth.testkit.Tokens.payloadJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdpTokenMinterTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  // one RSA key generation per class keeps the test fast
  private static final IdpTokenMinter IDP = IdpTokenMinter.builder()
      .issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool")
      .clientId("app-client")
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .build();

  @Test
  void mintsCognitoShapedRs256AccessTokens() throws Exception {
    String token = IDP.token().subject("alice").username("alice").cognitoGroups("admins", "staff").sign();

    assertThat(token).doesNotContain("=");
    assertThat(headerJson(token)).isEqualTo("{\"kid\":\"" + IDP.currentKeyId() + "\",\"alg\":\"RS256\"}");
    assertThat(payloadJson(token)).startsWith("{\"sub\":\"alice\",\"username\":\"alice\","
            + "\"cognito:groups\":[\"admins\",\"staff\"],"
            + "\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool\",\"client_id\":\"app-client\","
            + "\"token_use\":\"access\",\"scope\":\"openid\",\"iat\":" + NOW.getEpochSecond()
            + ",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + ",\"jti\":\"");
    assertThat(Tokens.verifies(token, IDP.publicKey(IDP.currentKeyId()), "SHA256withRSA")).isTrue();
  }

  @Test
  void groupAndRoleHelpersWriteTheVendorsClaims() {
    String token = IDP.token()
        .tokenUse("id")
        .clientId("other")
        .audience("api://one", "api://two")
        .scope("openid", "email")
        .groups("g1")
        .roles("Reader")
        .realmRoles("realm-admin")
        .clientRoles("app", "viewer")
        .clientRoles("account", "manage")
        .sign();

    assertThat(payloadJson(token))
        .contains("\"token_use\":\"id\"")
        .contains("\"client_id\":\"other\"")
        .contains("\"aud\":[\"api://one\",\"api://two\"]")
        .contains("\"scope\":\"openid email\"")
        .contains("\"groups\":[\"g1\"]")
        .contains("\"roles\":[\"Reader\"]")
        .contains("\"realm_access\":{\"roles\":[\"realm-admin\"]}")
        .contains("\"resource_access\":{\"app\":{\"roles\":[\"viewer\"]},\"account\":{\"roles\":[\"manage\"]}}");
    assertThat(payloadJson(IDP.token().audience("single").sign())).contains("\"aud\":\"single\"");
  }

  @Test
  void keycloakShape() {
    String token = IDP.token().keycloak().subject("bob").sign();

    assertThat(headerJson(token)).contains("\"typ\":\"JWT\"");
    assertThat(payloadJson(token))
        .contains("\"typ\":\"Bearer\"", "\"azp\":\"app-client\"", "\"aud\":\"account\"")
        .doesNotContain("token_use", "client_id");
  }

  @Test
  void jwksHoldsEveryKeyAsRs256Jwk() throws Exception {
    IdpTokenMinter idp = IdpTokenMinter.create();
    String first = idp.currentKeyId();
    String second = idp.rotateKey();

    String jwks = idp.jwksJson();

    assertThat(jwks).startsWith("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + first + "\",\"use\":\"sig\",\"alg\":\"RS256\"");
    for (String kid : new String[] {first, second}) {
      Matcher jwk = Pattern.compile("\"kid\":\"" + kid + "\".*?\"n\":\"([^\"]+)\",\"e\":\"([^\"]+)\"").matcher(jwks);
      assertThat(jwk.find()).isTrue();
      assertThat(jwk.group(1)).doesNotStartWith("AA").matches("[A-Za-z0-9_-]+");
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          new BigInteger(1, Base64.getUrlDecoder().decode(jwk.group(1))),
          new BigInteger(1, Base64.getUrlDecoder().decode(jwk.group(2)))));
      assertThat(key).isEqualTo(idp.publicKey(kid));
    }
    assertThat(Tokens.verifies(idp.mint("alice", Map.of()), idp.publicKey(second), "SHA256withRSA")).isTrue();
  }
}
