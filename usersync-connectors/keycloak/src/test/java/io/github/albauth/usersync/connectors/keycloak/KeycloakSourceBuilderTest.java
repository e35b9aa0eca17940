package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.UserSyncException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What the builder accepts, refuses and says; nothing here calls a server. */
class KeycloakSourceBuilderTest {

  private static KeycloakSource.Builder complete() {
    return KeycloakSource.builder()
        .serverUrl(URI.create("https://sso.example.com/"))
        .realm("acme")
        .clientId("albauth-sync")
        .clientSecret("s3cret-value");
  }

  @Test
  void defaultsToTheIdKeycloakAndEveryUser() {
    KeycloakSource source = complete().build();
    assertThat(source.id()).isEqualTo("keycloak");
    assertThat(source).hasToString("KeycloakSource[keycloak]");
    assertThat(complete().sourceId("kc-eu").onlyMembersOf("/staff", "/staff/ops").build())
        .hasToString("KeycloakSource[kc-eu, members of [/staff, /staff/ops]]");
  }

  @Test
  void namesEachMissingRequiredOption() {
    assertThatThrownBy(() -> KeycloakSource.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a Keycloak source needs a server url: call serverUrl(URI)"
            + " or set albauth.keycloak.server-url");
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("https://sso")).build())
        .hasMessage("a Keycloak source needs a realm: call realm(String)"
            + " or set albauth.keycloak.realm");
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("https://sso"))
        .realm("r").build())
        .hasMessage("a Keycloak source needs a client id: call clientId(String)"
            + " or set albauth.keycloak.client-id");
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("https://sso"))
        .realm("r").clientId("c").build())
        .hasMessage("a Keycloak source needs the client's secret: call clientSecret(String)"
            + " or set albauth.keycloak.client-secret");
  }

  @Test
  void refusesBadValues() {
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("sso.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server url sso.example.com is not an https URL; credentials are only sent"
            + " over https (http is allowed for localhost only)");
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("http://sso.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeycloakSource.builder()
        .serverUrl(URI.create("https://sso.example.com/?realm=acme")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeycloakSource.builder().serverUrl(URI.create("ftp://sso.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeycloakSource.builder().realm(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("realm is blank; give one");
    assertThatThrownBy(() -> KeycloakSource.builder().pageSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("page size is 0; give 1 to 1000");
    assertThatThrownBy(() -> KeycloakSource.builder().pageSize(1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeycloakSource.builder().onlyMembersOf("staff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group path 'staff' is not a Keycloak group path; give it as /name or /parent/name");
    assertThatThrownBy(() -> KeycloakSource.builder().onlyMembersOf("/a", "/a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("group path /a is given twice");
    assertThatThrownBy(() -> KeycloakSource.builder().onlyMembersOf())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnOptionSetTwiceWithoutEchoingTheSecret() {
    assertThatThrownBy(() -> complete().realm("other"))
        .isInstanceOf(IllegalStateException.class).hasMessage("realm was already set to acme");
    assertThatThrownBy(() -> complete().clientSecret("other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client secret was already set")
        .message().doesNotContain("s3cret");
    assertThatThrownBy(() -> complete().pageSize(10).pageSize(20))
        .isInstanceOf(IllegalStateException.class).hasMessage("page size was already set to 10");
    assertThatThrownBy(() -> complete().onlyMembersOf("/a").onlyMembersOf("/b"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void looksUpByIdUsernameOrEmailOnly() {
    assertThatThrownBy(() -> complete().build().lookup("phone", "123"))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.UNSUPPORTED))
        .hasMessage("keycloak cannot look users up by 'phone'; use id, username or email");
  }
}
