package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The library's HTTP client: one {@link HttpClient} with a library-owned executor, no redirects, a
 * bounded body, and a deadline for the whole exchange (connect timeout plus read timeout), so a
 * server that sends headers and then drips the body cannot hold a thread for longer. Serves as the
 * default {@link AlbPublicKeySource.Fetcher} (404/403 mean an unknown key) and fetches JWKS
 * documents ({@link #fetchOk}).
 *
 * <p>{@link #close()} releases its threads: on JDK 21 and later through {@code
 * HttpClient.shutdownNow()}; on JDK 17 the executor is shut down and the client dropped, so that its
 * selector thread ends as soon as the client is garbage-collected. Using a closed fetcher throws
 * {@link IllegalStateException}. Thread-safe.
 */
public final class HttpFetcher implements AlbPublicKeySource.Fetcher, AutoCloseable {
  /** A PEM P-256 key is about 180 bytes; anything much bigger is not a key. */
  static final int MAX_KEY_BODY = 8192;
  /** Thread names start with this, then a number per fetcher. */
  public static final String THREAD_NAME_PREFIX = "albauth-http-";

  private static final AtomicInteger FETCHERS = new AtomicInteger();
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
  private static final @Nullable Method SHUTDOWN_NOW = shutdownNowMethod();

  private final String name;
  private final ExecutorService executor;
  private volatile @Nullable HttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;

  /**
   * Creates a fetcher and its client that follows no redirect (the ALB key endpoint sends none).
   *
   * @param connectTimeout connect timeout
   * @param readTimeout time from connection until the whole response has arrived
   */
  public HttpFetcher(Duration connectTimeout, Duration readTimeout) {
    this(connectTimeout, readTimeout, false);
  }

  /**
   * Creates a fetcher and its client.
   *
   * @param connectTimeout connect timeout
   * @param readTimeout time from connection until the whole response has arrived
   * @param followRedirects whether to follow redirects (never from https to http), as nimbus's
   *     retriever did for JWKS URLs
   */
  public HttpFetcher(Duration connectTimeout, Duration readTimeout, boolean followRedirects) {
    this.name = THREAD_NAME_PREFIX + FETCHERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      // no web application's class loader: a container must be able to unload it
      thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
      return thread;
    });
    // The client's selector thread inherits the creating thread's context class loader: in a
    // servlet container that is the web application's, which the thread would pin (Tomcat reports
    // it as a leak on undeploy; on JDK 17 the thread ends only after the closed client is GC'd).
    Thread creator = Thread.currentThread();
    ClassLoader previous = creator.getContextClassLoader();
    creator.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      this.client =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
              .executor(executor)
              .build();
    } finally {
      creator.setContextClassLoader(previous);
    }
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.deadline = connectTimeout.plus(readTimeout);
  }

  /**
   * Fetches a key.
   *
   * @param uri the key's URL
   * @return the body, or null if the server says the key does not exist (HTTP 404, or 403 from S3)
   * @throws IOException on any other answer or failure, with a message naming host and status or timeout
   * @throws IllegalStateException if this fetcher is closed
   */
  @Override
  public @Nullable String fetch(URI uri) throws IOException {
    Response response = exchange(uri, MAX_KEY_BODY);
    if (response.status == 404 || response.status == 403) {
      // S3 (GovCloud) answers 403 for a missing object.
      return null;
    }
    if (response.status != 200) {
      throw new IOException("http " + response.status + " from " + uri);
    }
    return response.body;
  }

  /**
   * Fetches a document that must exist (a JWKS).
   *
   * @param uri the URL
   * @param maxBody the largest accepted body in bytes
   * @return the body of a 200 answer
   * @throws IOException on any other answer or failure, with a message naming host and status or timeout
   * @throws IllegalStateException if this fetcher is closed
   */
  public String fetchOk(URI uri, int maxBody) throws IOException {
    Response response = exchange(uri, maxBody);
    if (response.status != 200) {
      throw new IOException("http " + response.status + " from " + uri);
    }
    return response.body;
  }

  /**
   * Stops the client and its threads; idempotent. Exchanges in flight fail.
   */
  @Override
  public void close() {
    HttpClient running = client;
    if (running == null) {
      return;
    }
    client = null;
    if (SHUTDOWN_NOW != null) {
      try {
        SHUTDOWN_NOW.invoke(running);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the executor shutdown below still ends the worker threads
      }
    }
    executor.shutdownNow();
    try {
      // workers end within moments of the interrupt; wait so a container's leak check after
      // destroy() finds them gone
      executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return client == null;
  }

  @Override
  public String toString() {
    return "HttpFetcher[" + name + (isClosed() ? ", closed]" : "]");
  }

  private static final class Response {
    final int status;
    final String body;

    Response(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

  private Response exchange(URI uri, int maxBody) throws IOException {
    HttpClient current = client;
    if (current == null) {
      throw new IllegalStateException("the http client was closed; build a new verifier");
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    CompletableFuture<HttpResponse<Void>> exchange = current.sendAsync(request, info ->
        HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
          synchronized (body) {
            if (body.size() + bytes.length > maxBody) {
              throw new UncheckedIOException(new IOException(
                  "response from " + uri + " is larger than " + maxBody + " bytes"));
            }
            body.write(bytes, 0, bytes.length);
          }
        })));
    HttpResponse<Void> response;
    try {
      response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new IOException("no complete response from " + uri + " within " + deadline, e);
    } catch (ExecutionException e) {
      throw failure(uri, e.getCause());
    }
    synchronized (body) {
      return new Response(response.statusCode(), body.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code HttpClient.shutdownNow()}, public since JDK 21; null on JDK 17. */
  private static @Nullable Method shutdownNowMethod() {
    try {
      return HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * Turns what the client threw into an IOException whose message says what happened and where:
   * the JDK's own exceptions often have no message at all (a refused connection's is null).
   */
  private IOException failure(URI uri, @Nullable Throwable cause) {
    String where = hostAndPort(uri);
    if (cause instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
      return unchecked.getCause();
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new IOException("connecting to " + where + " timed out after " + connectTimeout, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new IOException("no response from " + where + " within the read timeout of " + readTimeout, cause);
    }
    if (cause instanceof ConnectException) {
      return new IOException("could not connect to " + where + " (connection refused or unreachable)", cause);
    }
    if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
      return new IOException("host " + uri.getHost() + " could not be resolved", cause);
    }
    if (cause instanceof SSLException) {
      return new IOException("tls with " + where + " failed: " + Texts.describe(cause), cause);
    }
    return new IOException("fetching " + uri + " failed: " + Texts.describe(cause), cause);
  }

  private static String hostAndPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
    return uri.getHost() + ":" + port;
  }
}
