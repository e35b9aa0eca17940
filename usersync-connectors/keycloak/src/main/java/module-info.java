/**
 * A UserSync directory source for Keycloak: users, groups and members through the Admin REST API
 * with a confidential client.
 */
module io.github.albauth.usersync.connectors.keycloak {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires io.github.albauth.settings;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.keycloak;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.keycloak.internal.KeycloakSettings;
}
