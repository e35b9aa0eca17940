package io.github.albauth.benchmarks.servlet;

import io.github.albauth.benchmarks.core.Es256Providers;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second through Jetty 12 on loopback, driven by the JDK's {@link HttpClient}
 * (HTTP/1.1 keep-alive, 4 client threads), with the albauth filter in front of a trivial servlet
 * ({@code filter=albauth}) versus the same container without it ({@code filter=none}), per JCA
 * provider and with the verified-token cache off or on. Client and server share the machine's
 * cores, as a sidecar load would; the ratio of the two modes is what the filter costs. The JDK's
 * client and Jetty need a long warm-up (30 s) before their throughput stops climbing.
 *
 * <p>{@code provider} and {@code tokenCache} do not matter for {@code filter=none}; run it once:
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar FilterThroughputBenchmark -p filter=none -p provider=SunEC -p tokenCache=off
 * java -jar benchmarks/target/benchmarks.jar FilterThroughputBenchmark -p filter=albauth
 * </pre>
 *
 * <p>Smoke run: add {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 5)
public class FilterThroughputBenchmark {

  /** {@code none} (the container alone) or {@code albauth} (the filter in front). */
  @Param({"none", "albauth"})
  public String filter = "albauth";

  /** The JCA provider that verifies ES256: {@code SunEC} or {@code ACCP}. */
  @Param({"SunEC", "ACCP"})
  public String provider = "SunEC";

  /** The verified-token cache: {@code off} or {@code on}. */
  @Param({"off", "on"})
  public String tokenCache = "off";

  private AlbKeyServer keyServer;
  private Server server;
  private HttpClient client;
  private HttpRequest request;

  /** Starts the key server, the container and the client; checks one request end to end. */
  @Setup
  public void start() throws Exception {
    AlbTokenMinter minter = AlbTokenMinter.builder().tokenLifetime(Duration.ofHours(2)).build();
    keyServer = AlbKeyServer.start(minter);
    AlbTestEnvironment env = AlbTestEnvironment.of(minter, keyServer);

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    if ("albauth".equals(filter)) {
      AlbTokenVerifier.Builder verifier = AlbTokenVerifier.builder().configure(env.properties())
          .provider(Es256Providers.byName(provider));
      if ("on".equals(tokenCache)) {
        verifier.cacheVerifiedTokens(10_000);
      }
      AlbAuthenticationFilter albauth = AlbAuthenticationFilter.builder()
          .configure(env.properties())
          .verifier(verifier.build())
          .build();
      context.addFilter(new FilterHolder(albauth), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    context.addServlet(new ServletHolder(new Hello()), "/");
    server.setHandler(context);
    server.start();

    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String token = minter.mint("user-1", Map.of("email", "user@example.com",
        "groups", List.of("staff")));
    request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort()
        + "/hello")).header("x-amzn-oidc-data", token).GET().build();
    HttpResponse<String> check = client.send(request, HttpResponse.BodyHandlers.ofString());
    String expected = "albauth".equals(filter) ? "user@example.com" : "anonymous";
    if (check.statusCode() != 200 || !check.body().equals(expected)) {
      throw new IllegalStateException("setup check failed: " + check.statusCode() + " "
          + check.body());
    }
  }

  /** Stops everything. */
  @TearDown
  public void stop() throws Exception {
    server.stop();
    keyServer.close();
  }

  /** One authenticated request, answered by the servlet. */
  @Benchmark
  public int request() throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The application: says who it sees. */
  private static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String user = req.getRemoteUser();
      resp.setContentType("text/plain");
      resp.getWriter().write(user == null ? "anonymous" : user);
    }
  }
}
