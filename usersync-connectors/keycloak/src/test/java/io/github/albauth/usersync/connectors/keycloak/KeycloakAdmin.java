package io.github.albauth.usersync.connectors.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The test fixture's hands on a {@link KeycloakServer}: the master realm's bootstrap admin calling
 * the Admin REST API, to set up realms, clients, users and groups and change them between syncs.
 * Not the connector under test, which never uses it.
 *
 * <p>Thread-safe.
 */
final class KeycloakAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private @Nullable String token;
  private Instant tokenExpires = Instant.MIN;

  KeycloakAdmin(URI base) {
    this.base = base;
  }

  /** {@return a new empty JSON object, to build a request body} */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Creates a realm from its representation (users, groups, clients and role mappings included, in
   * one request), then lets the admin API return the users' custom attributes (Keycloak's user
   * profile hides unmanaged attributes by default).
   *
   * @param realm the realm representation
   */
  void createRealm(JsonNode realm) {
    send("POST", "/admin/realms", realm);
    String path = "/admin/realms/" + realm.get("realm").asText() + "/users/profile";
    ObjectNode profile = (ObjectNode) send("GET", path, null);
    profile.put("unmanagedAttributePolicy", "ADMIN_VIEW");
    send("PUT", path, profile);
  }

  /**
   * Calls the Admin REST API.
   *
   * @param method the HTTP method
   * @param path the path below the server root, for example {@code /admin/realms/acme/users}
   * @param body the JSON body, or null
   * @return the response's JSON, or a missing node when it has none
   * @throws IllegalStateException when the server does not answer 2xx
   */
  JsonNode send(String method, String path, @Nullable JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    HttpResponse<String> response = call(request.build());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
          + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.missingNode() : parse(response.body());
  }

  /** The master realm's admin-cli tokens live 60 seconds: take a new one well before. */
  private synchronized String token() {
    if (token == null || Instant.now().isAfter(tokenExpires)) {
      String form = "grant_type=password&client_id=admin-cli&username="
          + URLEncoder.encode(KeycloakServer.ADMIN, StandardCharsets.UTF_8)
          + "&password=" + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      HttpResponse<String> response = call(HttpRequest.newBuilder(
              base.resolve("/realms/master/protocol/openid-connect/token"))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("admin login answered " + response.statusCode());
      }
      JsonNode answer = parse(response.body());
      token = answer.get("access_token").asText();
      tokenExpires = Instant.now().plusSeconds(answer.get("expires_in").asLong() / 2);
    }
    return token;
  }

  private HttpResponse<String> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
