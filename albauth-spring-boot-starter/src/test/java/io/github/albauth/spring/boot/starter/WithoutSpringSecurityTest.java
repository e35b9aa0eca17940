package io.github.albauth.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application with the starter and without Spring Security: the filter is a
 * servlet filter on embedded Tomcat, configured by {@code albauth.*} properties alone.
 */
@SpringBootTest(classes = WithoutSpringSecurityTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "albauth.exclude-paths=/health",
        "albauth.role-mapping.Admins=admin",
        "albauth.filter.url-patterns[0]=/whoami",
        "albauth.filter.url-patterns[1]=/health",
        "albauth.filter.dispatcher-types=request"})
class WithoutSpringSecurityTest {

  private static final AlbTokenMinter MINTER = AlbTokenMinter.create();
  private static final AlbKeyServer KEYS = AlbKeyServer.start(MINTER);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  FilterRegistrationBean<AlbAuthenticationFilter> registration;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Controller.class)
  static class App {}

  @RestController
  static class Controller {
    @GetMapping("/whoami")
    String whoami(Principal principal, HttpServletRequest request) {
      AlbPrincipal user = (AlbPrincipal) principal;
      return user.getName() + " " + user.subject() + " admin=" + request.isUserInRole("admin");
    }

    @GetMapping({"/health", "/unfiltered"})
    String open() {
      return "ok";
    }
  }

  @DynamicPropertySource
  static void albauth(DynamicPropertyRegistry registry) {
    AlbTestEnvironment.of(MINTER, KEYS).properties()
        .forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stop() {
    KEYS.close();
  }

  @Test
  void theRequestsPrincipalIsTheAlbPrincipal() throws Exception {
    String token = MINTER.mint("sub-ann", Map.of("email", "ann@corp.example",
        "groups", List.of("Admins")));
    HttpResponse<String> response = get("/whoami", token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ann@corp.example sub-ann admin=true");
  }

  @Test
  void refusalsAreTheFiltersOwn() throws Exception {
    HttpResponse<String> missing = get("/whoami", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("unauthorized\n");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theRegistrationFollowsTheFilterKeys() throws Exception {
    assertThat(registration.isEnabled()).isTrue();
    assertThat(registration.getOrder()).isEqualTo(-110);
    assertThat(registration.getUrlPatterns()).containsExactly("/whoami", "/health");
    assertThat(get("/unfiltered", null).statusCode()).as("outside the URL patterns").isEqualTo(200);
    // DispatcherType.REQUEST only, as configured
    java.lang.reflect.Field types = org.springframework.boot.web.servlet.AbstractFilterRegistrationBean
        .class.getDeclaredField("dispatcherTypes");
    types.setAccessible(true);
    assertThat(types.get(registration)).isEqualTo(java.util.EnumSet.of(DispatcherType.REQUEST));
  }

  private HttpResponse<String> get(String path, @Nullable String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("x-amzn-oidc-data", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
