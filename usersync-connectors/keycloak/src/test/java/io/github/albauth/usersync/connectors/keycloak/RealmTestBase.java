package io.github.albauth.usersync.connectors.keycloak;

import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Keycloak ITs share: the server, a {@link TestRealm} created once per class, the admin
 * fixture, and the proxy the connector talks through.
 */
@ExtendWith(KeycloakServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealmTestBase {

  final TestRealm realm;
  final KeycloakAdmin admin;
  final KeycloakProxy proxy;

  RealmTestBase(KeycloakServer server, TestRealm realm) {
    this.realm = realm;
    admin = new KeycloakAdmin(server.baseUri());
    proxy = KeycloakProxy.start(server.baseUri());
  }

  @BeforeAll
  void createRealm() {
    realm.create(admin);
  }

  @AfterAll
  void stopProxy() {
    proxy.close();
  }

  /**
   * A source for a realm, through the proxy, with retries short enough for tests that fail pages
   * on purpose.
   */
  static KeycloakSource.Builder source(KeycloakProxy proxy, String realm) {
    return KeycloakSource.builder()
        .serverUrl(proxy.uri())
        .realm(realm)
        .clientId(TestRealm.CLIENT_ID)
        .clientSecret(TestRealm.CLIENT_SECRET)
        .http(HttpSettings.builder()
            .maxAttempts(2).initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50))
            .build());
  }
}
