package io.github.albauth.usersync.connectors.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Keycloak server for the integration tests: {@code bin/kc.sh start-dev} from the
 * distribution that the build unpacked (system property {@code keycloak.home}), on a free loopback
 * port, with an in-memory database and a bootstrap admin. As a JUnit 5 extension it starts one
 * server per test JVM, on first use, and JUnit stops it when the run ends; test methods and
 * constructors receive it as a parameter.
 *
 * <p>Keycloak 26 needs Java 21 or newer, which need not be the JVM running the tests: {@code
 * KEYCLOAK_JAVA_HOME} or {@code JAVA21_HOME}, else this JVM when it is new enough, else the newest
 * JDK 21+ under {@code /usr/lib/jvm}. Without one the tests are skipped, saying so.
 *
 * <p>Thread-safe once started.
 */
final class KeycloakServer implements AutoCloseable {

  /** The bootstrap admin of the master realm (a throwaway server on loopback). */
  static final String ADMIN = "admin";

  static final String ADMIN_PASSWORD = "admin-password";

  /** Start-up takes 30 to 60 seconds on two busy cores; give it room. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

  private final Process process;
  private final URI baseUri;
  private final Path log;

  private KeycloakServer(Process process, URI baseUri, Path log) {
    this.process = process;
    this.baseUri = baseUri;
    this.log = log;
  }

  /** {@return the server's root, for example {@code http://127.0.0.1:41234}} */
  URI baseUri() {
    return baseUri;
  }

  /**
   * Starts the server and waits until it serves the master realm.
   *
   * @param home the unpacked distribution
   * @param javaHome a Java 21+ home
   * @param log where the server's console output goes
   * @return the ready server
   */
  static KeycloakServer start(Path home, Path javaHome, Path log) {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(
        home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port,
        // nothing on the management interface, so it never binds a port (9000) others may hold
        "--health-enabled=false", "--metrics-enabled=false",
        "--db=dev-mem", "--cache=local")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", javaHome.toString());
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + home.resolve("bin/kc.sh"), e);
    }
    KeycloakServer server = new KeycloakServer(process, URI.create("http://127.0.0.1:" + port), log);
    // a test JVM that is killed or exits without JUnit's clean-up must not leave Keycloak running
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
    try {
      server.awaitReady();
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/realms/master"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
            + " before it was ready; its output ends with:\n" + tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT
        + "; its output ends with:\n" + tail());
  }

  /** Stops the server and every process it started; idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Keycloak", e);
    }
  }

  /**
   * Finds a Java 21+ home for Keycloak: {@code KEYCLOAK_JAVA_HOME}, {@code JAVA21_HOME}, this JVM,
   * the newest under {@code /usr/lib/jvm}.
   *
   * @return the home, or empty when there is none
   */
  static Optional<Path> findJava21() {
    List<Path> candidates = new ArrayList<>();
    for (String variable : List.of("KEYCLOAK_JAVA_HOME", "JAVA21_HOME")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        candidates.add(Path.of(value));
      }
    }
    candidates.add(Path.of(System.getProperty("java.home")));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        homes.sorted(Comparator.comparingInt(KeycloakServer::feature).reversed())
            .forEach(candidates::add);
      } catch (IOException e) {
        // no usable JDK there
      }
    }
    return candidates.stream()
        .filter(home -> Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 21)
        .findFirst();
  }

  /** The Java feature version a home's {@code release} file declares, or 0. */
  private static int feature(Path home) {
    Properties release = new Properties();
    try (var in = Files.newBufferedReader(home.resolve("release"), StandardCharsets.UTF_8)) {
      release.load(in);
    } catch (IOException e) {
      return 0;
    }
    String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
    try {
      return Integer.parseInt(version.split("[.+-]", 2)[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Starts one server per test JVM and passes it to the tests that declare it. */
  static final class Extension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(KeycloakServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return server(context);
    }

    private static KeycloakServer server(ExtensionContext context) {
      String home = System.getProperty("keycloak.home");
      Assumptions.assumeTrue(home != null,
          "no Keycloak distribution: run the integration tests through Maven (failsafe), which"
              + " unpacks it and sets keycloak.home");
      Optional<Path> java = findJava21();
      Assumptions.assumeTrue(java.isPresent(),
          "Keycloak 26 needs Java 21 or newer and none was found: set KEYCLOAK_JAVA_HOME (or"
              + " JAVA21_HOME), or install a JDK 21+ under /usr/lib/jvm");
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KeycloakServer.class,
          key -> start(Path.of(home), java.get(), logFile()), KeycloakServer.class);
    }

    private static Path logFile() {
      @Nullable String configured = System.getProperty("keycloak.log");
      return Path.of(configured != null ? configured : "target/keycloak.log");
    }
  }
}
