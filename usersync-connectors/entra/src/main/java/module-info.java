/** A directory source for Microsoft Entra ID through Microsoft Graph. */
module io.github.albauth.usersync.connectors.entra {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.entra;
}
