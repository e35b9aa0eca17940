/**
 * Verifies the {@code x-amzn-oidc-data} token an AWS Application Load Balancer forwards, fetches and
 * caches the ALB's public keys, and holds the table of identity-provider presets.
 *
 * <p>The access-token verifier needs nimbus-jose-jwt, which is optional: add {@code
 * com.nimbusds:nimbus-jose-jwt} when you use it. The Amazon Corretto Crypto Provider is used for
 * ES256 when it is present, found by name at run time.
 */
module io.github.albauth.core {
  requires java.net.http;
  requires io.github.albauth.settings;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static com.nimbusds.jose.jwt;

  exports io.github.albauth.core;

  provides io.github.albauth.settings.SettingsProvider with io.github.albauth.core.internal.CoreSettings;
}
