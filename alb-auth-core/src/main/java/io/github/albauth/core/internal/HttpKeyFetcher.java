package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The default fetcher: {@link HttpClient}, no redirects, a bounded body, and a deadline for the
 * whole exchange (connect timeout plus read timeout), so a server that sends headers and then drips
 * the body cannot hold a thread for longer. Thread-safe.
 */
public final class HttpKeyFetcher implements AlbPublicKeySource.Fetcher {
  /** A PEM P-256 key is about 180 bytes; anything much bigger is not a key. */
  static final int MAX_BODY = 8192;

  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;

  /**
   * Creates a fetcher.
   *
   * @param connectTimeout connect timeout
   * @param readTimeout time from connection until the whole response has arrived
   */
  public HttpKeyFetcher(Duration connectTimeout, Duration readTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.deadline = connectTimeout.plus(readTimeout);
  }

  @Override
  public @Nullable String fetch(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, info ->
        HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
          synchronized (body) {
            if (body.size() + bytes.length > MAX_BODY) {
              throw new UncheckedIOException(new IOException(
                  "response from " + uri + " is larger than " + MAX_BODY + " bytes"));
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
    int status = response.statusCode();
    if (status == 404 || status == 403) {
      // S3 (GovCloud) answers 403 for a missing object.
      return null;
    }
    if (status != 200) {
      throw new IOException("http " + status + " from " + uri);
    }
    synchronized (body) {
      return body.toString(StandardCharsets.US_ASCII);
    }
  }

  /**
   * Turns what the client threw into an IOException whose message says what happened and where:
   * the JDK's own exceptions often have no message at all (a refused connection's is null).
   */
  private IOException failure(URI uri, @Nullable Throwable cause) {
    String where = hostAndPort(uri);
    if (cause instanceof UncheckedIOException unchecked) {
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
