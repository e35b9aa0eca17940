package io.github.albauth.spring.boot.autoconfigure;

import static io.github.albauth.spring.security.AlbAuthConfigurer.albAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application's own chain, the README's: rules by URL and by method, excluded paths declared
 * once (as {@code albauth.exclude-paths}), CSRF on, and logout through Spring's logout ending at
 * the IdP.
 */
@SpringBootTest(classes = {SecuredApplicationTest.App.class, ApplicationChainTest.Chain.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "albauth.exclude-paths=/health",
        "albauth.logout.path=/logout",
        "albauth.logout.url=https://idp.example.com/logout?client_id={clientId}&return={returnTo}",
        "albauth.logout.return-to=https://app.example.com/bye"})
class ApplicationChainTest extends SecuredApplicationTest {

  @Configuration(proxyBeanMethods = false)
  static class Chain {

    // --- README: SecurityFilterChain ---
    @Bean
    SecurityFilterChain app(HttpSecurity http) throws Exception {
      http.with(albAuth(), withDefaults())       // the ALB's user, refusals, excluded paths, logout
          .authorizeHttpRequests(rules -> rules
              .requestMatchers("/admin/**").hasRole("admin")
              .anyRequest().authenticated())
          .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
      return http.build();
    }
    // --- end ---
  }

  @Test
  void urlRulesUseTheAuthoritiesFromTheUsersGroups() {
    assertThat(AlbFixture.get(port, "/admin/report", ALB.token("ann@corp.example", "admin"))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> user = AlbFixture.get(port, "/admin/report",
        ALB.token("bob@corp.example", "staff"));
    assertThat(user.statusCode()).isEqualTo(403);
    assertThat(user.body()).isEqualTo("forbidden\n");
    assertThat(AlbFixture.get(port, "/admin/report", null).statusCode()).isEqualTo(401);
  }

  @Test
  void excludedPathsNeedNoRuleOfTheirOwn() {
    assertThat(AlbFixture.get(port, "/health", null).statusCode()).isEqualTo(200);
    assertThat(AlbFixture.get(port, "/healthz", null).statusCode()).isEqualTo(401);
  }

  @Test
  void logoutExpiresTheAlbCookiesAndRedirectsToTheIdp() {
    String token = ALB.token("ann@corp.example");
    HttpResponse<String> csrf = AlbFixture.get(port, "/csrf", token);
    assertThat(csrf.statusCode()).isEqualTo(200);
    String[] header = csrf.body().split(":", 2);
    String session = csrf.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

    HttpResponse<String> logout = AlbFixture.post(port, "/logout", token, header[0], header[1],
        "Cookie", session + "; AWSELBAuthSessionCookie-0=a; AWSELBAuthSessionCookie-5=b");

    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location")).hasValue("https://idp.example.com/logout"
        + "?client_id=" + ALB.minter.clientId() + "&return=https%3A%2F%2Fapp.example.com%2Fbye");
    List<String> cookies = logout.headers().allValues("Set-Cookie");
    for (String shard : List.of("-0", "-1", "-2", "-3", "-5")) {
      assertThat(cookies).anySatisfy(cookie -> assertThat(cookie)
          .startsWith("AWSELBAuthSessionCookie" + shard + "=").contains("Max-Age=0"));
    }
  }

  @Test
  void logoutNeedsPostAndTheCsrfToken() {
    String token = ALB.token("ann@corp.example");
    HttpResponse<String> withoutCsrf = AlbFixture.post(port, "/logout", token);
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(withoutCsrf.body()).isEqualTo("forbidden\n");
    assertThat(withoutCsrf.headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith("AWSELBAuthSessionCookie"));
    HttpResponse<String> get = AlbFixture.get(port, "/logout", token);
    assertThat(get.statusCode()).as("not a logout: no such page").isEqualTo(404);
    assertThat(get.headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith("AWSELBAuthSessionCookie"));
  }
}
