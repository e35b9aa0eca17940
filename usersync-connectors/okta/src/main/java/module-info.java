/** A directory source for Okta's Users and Groups APIs. */
module io.github.albauth.usersync.connectors.okta {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.connectors.support;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.okta;
}
