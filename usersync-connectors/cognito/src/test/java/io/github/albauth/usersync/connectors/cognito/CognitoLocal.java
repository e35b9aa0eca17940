package io.github.albauth.usersync.connectors.cognito;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/**
 * A cognito-local (https://github.com/jagregory/cognito-local) for the ITs: the pinned version
 * ({@code cognito-local.version}) installed with npm into {@code target/cognito-local}, started
 * with Node on a free loopback port ({@code PORT}) in a fresh data directory, and stopped when the
 * test run ends, whatever happened (JUnit closes it with the root store, and a shutdown hook covers
 * a JVM that exits early). Without {@code node} and {@code npm} on the PATH the ITs are skipped,
 * saying so; {@code .ci/run} installs them.
 */
final class CognitoLocal implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final Thread hook;

  private CognitoLocal(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.hook = new Thread(this::stop, "cognito-local-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * The cognito-local of this test run, started on first use.
   *
   * @param context any extension context of the run
   * @return the running cognito-local
   */
  static CognitoLocal of(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(CognitoLocal.class, k -> start(), CognitoLocal.class);
  }

  /** Gives test methods and {@code @BeforeAll} methods the run's cognito-local. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == CognitoLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return of(context);
    }
  }

  private static CognitoLocal start() {
    assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node and npm are not on"
        + " the PATH, so the cognito-local ITs are skipped; install Node.js (Debian: apt-get"
        + " install nodejs npm; .ci/run does)");
    String version = System.getProperty("cognito-local.version");
    Path dir = Path.of(System.getProperty("cognito-local.dir", "target/cognito-local"))
        .toAbsolutePath();
    Path main = dir.resolve("node_modules/cognito-local/lib/bin/start.js");
    try {
      Files.createDirectories(dir);
      if (!Files.exists(main)) {
        run(dir, dir.resolve("npm-install.log"), Duration.ofMinutes(5), "npm", "install",
            "--prefix", dir.toString(), "--no-audit", "--no-fund", "--no-save",
            "--loglevel=error", "cognito-local@" + version);
      }
      Path data = Files.createTempDirectory(dir, "run-");
      // cognito-local's pools sign in with email (UsernameAttributes [email]) unless its config
      // says otherwise; the store needs free-form usernames, as real pools without such attributes
      Files.createDirectories(data.resolve(".cognito"));
      Files.writeString(data.resolve(".cognito/config.json"),
          "{\"UserPoolDefaults\": {\"UsernameAttributes\": []}}", StandardCharsets.UTF_8);
      Path log = dir.resolve("cognito-local.log");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      ProcessBuilder builder = new ProcessBuilder("node", main.toString()).directory(data.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1"));
      CognitoLocal local = new CognitoLocal(builder.start(),
          URI.create("http://127.0.0.1:" + port), log);
      local.awaitReady();
      return local;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start cognito-local in " + dir + ": " + e, e);
    }
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(Path dir, Path log, Duration timeout, String... command)
      throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue()
          + "): " + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(READY);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("cognito-local exited with " + process.exitValue() + ": "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
            .header("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools")
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":1}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for cognito-local", e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for cognito-local", e);
      }
    }
    stop();
    throw new IllegalStateException("cognito-local did not answer within " + READY + ": "
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** {@return cognito-local's endpoint} */
  URI endpoint() {
    return endpoint;
  }

  /** {@return an SDK client for cognito-local, with made-up credentials; close it} */
  CognitoIdentityProviderClient client() {
    return CognitoIdentityProviderClient.builder().endpointOverride(endpoint)
        .region(Region.of("local"))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDLOCAL", "cognito-local-ignores-it")))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .build();
  }

  /**
   * Creates a user pool with albauth's custom attributes and the compliance kit's.
   *
   * @param name the pool's name
   * @return the pool id
   */
  String createPool(String name) {
    try (CognitoIdentityProviderClient cognito = client()) {
      String id = cognito.createUserPool(r -> r.poolName(name).schema(List.of(
          custom("albauth_source", false), custom("albauth_id", false),
          custom("albauth_grp", true), custom("department", true), custom("title", true))))
          .userPool().id();
      // cognito-local answers GetGroup with a 500 until the pool has had a group: give it one
      cognito.createGroup(r -> r.userPoolId(id).groupName("cognito-local-placeholder"));
      cognito.deleteGroup(r -> r.userPoolId(id).groupName("cognito-local-placeholder"));
      return id;
    }
  }

  private static SchemaAttributeType custom(String name, boolean mutable) {
    return SchemaAttributeType.builder().name(name).attributeDataType(AttributeDataType.STRING)
        .mutable(mutable).build();
  }

  /**
   * A connector configuration for one of cognito-local's pools: every category paced at 1,000
   * requests per second (cognito-local enforces no quotas).
   *
   * @param poolId the pool
   * @return the builder
   */
  CognitoConfig.Builder config(String poolId) {
    CognitoConfig.Builder b = CognitoConfig.builder().userPoolId(poolId).endpoint(endpoint)
        .credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDLOCAL", "cognito-local-ignores-it")));
    for (CognitoQuota q : CognitoQuota.values()) {
      b.rate(q, 1000);
    }
    return b;
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs stop() too
    }
  }
}
