package io.github.albauth.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example as a user runs it: development mode's printed curl commands work (a user is
 * provisioned with the default group and signed in, an administrator reaches what
 * {@code @PreAuthorize} guards and a user does not, health is open), behind a real ALB there is no
 * development mode, and the executable jar starts.
 */
class SpringBootExampleIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern CURL_WITH_TOKEN =
      Pattern.compile("curl -s (?:-o /dev/null -w '\\S+' )?-H 'x-amzn-oidc-data: ([^']+)' (http://\\S+)");
  private static final Pattern CURL_HEALTH = Pattern.compile("curl -s (http://\\S+/actuator/health)");

  private static HttpResponse<String> get(String url, @Nullable String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("x-amzn-oidc-data", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void developmentModePrintsCurlCommandsThatWork() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ConfigurableApplicationContext app = SpringBootExample.run(
        new PrintStream(console, true, StandardCharsets.UTF_8), "--server.port=0")) {
      String printed = console.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("DEVELOPMENT MODE", "Never run it like this in production");
      assertThat(app.getEnvironment().getProperty("server.address"))
          .as("it trusts its own keys: loopback only").isEqualTo("127.0.0.1");
      // token and URL of each printed command: the user's whoami, the user's and the admin's report
      List<String[]> commands = new ArrayList<>();
      Matcher curl = CURL_WITH_TOKEN.matcher(printed);
      while (curl.find()) {
        commands.add(new String[] {curl.group(1), curl.group(2)});
      }
      assertThat(commands).hasSize(3);
      String whoamiUrl = commands.get(0)[1];

      HttpResponse<String> whoami = get(whoamiUrl, commands.get(0)[0]);
      assertThat(whoami.statusCode()).isEqualTo(200);
      assertThat(whoami.body()).contains("\"username\":\"dev.user@example.com\"",
          "\"subject\":\"dev-user-1\"", "\"developers\"", "\"app-users\"");
      assertThat(get(commands.get(1)[1], commands.get(1)[0]).statusCode())
          .as("a user is not an administrator").isEqualTo(403);
      HttpResponse<String> report = get(commands.get(2)[1], commands.get(2)[0]);
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.body()).contains("\"readBy\":\"dev.admin@example.com\"");
      assertThat(get(whoamiUrl, null).statusCode()).isEqualTo(401);

      Matcher health = CURL_HEALTH.matcher(printed);
      assertThat(health.find()).isTrue();
      HttpResponse<String> up = get(health.group(1), null);
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("\"albauth\":{\"status\":\"UP\"");
    }
  }

  @Test
  void withARealSignerThereIsNoDevelopmentMode() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ConfigurableApplicationContext app = SpringBootExample.run(
        new PrintStream(console, true, StandardCharsets.UTF_8), "--server.port=0",
        "--albauth.expected-signers=arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "loadbalancer/app/prod/50dc6c495c0c9188")) {
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("DEVELOPMENT MODE");
      assertThat(app.getEnvironment().getPropertySources().contains(DevelopmentMode.PROPERTY_SOURCE))
          .isFalse();
      String port = app.getEnvironment().getProperty("local.server.port");
      assertThat(get("http://localhost:" + port + "/whoami", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theExecutableJarStartsInDevelopmentMode(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target", "spring-boot-example.jar");
    assertThat(jar).as("the packaged example (run the ITs with mvn verify)").exists();
    Path output = dir.resolve("output.txt");
    ProcessBuilder command = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--server.port=0")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    command.environment().keySet().removeIf(name -> name.startsWith("ALBAUTH_"));
    Process example = command.start();
    try {
      // a bound on a hang, not a speed check
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      Matcher health = CURL_HEALTH.matcher("");
      while (!health.find() && example.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(250);
        health = CURL_HEALTH.matcher(read(output));
      }
      if (!health.find(0)) {
        fail("the jar printed no health command; its output:%n%s", read(output));
      }
      // no key was needed yet: UNKNOWN until the background probe found the key server
      String url = health.group(1);
      HttpResponse<String> up = get(url, null);
      while (!up.body().contains("\"albauth\":{\"status\":\"UP\"")
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(250);
        up = get(url, null);
      }
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("\"albauth\":{\"status\":\"UP\"");
    } finally {
      example.destroy();
      if (!example.waitFor(30, TimeUnit.SECONDS)) {
        example.destroyForcibly();
      }
    }
    assertThat(read(output)).doesNotContain("Exception");
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
