package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The test kit's minter and key server for one test class's application, and HTTP calls to it.
 * Nothing is mocked: the application verifies real ALB-shaped tokens with keys it fetches.
 */
final class AlbFixture implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();

  final AlbTokenMinter minter;
  final AlbKeyServer keys;

  private AlbFixture(AlbTokenMinter minter) {
    this.minter = minter;
    this.keys = AlbKeyServer.start(minter);
  }

  static AlbFixture start() {
    return new AlbFixture(AlbTokenMinter.create());
  }

  static AlbFixture start(AlbTokenMinter minter) {
    return new AlbFixture(minter);
  }

  /** Gives the application the test kit's signer, key URL, issuer and client id. */
  void register(DynamicPropertyRegistry registry) {
    AlbTestEnvironment.of(minter, keys).properties()
        .forEach((key, value) -> registry.add(key, () -> value));
  }

  String token(String email, String... groups) {
    return minter.mint("sub-" + email, Map.of("email", email, "groups", List.of(groups)));
  }

  static HttpResponse<String> get(int port, String path, @Nullable String token,
      String... headers) {
    return send(port, path, token, HttpRequest.newBuilder().GET(), headers);
  }

  static HttpResponse<String> post(int port, String path, @Nullable String token,
      String... headers) {
    return send(port, path, token, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  private static HttpResponse<String> send(int port, String path, @Nullable String token,
      HttpRequest.Builder request, String... headers) {
    request.uri(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("x-amzn-oidc-data", token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    keys.close();
  }
}
