package io.github.albauth.core.internal;

import io.github.albauth.core.AlbPublicKeySource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The default fetcher: {@link HttpClient}, timeouts, no redirects, bounded body. Thread-safe. */
public final class HttpKeyFetcher implements AlbPublicKeySource.Fetcher {
  /** A PEM P-256 key is about 180 bytes; anything much bigger is not a key. */
  static final int MAX_BODY = 8192;

  private final HttpClient client;
  private final Duration readTimeout;

  /**
   * Creates a fetcher.
   *
   * @param connectTimeout connect timeout
   * @param readTimeout time until the response arrives
   */
  public HttpKeyFetcher(Duration connectTimeout, Duration readTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.readTimeout = readTimeout;
  }

  @Override
  public @Nullable String fetch(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404 || status == 403) {
        // S3 (GovCloud) answers 403 for a missing object.
        return null;
      }
      if (status != 200) {
        throw new IOException("http " + status + " from " + uri);
      }
      byte[] bytes = body.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("response from " + uri + " is larger than " + MAX_BODY + " bytes");
      }
      return new String(bytes, StandardCharsets.US_ASCII);
    }
  }
}
