/**
 * The UserSync engine: just-in-time provisioning, login-time lookup, full and delta directory sync
 * with safe cleanup, the scheduler, reports, a file source and an in-memory store. Jackson is
 * optional: only the file source needs it.
 */
module io.github.albauth.usersync.engine {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive io.github.albauth.usersync.mapping;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.databind;
  requires static com.fasterxml.jackson.dataformat.csv;

  exports io.github.albauth.usersync.engine;
  exports io.github.albauth.usersync.source;
  exports io.github.albauth.usersync.store;
}
