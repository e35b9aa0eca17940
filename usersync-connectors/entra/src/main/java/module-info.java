/** A directory source for Microsoft Entra ID through Microsoft Graph. */
module io.github.albauth.usersync.connectors.entra {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires io.github.albauth.settings;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.entra;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.entra.internal.EntraSettings;
}
