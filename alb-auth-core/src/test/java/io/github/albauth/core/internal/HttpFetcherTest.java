package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default fetcher against a raw socket server that misbehaves in ways the test kit's key
 * server does not: headers on time, then a body that drips or never ends.
 */
class HttpFetcherTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private ServerSocket server;

  private final List<HttpFetcher> fetchers = new ArrayList<>();

  private HttpFetcher fetcher(Duration connectTimeout, Duration readTimeout) {
    HttpFetcher fetcher = new HttpFetcher(connectTimeout, readTimeout);
    fetchers.add(fetcher);
    return fetcher;
  }

  @AfterEach
  void stop() throws IOException {
    fetchers.forEach(HttpFetcher::close);
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  /** Starts a one-connection server that writes {@code head}, then {@code drip} slowly forever. */
  private URI serve(String head, byte[] drip) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        in.read(new byte[4096]);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (drip.length > 0 && !release.await(100, TimeUnit.MILLISECONDS)) {
          out.write(drip);
          out.flush();
        }
        release.await(10, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException e) {
        // the client went away: expected
      }
    }, "dripping-key-server");
    thread.setDaemon(true);
    thread.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/key");
  }

  @Test
  void aBodyThatDripsFailsAtTheDeadline() throws IOException {
    URI uri = serve("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", "x".getBytes());
    HttpFetcher fetcher = fetcher(Duration.ofMillis(300), Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetch(uri))
        .isInstanceOf(IOException.class)
        .hasMessage("no complete response from " + uri + " within PT0.6S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyThatNeverEndsIsCutAtTheSizeBound() throws IOException {
    URI uri = serve("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "y".repeat(9000),
        new byte[0]);
    HttpFetcher fetcher = fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThatThrownBy(() -> fetcher.fetch(uri))
        .isInstanceOf(IOException.class)
        .hasMessage("response from " + uri + " is larger than 8192 bytes");
  }

  @Test
  void aRefusedConnectionNamesHostAndPort() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/key");
    assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2)).fetch(uri))
        .isInstanceOf(IOException.class)
        .hasMessage("could not connect to 127.0.0.1:" + port + " (connection refused or unreachable)");
  }

  @Test
  void aServerErrorNamesTheStatusAndTheUrl() throws IOException {
    URI uri = serve("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", new byte[0]);
    assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2)).fetch(uri))
        .isInstanceOf(IOException.class)
        .hasMessage("http 502 from " + uri);
  }

  @Test
  void redirectsAreFollowedOnlyWhenAsked() throws IOException {
    HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    redirecting.createContext("/old", exchange -> {
      exchange.getResponseHeaders().set("Location", "/new");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    redirecting.createContext("/new", exchange -> {
      byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    redirecting.start();
    try {
      URI old = URI.create("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/old");
      HttpFetcher jwks = new HttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), true);
      fetchers.add(jwks);
      assertThat(jwks.fetchOk(old, 1024)).isEqualTo("{\"keys\":[]}");
      assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2)).fetch(old))
          .isInstanceOf(IOException.class)
          .hasMessage("http 302 from " + old);
    } finally {
      redirecting.stop(0);
    }
  }

  @Test
  void notFoundMeansUnknownKey() throws IOException {
    URI missing = serve("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", new byte[0]);
    assertThat(fetcher(Duration.ofSeconds(2), Duration.ofSeconds(2)).fetch(missing))
        .isNull();
  }
}
