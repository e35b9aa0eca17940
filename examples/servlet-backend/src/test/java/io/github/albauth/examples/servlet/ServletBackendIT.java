package io.github.albauth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example as a user runs it: development mode, the printed curl command, both endpoints. */
class ServletBackendIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void developmentModePrintsAWorkingCurlCommand() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ServletBackend backend = ServletBackend.start(Map.of(ServletBackend.PORT, "0",
        ServletBackend.DEFAULT_GROUPS, "jira-software-users"),
        new PrintStream(console, true, StandardCharsets.UTF_8))) {
      String printed = console.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("DEVELOPMENT MODE", "Never run it like this in production");
      Matcher curl = Pattern.compile("curl -s -H 'x-amzn-oidc-data: ([^']+)' (http://\\S+)")
          .matcher(printed);
      assertThat(curl.find()).isTrue();
      assertThat(curl.group(1)).isEqualTo(backend.devToken());

      HttpResponse<String> whoami = HTTP.send(HttpRequest.newBuilder(URI.create(curl.group(2)))
          .header("x-amzn-oidc-data", curl.group(1)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(whoami.statusCode()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(whoami.body());
      // preset "other": the username is the email claim, as AlbIdentity.username() says
      assertThat(body.get("username").asText()).isEqualTo("dev.user@example.com");
      assertThat(body.get("subject").asText()).isEqualTo("dev-user-1");
      assertThat(body.get("groups").toString())
          .contains("developers", "app-users", "jira-software-users");
      assertThat(body.get("attributes").get("email").asText()).isEqualTo("dev.user@example.com");

      URI base = URI.create("http://localhost:" + backend.port());
      assertThat(HTTP.send(HttpRequest.newBuilder(base.resolve("/whoami")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(base.resolve("/health"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(Objects.requireNonNull(backend.devToken())).doesNotContain(" ");
    }
  }

  @Test
  void withARealSignerThereIsNoDevelopmentMode() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ServletBackend backend = ServletBackend.start(Map.of(ServletBackend.PORT, "0",
        "albauth.expected-signers",
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/prod/50dc6c495c0c9188"),
        new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("DEVELOPMENT MODE");
      assertThat(backend.devToken()).isNull();
      HttpResponse<String> whoami = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + backend.port() + "/whoami")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(whoami.statusCode()).isEqualTo(401);
    }
  }
}
