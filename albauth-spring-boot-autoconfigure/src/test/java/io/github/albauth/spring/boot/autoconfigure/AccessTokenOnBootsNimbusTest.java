package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.IdpTokenMinter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Access-token groups ({@code albauth.access-token.groups}) in a Spring Boot 3.5 application, with
 * the nimbus-jose-jwt that such an application resolves (9.37.x through spring-security 6.5), not
 * the 10.x albauth is built with: the combination a Boot user gets works.
 */
@TestPropertySource(properties = "albauth.access-token.groups=true")
class AccessTokenOnBootsNimbusTest extends SecuredApplicationTest {

  private static final IdpTokenMinter IDP = IdpTokenMinter.create();

  @DynamicPropertySource
  static void accessTokens(DynamicPropertyRegistry registry) {
    ALB.keys.serveJwks(IDP);
    registry.add("albauth.access-token.issuer", IDP::issuer);
    registry.add("albauth.access-token.audiences", IDP::clientId);
    registry.add("albauth.access-token.jwks-url", () -> ALB.keys.jwksUri().toString());
  }

  @Test
  void theTestRunsOnSpringBootsNimbus() throws Exception {
    Path jar = Path.of(com.nimbusds.jose.JWSObject.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    assertThat(jar.getFileName().toString()).startsWith("nimbus-jose-jwt-9.37.");
  }

  @Test
  void theAccessTokensGroupsBecomeAuthorities() {
    String alb = ALB.minter.mint("sub-ann", Map.of("email", "ann@corp.example"));
    String access = IDP.token().subject("sub-ann").groups("admin").sign();

    HttpResponse<String> admin = AlbFixture.get(port, "/admin/report", alb,
        "x-amzn-oidc-accesstoken", access);
    assertThat(admin.statusCode()).isEqualTo(200);

    HttpResponse<String> forged = AlbFixture.get(port, "/admin/report", alb,
        "x-amzn-oidc-accesstoken", access.substring(0, access.length() - 4) + "AAAA");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(AlbFixture.get(port, "/admin/report", alb).statusCode())
        .as("no access token").isEqualTo(401);
  }
}
