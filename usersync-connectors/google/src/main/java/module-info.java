/**
 * A directory source for Google Workspace through the Admin SDK Directory API, as a service account
 * with domain-wide delegation.
 */
module io.github.albauth.usersync.connectors.google {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires io.github.albauth.settings;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.google;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.connectors.google.internal.GoogleSettings;
}
