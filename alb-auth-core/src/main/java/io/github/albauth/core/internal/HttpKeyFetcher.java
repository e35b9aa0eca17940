package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("fetching " + uri + " failed: " + cause, cause);
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
}
