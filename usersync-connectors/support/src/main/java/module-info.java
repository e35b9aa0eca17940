/**
 * What the directory connectors share: HTTP calls with timeouts, bounded retries honouring {@code
 * Retry-After} and rate-limit headers, pacing, paging with prefetch, and an OAuth 2.0
 * client-credentials token cache (client secret or {@code private_key_jwt}).
 */
module io.github.albauth.usersync.connectors.support {
  requires transitive io.github.albauth.usersync.spi;
  requires transitive java.net.http;
  requires transitive io.github.albauth.settings;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.nimbusds.jose.jwt;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.albauth.usersync.connectors.support;
}
