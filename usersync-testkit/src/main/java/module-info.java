/** Compliance tests that a host application's {@code UserStore} implementation extends. */
module io.github.albauth.usersync.testkit {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.testkit;
  // JUnit calls the kit's package-private test methods reflectively.
  opens io.github.albauth.usersync.testkit to org.junit.platform.commons;
}
