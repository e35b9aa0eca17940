package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakServer.Extension.class)
class KeycloakServerIT {

  @Test
  void createsARealmThroughTheAdminApi(KeycloakServer server) {
    KeycloakAdmin admin = new KeycloakAdmin(server.baseUri());
    new TestRealm("smoke", 30, 3).create(admin);
    assertThat(admin.send("GET", "/admin/realms/smoke/users/count", null).asInt()).isEqualTo(30);
  }
}
