package io.github.albauth.usersync.connectors.keycloak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP proxy in front of a {@link KeycloakServer}: it counts the connector's requests by
 * kind (to compare a sync's round trips with the minimum) and can fail chosen requests (to see a
 * failure in the middle of a listing).
 *
 * <p>Thread-safe.
 */
final class KeycloakProxy implements AutoCloseable {

  /** Request kinds: the path with ids replaced by {@code {id}}, e.g. {@code GET /groups/{id}/members}. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
  private final AtomicReference<@Nullable Predicate<String>> failing = new AtomicReference<>();

  private KeycloakProxy(URI target) {
    this.target = target;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  static KeycloakProxy start(URI target) {
    return new KeycloakProxy(target);
  }

  /** {@return the address to give the connector instead of the server's} */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Answers {@code 500} to every request whose path and query match, until {@link #heal()}.
   *
   * @param pathAndQuery which requests fail
   */
  void fail(Predicate<String> pathAndQuery) {
    failing.set(pathAndQuery);
  }

  void heal() {
    failing.set(null);
  }

  /** {@return the requests made since the last reset, by kind, sorted} */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((kind, n) -> out.put(kind, n.get()));
    return out;
  }

  /** {@return the time Keycloak took to answer, by kind, in milliseconds, sorted} */
  Map<String, Long> millis() {
    Map<String, Long> out = new TreeMap<>();
    nanos.forEach((kind, n) -> out.put(kind, n.get() / 1_000_000));
    return out;
  }

  /** {@return how many requests were made since the last reset} */
  int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void reset() {
    counts.clear();
    nanos.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      String kind = exchange.getRequestMethod() + " "
          + ID.matcher(uri.getRawPath().replaceFirst("^/admin/realms/[^/]+", "")).replaceAll("{id}");
      counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
      Predicate<String> fail = failing.get();
      if (fail != null && fail.test(pathAndQuery)) {
        byte[] body = "{\"error\":\"injected failure\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery))
          .timeout(Duration.ofSeconds(60));
      for (String header : List.of("Authorization", "Content-Type", "Accept")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      request.method(exchange.getRequestMethod(), requestBody.length == 0
          ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      HttpResponse<byte[]> response;
      long start = System.nanoTime();
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        nanos.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(System.nanoTime() - start);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      response.headers().firstValue("Content-Type")
          .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
