/** A directory source for Okta's Users and Groups APIs. */
module io.github.albauth.usersync.connectors.okta {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires io.github.albauth.settings;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.okta;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.okta.internal.OktaSettings;
}
