package io.github.albauth.core;

import io.github.albauth.settings.SettingsRegistry;
import java.util.Map;

/**
 * The names of the {@code albauth.*} configuration keys alb-auth-core reads. Their types, defaults
 * and documentation are declared once in the settings registry ({@code albauth-settings}); an
 * unknown {@code albauth.*} key is refused wherever settings are read.
 *
 * <p>Keys of other albauth modules present (e.g. {@code albauth.token-header}, {@code
 * albauth.mapping.*}) may be in the same map; {@link AlbTokenVerifier.Builder#configure(Map)}
 * validates them and leaves them to their module.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlbAuthProperties {
  /** Comma-separated ALB ARNs; required. */
  public static final String EXPECTED_SIGNERS = "albauth.expected-signers";
  /** Region of the key endpoint; default the signer ARN's region (must agree with it). */
  public static final String REGION = "albauth.region";
  /** Comma-separated allowed {@code iss} values; default any. */
  public static final String EXPECTED_ISSUERS = "albauth.expected-issuers";
  /** Comma-separated allowed {@code client} values; default any. */
  public static final String EXPECTED_CLIENT_IDS = "albauth.expected-client-ids";
  /** Key URL template with {@code {region}} and {@code {kid}}; default per partition. */
  public static final String PUBLIC_KEY_URL = "albauth.public-key-url";
  /** Allowed clock skew, ISO-8601 ({@code PT10S}); default 10 seconds. */
  public static final String CLOCK_SKEW = "albauth.clock-skew";
  /** IdP preset name: cognito, entra, okta, google, keycloak, onelogin, other. */
  public static final String IDP = "albauth.idp";
  /** Claim used as the username; default the preset's. */
  public static final String USERNAME_CLAIM = "albauth.username-claim";
  /** Largest accepted token in characters; default 16384. */
  public static final String MAX_TOKEN_SIZE = "albauth.max-token-size";
  /** How many ALB public keys are cached; default 64. */
  public static final String KEY_CACHE_SIZE = "albauth.key-cache-size";
  /** Connect and read timeout of a key fetch, ISO-8601; default 2 seconds each. */
  public static final String KEY_FETCH_TIMEOUT = "albauth.key-fetch-timeout";
  /** JCA provider: auto (ACCP if present, else the JDK's), jdk, or an installed provider's name. */
  public static final String PROVIDER = "albauth.provider";
  /** Entries of the verified-token cache; 0 (default) turns it off. */
  public static final String VERIFIED_TOKEN_CACHE_SIZE = "albauth.verified-token-cache-size";

  private AlbAuthProperties() {}

  /**
   * Reads every {@code ALBAUTH_*} environment variable of the albauth modules present ({@code
   * ALBAUTH_EXPECTED_SIGNERS} is {@code albauth.expected-signers}); a variable that is no key's is
   * refused with the nearest one.
   *
   * @return key to value for every variable that is set
   * @throws IllegalArgumentException for an unknown {@code ALBAUTH_*} variable
   */
  public static Map<String, String> fromEnvironment() {
    return SettingsRegistry.discover().fromEnvironment(System.getenv());
  }
}
