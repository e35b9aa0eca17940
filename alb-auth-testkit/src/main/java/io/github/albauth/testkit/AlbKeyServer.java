package io.github.albauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.albauth.testkit.internal.Keys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Serves ALB public keys on loopback the way AWS does: {@code GET /{kid}} answers the PEM
 * ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo) of that kid, an unknown kid answers
 * 404. {@code GET /.well-known/jwks.json} answers the JWKS of the {@link IdpTokenMinter}s added
 * with {@link #serveJwks}. Counts requests and injects faults ({@link #slow}, {@link #failWith},
 * {@link #serveGarbage}, {@link #down}) until {@link #healthy()}.
 *
 * <p>Keys come from, in this order: {@link #publishRaw}/{@link #publish} (so a test can replace a
 * minter's key under its kid), then the minter given to {@link #start(AlbTokenMinter)}, including
 * keys it rotates in later.
 *
 * <p>Runs on the JDK's {@code com.sun.net.httpserver} bound to {@code 127.0.0.1} on a free port,
 * with daemon threads. Thread-safe. Close it when done (the JUnit extension does).
 */
public final class AlbKeyServer implements AutoCloseable {

  private static final String JWKS_PATH = ".well-known/jwks.json";

  private final @Nullable AlbTokenMinter minter;
  private final Map<String, String> published = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<IdpTokenMinter> jwksSources = new CopyOnWriteArrayList<>();
  private volatile @Nullable String rawJwks;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
  private volatile Fault fault = Fault.HEALTHY;
  private volatile Duration delay = Duration.ZERO;
  private volatile int failureStatus = 500;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "albauth-key-server");
    thread.setDaemon(true);
    return thread;
  });
  private final int port;
  private @Nullable HttpServer server;
  private boolean closed;

  private enum Fault { HEALTHY, SLOW, FAIL, GARBAGE, DOWN }

  private AlbKeyServer(@Nullable AlbTokenMinter minter) {
    this.minter = minter;
    HttpServer started = bind(0);
    this.server = started;
    this.port = started.getAddress().getPort();
  }

  /**
   * Starts a server on a free loopback port for every key {@code minter} has, also keys it rotates
   * in later.
   *
   * @param minter the minter whose public keys the server publishes
   * @return the running server; close it when done
   */
  public static AlbKeyServer start(AlbTokenMinter minter) {
    return new AlbKeyServer(Objects.requireNonNull(minter, "minter"));
  }

  /**
   * Starts a server on a free loopback port that serves nothing until keys are published.
   *
   * @return the running server; close it when done
   */
  public static AlbKeyServer start() {
    return new AlbKeyServer(null);
  }

  /**
   * Serves {@code key} as a PEM under {@code kid}: any key (wrong curve, RSA) for negative tests.
   *
   * @param kid the key id, the path the key is served at
   * @param key the public key to serve
   */
  public void publish(String kid, PublicKey key) {
    published.put(Objects.requireNonNull(kid, "kid"), Keys.pem(key));
  }

  /**
   * Serves exactly {@code body} under {@code kid}: a malformed PEM, an empty body, anything.
   *
   * @param kid the key id, the path the body is served at
   * @param body the response body, sent as is
   */
  public void publishRaw(String kid, String body) {
    published.put(Objects.requireNonNull(kid, "kid"), Objects.requireNonNull(body, "body"));
  }

  /**
   * Stops serving what {@link #publish}/{@link #publishRaw} put under {@code kid}; the path then
   * answers 404 (unless a minter has that kid).
   *
   * @param kid the key id to remove
   */
  public void unpublish(String kid) {
    published.remove(kid);
  }

  /**
   * Adds the keys of {@code idp} (also keys it rotates in later) to the JWKS at {@link #jwksUri()}.
   *
   * @param idp the IdP minter whose keys access-token verifiers should find
   */
  public void serveJwks(IdpTokenMinter idp) {
    jwksSources.addIfAbsent(Objects.requireNonNull(idp, "idp"));
  }

  /**
   * Serves exactly {@code body} at {@link #jwksUri()} instead of the minters' JWKS.
   *
   * @param body the response body, sent as is; null serves the minters' JWKS again
   */
  public void publishJwksRaw(@Nullable String body) {
    rawJwks = body;
  }

  /** {@return the key URL template for a verifier: {@code http://127.0.0.1:<port>/{kid}}} */
  public String urlTemplate() {
    return "http://127.0.0.1:" + port + "/{kid}";
  }

  /** {@return the server's base URI, {@code http://127.0.0.1:<port>/}} */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** {@return the JWKS URI for IdP access tokens, {@code http://127.0.0.1:<port>/.well-known/jwks.json}} */
  public URI jwksUri() {
    return baseUri().resolve(JWKS_PATH);
  }

  /**
   * {@return the number of requests received (all paths, including failed and slow ones) since
   * start or {@link #resetCounts()}}
   */
  public int requestCount() {
    return requests.get();
  }

  /**
   * Counts the requests for one key since start or {@link #resetCounts()}.
   *
   * @param kid the key id
   * @return the number of requests received for {@code /{kid}}
   */
  public int requestCount(String kid) {
    AtomicInteger count = requestsByPath.get(kid);
    return count == null ? 0 : count.get();
  }

  /** {@return the number of requests received for the JWKS} */
  public int jwksRequestCount() {
    return requestCount(JWKS_PATH);
  }

  /** Sets every request count to zero. */
  public void resetCounts() {
    requests.set(0);
    requestsByPath.clear();
  }

  /**
   * Fault: waits before answering each request (normally), e.g. to exceed a fetch timeout.
   *
   * @param delay the wait; not negative
   */
  public synchronized void slow(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    healthy();
    this.delay = delay;
    fault = Fault.SLOW;
  }

  /**
   * Fault: answers every request with {@code httpStatus} and a short text body.
   *
   * @param httpStatus the status to answer with, 200 to 599
   */
  public synchronized void failWith(int httpStatus) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("http status must be 200..599: " + httpStatus);
    }
    healthy();
    failureStatus = httpStatus;
    fault = Fault.FAIL;
  }

  /** Fault: answer every request with 200 and a body that is neither a PEM nor JSON. */
  public synchronized void serveGarbage() {
    healthy();
    fault = Fault.GARBAGE;
  }

  /** Fault: stop listening, so connections are refused, until {@link #healthy()}. */
  public synchronized void down() {
    healthy();
    HttpServer running = server;
    if (running != null) {
      running.stop(0);
      server = null;
    }
    fault = Fault.DOWN;
  }

  /** Ends any fault: listens again (same port) and answers normally. */
  public synchronized void healthy() {
    if (closed) {
      throw new IllegalStateException("key server is closed");
    }
    if (server == null) {
      server = bind(port);
    }
    fault = Fault.HEALTHY;
    delay = Duration.ZERO;
  }

  /** Ends any fault, zeroes the counts and drops everything published with publish/publishRaw. */
  public void reset() {
    healthy();
    resetCounts();
    published.clear();
    rawJwks = null;
  }

  /** Stops the server and its threads; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    HttpServer running = server;
    if (running != null) {
      running.stop(0);
      server = null;
    }
    executor.shutdownNow();
  }

  private HttpServer bind(int bindPort) {
    try {
      HttpServer created =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 50);
      created.createContext("/", this::handle);
      created.setExecutor(executor);
      startOnDaemonThread(created);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + bindPort, e);
    }
  }

  /**
   * The JDK's dispatcher thread inherits the daemon flag of the thread that calls
   * {@link HttpServer#start()}; started from {@code main} it would keep the JVM alive after a
   * failed startup or a forgotten {@link #close()}. So one of our daemon threads starts it.
   */
  private void startOnDaemonThread(HttpServer created) {
    try {
      executor.submit(created::start).get();
    } catch (InterruptedException e) {
      created.stop(0);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the key server", e);
    } catch (ExecutionException e) {
      created.stop(0);
      throw new IllegalStateException("cannot start the key server", e.getCause());
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String name = path.startsWith("/") ? path.substring(1) : path;
      requests.incrementAndGet();
      requestsByPath.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
      Fault current = fault;
      if (current == Fault.SLOW && !pause(delay)) {
        return;
      }
      if (current == Fault.FAIL) {
        respond(exchange, failureStatus, "text/plain", "key server failure " + failureStatus + "\n");
      } else if (current == Fault.GARBAGE) {
        respond(exchange, 200, "application/octet-stream", "\u0000\u00ff<html>garbage{\"keys\":\n");
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "method not allowed\n");
      } else if (name.equals(JWKS_PATH)) {
        respond(exchange, 200, "application/json", jwks());
      } else {
        String body = keyPem(name);
        if (body == null) {
          respond(exchange, 404, "text/plain", "no key\n");
        } else {
          respond(exchange, 200, "application/x-pem-file", body);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private @Nullable String keyPem(String kid) {
    String body = published.get(kid);
    if (body != null || minter == null || !minter.publicKeys().containsKey(kid)) {
      return body;
    }
    return Keys.pem(minter.publicKey(kid));
  }

  private String jwks() {
    String raw = rawJwks;
    if (raw != null) {
      return raw;
    }
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    jwksSources.forEach(idp -> keys.putAll(idp.publicKeys()));
    return Keys.jwks(keys);
  }

  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
