package io.github.albauth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as a user runs it: development mode, the printed curl command, both endpoints, and
 * the packaged jar on a port that is taken.
 */
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
  void theJarExitsWithOneLineThatNamesThePortSettingWhenThePortIsTaken(@TempDir Path dir)
      throws Exception {
    Path jar = Path.of("target", "servlet-backend.jar");
    assertThat(jar).as("the packaged demo (run the ITs with mvn verify)").exists();
    Path output = dir.resolve("output.txt");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ProcessBuilder command = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dalbauth.port=" + taken.getLocalPort(), "-jar", jar.toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      command.environment().keySet().removeIf(name -> name.startsWith("ALBAUTH_"));
      Process demo = command.start();
      // a bound on a hang, not a speed check: before the fix the JVM never exited
      if (!demo.waitFor(2, TimeUnit.MINUTES)) {
        demo.destroyForcibly();
        fail("the demo did not exit; its output:%n%s", Files.readString(output));
      }

      List<String> lines = Files.readAllLines(output);
      assertThat(demo.exitValue()).as("exit status; output: %s", lines).isNotZero();
      assertThat(lines).last().isEqualTo("servlet-backend: port " + taken.getLocalPort()
          + " is already in use; choose another with -Dalbauth.port=<port> or ALBAUTH_PORT=<port>");
      assertThat(lines).noneMatch(line -> line.contains("Exception"));
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
