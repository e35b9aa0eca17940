package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.spring.security.AlbAuthentication;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;

/**
 * Spring Boot with Spring Security and method security, and no chain of the application's own:
 * albauth's default chain, on embedded Tomcat, with tokens of the test kit's minter verified
 * against its key server.
 */
@TestPropertySource(properties = {"albauth.exclude-paths=/health",
    "albauth.role-mapping=Admins=admin"})
class DefaultChainTest extends SecuredApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  List<SecurityFilterChain> chains;

  @Autowired
  AlbAuthenticationFilter filter;

  @Test
  void theControllerSeesTheAlbPrincipalAndItsRolesAsAuthorities() throws Exception {
    HttpResponse<String> response = AlbFixture.get(port, "/whoami",
        ALB.token("ann@corp.example", "Admins", "staff"));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<?, ?> me = JSON.readValue(response.body(), Map.class);
    assertThat(me.get("name")).isEqualTo("ann@corp.example");
    assertThat(me.get("subject")).isEqualTo("sub-ann@corp.example");
    assertThat(me.get("groups")).isEqualTo(List.of("Admins", "staff"));
    assertThat(me.get("authentication")).isEqualTo(AlbAuthentication.class.getName());
    assertThat(me.get("authorities")).isEqualTo(List.of("ROLE_admin", "ROLE_staff"));
    assertThat(me.get("requestPrincipal")).isEqualTo(AlbPrincipal.class.getName());
    assertThat(me.get("principalParameter")).isEqualTo(AlbPrincipal.class.getName());
    assertThat(me.get("remoteUser")).isEqualTo("ann@corp.example");
    assertThat(me.get("isUserInRoleAdmin")).isEqualTo(true);
    assertThat(response.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
  }

  @Test
  void methodSecurityLetsAdminsInAndAnswersOthersWithAlbauths403() {
    assertThat(AlbFixture.get(port, "/admin/report", ALB.token("ann@corp.example", "Admins"))
        .statusCode()).isEqualTo(200);

    HttpResponse<String> user = AlbFixture.get(port, "/admin/report",
        ALB.token("bob@corp.example", "staff"));
    assertThat(user.statusCode()).isEqualTo(403);
    assertThat(user.body()).isEqualTo("forbidden\n");
  }

  @Test
  void noTokenIs401WithoutAnyOtherWayToSignIn() {
    HttpResponse<String> response = AlbFixture.get(port, "/whoami", null,
        "Authorization", "Basic dXNlcjpwYXNzd29yZA==");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("unauthorized\n");
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("no HTTP Basic").isEmpty();
    assertThat(AlbFixture.get(port, "/login", null).statusCode()).as("no login form").isEqualTo(401);
    assertThat(AlbFixture.post(port, "/login", null).statusCode()).isIn(401, 403);
  }

  @Test
  void aForgedOrExpiredTokenIs401() {
    String forged = ALB.token("ann@corp.example", "Admins");
    forged = forged.substring(0, forged.length() - 4) + "AAAA";
    assertThat(AlbFixture.get(port, "/whoami", forged).statusCode()).isEqualTo(401);
  }

  @Test
  void theKeyEndpointDownIs503WithRetryAfterNot401() {
    ALB.minter.rotateKey();
    ALB.keys.down();
    try {
      HttpResponse<String> response = AlbFixture.get(port, "/whoami",
          ALB.token("ann@corp.example", "Admins"));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("unavailable\n");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    } finally {
      ALB.keys.healthy();
      ALB.minter.rotateKey();
    }
    assertThat(filter.statistics().unavailable()).isPositive();
  }

  @Test
  void excludedPathsAreDeclaredOnceAsTheKey() {
    HttpResponse<String> response = AlbFixture.get(port, "/health", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void theDefaultChainIsAlbauthsAndTheFilterRunsInItOnly() {
    assertThat(chains).hasSize(1);
    assertThat(chains.get(0).getFilters()).anySatisfy(f ->
        assertThat(f.getClass().getSimpleName()).isEqualTo("AlbSecurityFilter"));
    assertThat(chains.get(0).getFilters()).noneSatisfy(f ->
        assertThat(f.getClass().getSimpleName()).isIn("BasicAuthenticationFilter",
            "UsernamePasswordAuthenticationFilter", "DefaultLoginPageGeneratingFilter"));
    long before = filter.statistics().authenticated();
    AlbFixture.get(port, "/whoami", ALB.token("ann@corp.example"));
    assertThat(filter.statistics().authenticated()).as("once per request").isEqualTo(before + 1);
  }
}
