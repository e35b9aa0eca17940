/** A directory source for OneLogin's API v2 (users and roles). */
module io.github.albauth.usersync.connectors.onelogin {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires io.github.albauth.settings;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.onelogin;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.onelogin.internal.OneLoginSettings;
}
