package io.github.albauth.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a verifier needs to trust an {@link AlbTokenMinter}'s tokens fetched from an
 * {@link AlbKeyServer}: the signer ARN, region, issuer, client id and public key URL template, also
 * as albauth configuration properties. Immutable and thread-safe.
 */
public final class AlbTestEnvironment {

  private final String signerArn;
  private final String region;
  private final String issuer;
  private final String clientId;
  private final String publicKeyUrlTemplate;
  private final String jwksUri;

  private AlbTestEnvironment(AlbTokenMinter minter, AlbKeyServer server) {
    this.signerArn = minter.signerArn();
    this.region = minter.region();
    this.issuer = minter.issuer();
    this.clientId = minter.clientId();
    this.publicKeyUrlTemplate = server.urlTemplate();
    this.jwksUri = server.jwksUri().toString();
  }

  /**
   * Describes the environment in which {@code minter}'s tokens verify against keys from
   * {@code server}.
   *
   * @param minter the minter whose tokens the verifier should accept
   * @param server the key server that publishes the minter's keys
   * @return the settings a verifier needs for that pair
   */
  public static AlbTestEnvironment of(AlbTokenMinter minter, AlbKeyServer server) {
    return new AlbTestEnvironment(minter, server);
  }

  /** {@return the ALB ARN to expect as {@code signer}} */
  public String signerArn() {
    return signerArn;
  }

  /** {@return the region of the signer ARN} */
  public String region() {
    return region;
  }

  /** {@return the issuer to expect} */
  public String issuer() {
    return issuer;
  }

  /** {@return the client id to expect} */
  public String clientId() {
    return clientId;
  }

  /** {@return the key server's URL template, {@code http://127.0.0.1:<port>/{kid}}} */
  public String publicKeyUrlTemplate() {
    return publicKeyUrlTemplate;
  }

  /** {@return the key server's JWKS URL for IdP access tokens} */
  public String jwksUri() {
    return jwksUri;
  }

  /**
   * {@return the configuration as albauth properties, in this order:
   * {@code albauth.expected-signers}, {@code albauth.public-key-url},
   * {@code albauth.expected-issuers}, {@code albauth.expected-client-ids}; unmodifiable}
   */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("albauth.expected-signers", signerArn);
    properties.put("albauth.public-key-url", publicKeyUrlTemplate);
    properties.put("albauth.expected-issuers", issuer);
    properties.put("albauth.expected-client-ids", clientId);
    return Collections.unmodifiableMap(properties);
  }

  /** {@return {@link #properties()} as a new, mutable {@link Properties}} */
  public Properties toProperties() {
    Properties properties = new Properties();
    properties.putAll(properties());
    return properties;
  }

  @Override
  public String toString() {
    return "AlbTestEnvironment" + properties();
  }
}
