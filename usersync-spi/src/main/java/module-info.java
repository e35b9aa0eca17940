/**
 * The UserSync SPI: what a host application's user store and a directory connector implement, and
 * the values they exchange. Interfaces and records only.
 */
module io.github.albauth.usersync.spi {
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync;
}
