package io.github.albauth.core;

import io.github.albauth.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException.Reason;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.IdpTokenMinter;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** x-amzn-oidc-accesstoken verification against the IdP's JWKS, and group extraction per preset. */
class AccessTokenVerifierTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final IdpTokenMinter idp = IdpTokenMinter.builder().clock(clock).build();
  private final AlbKeyServer server = AlbKeyServer.start();

  AccessTokenVerifierTest() {
    server.serveJwks(idp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AccessTokenVerifier verifier(IdpPreset preset) {
    return AccessTokenVerifier.builder()
        .idp(preset)
        .requireIssuer(idp.issuer())
        .requireAudience(idp.clientId())
        .jwksUri(server.jwksUri().toString())
        .clock(clock)
        .build();
  }

  @Test
  void cognitoAccessTokenExposesGroupsAndScopes() {
    String token = idp.token().subject("user-1").cognitoGroups("admins", "ops").scope("openid", "email").sign();
    AccessToken at = verifier(IdpPreset.COGNITO).verify(token);
    assertThat(at.subject()).isEqualTo("user-1");
    assertThat(at.clientId()).isEqualTo(idp.clientId());
    assertThat(at.groups()).containsExactly("admins", "ops");
    assertThat(at.scopes()).containsExactly("openid", "email");
    assertThat(at.issuer()).isEqualTo(idp.issuer());
    assertThat(at.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void cognitoRequiresTokenUseAccess() {
    String idToken = idp.token().subject("user-1").tokenUse("id").sign();
    assertThatThrownBy(() -> verifier(IdpPreset.COGNITO).verify(idToken))
        .hasFieldOrPropertyWithValue("reason", Reason.TOKEN_USE_MISMATCH)
        .hasMessage("token_use \"id\" is not \"access\"");
  }

  @Test
  void keycloakRealmAndClientRoles() {
    String token = idp.token().keycloak().subject("user-1")
        .realmRoles("offline_access", "admin").clientRoles(idp.clientId(), "editor").clientRoles("other", "x").sign();
    AccessToken at = verifier(IdpPreset.KEYCLOAK).verify(token);
    assertThat(at.groups()).containsExactly("offline_access", "admin", "editor");
    assertThat(at.clientId()).isEqualTo(idp.clientId());
  }

  @Test
  void entraAndOktaGroupClaims() {
    String token = idp.token().subject("u").groups("g1", "g2").roles("Reader").sign();
    assertThat(verifier(IdpPreset.ENTRA).verify(token).groups()).containsExactly("g1", "g2", "Reader");
    assertThat(verifier(IdpPreset.OKTA).verify(token).groups()).containsExactly("g1", "g2");
  }

  @Test
  void audienceIssuerAndExpiryAreChecked() {
    AccessTokenVerifier verifier = verifier(IdpPreset.OTHER);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").clientId("someone-else").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.AUDIENCE_MISMATCH);
    assertThat(verifier.verify(idp.token().subject("u").clientId("x").audience("a", idp.clientId()).sign()).subject())
        .isEqualTo("u");
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").claim("iss", "https://evil.example").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.ISSUER_MISMATCH);
    String token = idp.token().subject("u").sign();
    clock.advance(Duration.ofHours(1).plusSeconds(11));
    assertThatThrownBy(() -> verifier.verify(token)).hasFieldOrPropertyWithValue("reason", Reason.EXPIRED);
  }

  @Test
  void forgedAndHostileTokensAreRejected() throws Exception {
    AccessTokenVerifier verifier = verifier(IdpPreset.COGNITO);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").header("alg", "none").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.UNSUPPORTED_ALGORITHM);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").header("alg", "HS256").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.UNSUPPORTED_ALGORITHM);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").signWith(g.generateKeyPair().getPrivate()).sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").keyId(UUID.randomUUID().toString()).sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThatThrownBy(() -> verifier.verify(idp.token().subject("u").header("crit", List.of("exp")).sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.CRITICAL_HEADER);
    assertThatThrownBy(() -> verifier.verify(
            idp.token().rawPayloadJson("{\"iss\":\"" + idp.issuer() + "\",\"o\":{\"a\":1,\"a\":2}}").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.MALFORMED);
    assertThatThrownBy(() -> verifier.verify("not.a.jwt")).hasFieldOrPropertyWithValue("reason", Reason.MALFORMED);
    assertThatThrownBy(() -> verifier.verify(null)).hasFieldOrPropertyWithValue("reason", Reason.MALFORMED);
    assertThatThrownBy(() -> verifier.verify("a".repeat(70_000))).hasFieldOrPropertyWithValue("reason", Reason.TOO_LARGE);
  }

  @Test
  void manyVerificationsFetchTheJwksOnce() {
    AccessTokenVerifier verifier = verifier(IdpPreset.COGNITO);
    for (int i = 0; i < 50; i++) {
      assertThat(verifier.verify(idp.token().subject("user-" + i).sign()).subject()).isEqualTo("user-" + i);
    }
    assertThat(server.jwksRequestCount()).isEqualTo(1);
  }

  @Test
  void knownKeysKeepVerifyingWhenTheJwksEndpointFailsAfterTheFirstFetch() {
    AccessTokenVerifier verifier = verifier(IdpPreset.COGNITO);
    assertThat(verifier.verify(idp.token().subject("before").sign()).subject()).isEqualTo("before");
    assertThat(server.jwksRequestCount()).isEqualTo(1);

    server.failWith(500);
    assertThat(verifier.verify(idp.token().subject("during-500").sign()).subject()).isEqualTo("during-500");
    // an unknown kid forces a refresh, which fails: the failure must not evict the known key
    String unknownKid = idp.token().subject("u").keyId(UUID.randomUUID().toString()).sign();
    assertThatThrownBy(() -> verifier.verify(unknownKid)).hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY);
    assertThat(verifier.verify(idp.token().subject("after-refresh").sign()).subject()).isEqualTo("after-refresh");

    server.down();
    assertThat(verifier.verify(idp.token().subject("while-refused").sign()).subject()).isEqualTo("while-refused");
    assertThat(server.jwksRequestCount()).isEqualTo(2); // the first fetch and the one forced refresh
  }

  @Test
  void aJwksCacheTtlTooShortForTheRefreshAheadIsRefusedWithTheFix() {
    AccessTokenVerifier.Builder builder = AccessTokenVerifier.builder()
        .requireIssuer(idp.issuer()).requireAudience(idp.clientId()).jwksUri(server.jwksUri().toString())
        .jwksCacheTtl(Duration.ofSeconds(34));
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jwks cache ttl PT34S is shorter than PT35S (30 seconds of refresh-ahead, plus twice the jwks fetch"
            + " timeout, plus one second): raise jwksCacheTtl or lower jwksFetchTimeout");
    assertThatThrownBy(() -> AccessTokenVerifier.builder()
            .requireIssuer(idp.issuer()).requireAudience(idp.clientId()).jwksUri(server.jwksUri().toString())
            .jwksFetchTimeout(Duration.ofMinutes(3)).build())
        .hasMessageStartingWith("jwks cache ttl PT5M is shorter than PT6M31S");
    AccessTokenVerifier.builder()
        .requireIssuer(idp.issuer()).requireAudience(idp.clientId()).jwksUri(server.jwksUri().toString())
        .jwksCacheTtl(Duration.ofSeconds(35)).build();
  }

  @Test
  void jwksOutageBeforeTheFirstFetchIsKeyUnavailable() {
    server.down();
    assertThatThrownBy(() -> verifier(IdpPreset.COGNITO).verify(idp.token().subject("u").sign()))
        .hasFieldOrPropertyWithValue("reason", Reason.KEY_UNAVAILABLE);
  }

  @Test
  void buildSaysWhatIsMissing() {
    assertThatThrownBy(() -> AccessTokenVerifier.builder().idp(IdpPreset.GOOGLE).build())
        .hasMessage("google access tokens are opaque, not jwts: there is nothing to verify locally; drop the access token verifier");
    assertThatThrownBy(() -> AccessTokenVerifier.builder().requireAudience("c").build())
        .hasMessage("no issuer: call requireIssuer with the idp's issuer url");
    assertThatThrownBy(() -> AccessTokenVerifier.builder().requireIssuer("https://i.example").build())
        .hasMessage("no audience: call requireAudience with the client id the alb uses (or your api's audience)");
    assertThatThrownBy(() -> AccessTokenVerifier.builder().requireIssuer("https://i.example").requireAudience("c").build())
        .hasMessage("idp other has no jwks location pattern: call jwksUri with the idp's jwks url");
    assertThatThrownBy(() -> AccessTokenVerifier.builder().idp(IdpPreset.ENTRA).requireIssuer("https://sts.windows.net/t/")
            .requireAudience("c").build())
        .hasMessage("issuer \"https://sts.windows.net/t/\" is not https://login.microsoftonline.com/<tenant>/v2.0: call jwksUri");
    assertThatThrownBy(() -> AccessTokenVerifier.builder().requireIssuer("https://i.example").requireAudience("c")
            .jwksUri("http://i.example/jwks").build())
        .hasMessage("jwks uri \"http://i.example/jwks\" must use https (plain http is allowed only to a loopback host)");
    AccessTokenVerifier.builder().idp(IdpPreset.COGNITO)
        .requireIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf").requireAudience("c").build();
    AccessTokenVerifier.builder().idp(IdpPreset.ENTRA)
        .requireIssuer("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0").requireAudience("c").build();
  }

  @Test
  void presetsDescribeWhatVendorsSend() {
    assertThat(IdpPreset.ENTRA.usernameClaim()).isEqualTo("email"); // Graph userinfo has no upn/oid
    assertThat(IdpPreset.KEYCLOAK.usernameClaim()).isEqualTo("preferred_username");
    assertThat(IdpPreset.COGNITO.jwksPattern()).isEqualTo("{issuer}/.well-known/jwks.json");
    assertThat(IdpPreset.GOOGLE.jwksPattern()).isNull();
    assertThat(IdpPreset.fromConfigName(" ENTRA ")).isEqualTo(IdpPreset.ENTRA);
    for (IdpPreset p : IdpPreset.values()) {
      assertThat(p.tokenHeader()).isEqualTo("x-amzn-oidc-data");
      assertThat(IdpPreset.fromConfigName(p.configName())).isEqualTo(p);
    }
  }

  @Test
  void everyPresetHasItsJwksLocationAndLookupAttribute() {
    // preset -> {jwks location pattern, lookup attribute}; a new preset must be added here
    Map<IdpPreset, List<String>> expected = new EnumMap<>(IdpPreset.class);
    expected.put(IdpPreset.COGNITO, Arrays.asList("{issuer}/.well-known/jwks.json", "email"));
    expected.put(IdpPreset.ENTRA, Arrays.asList("https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys", "email"));
    expected.put(IdpPreset.OKTA, Arrays.asList("{issuer}/v1/keys", "email"));
    expected.put(IdpPreset.GOOGLE, Arrays.asList(null, "email")); // opaque access tokens: no jwks
    expected.put(IdpPreset.KEYCLOAK, Arrays.asList("{issuer}/protocol/openid-connect/certs", "email"));
    expected.put(IdpPreset.ONELOGIN, Arrays.asList("{issuer}/certs", "email"));
    expected.put(IdpPreset.OTHER, Arrays.asList(null, "email")); // jwksUri must be given
    assertThat(expected.keySet()).containsExactly(IdpPreset.values());
    expected.forEach((preset, values) -> {
      assertThat(preset.jwksPattern()).as(preset + " jwks").isEqualTo(values.get(0));
      assertThat(preset.lookupAttribute()).as(preset + " lookup").isEqualTo(values.get(1));
    });
  }
}
