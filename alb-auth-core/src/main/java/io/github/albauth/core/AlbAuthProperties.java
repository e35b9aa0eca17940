package io.github.albauth.core;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code albauth.*} configuration keys alb-auth-core reads, and helpers to collect them from
 * {@link Properties} or environment variables ({@code ALBAUTH_} plus the key in upper snake case:
 * {@code albauth.expected-signers} is {@code ALBAUTH_EXPECTED_SIGNERS}).
 *
 * <p>Keys of other modules (e.g. {@code albauth.token-header}, {@code albauth.mapping.*}) may be
 * in the same map; {@link AlbTokenVerifier.Builder#configure(Map)} ignores them.
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

  private static final List<String> KEYS =
      List.of(
          EXPECTED_SIGNERS,
          REGION,
          EXPECTED_ISSUERS,
          EXPECTED_CLIENT_IDS,
          PUBLIC_KEY_URL,
          CLOCK_SKEW,
          IDP,
          USERNAME_CLAIM,
          MAX_TOKEN_SIZE,
          KEY_CACHE_SIZE,
          KEY_FETCH_TIMEOUT,
          PROVIDER,
          VERIFIED_TOKEN_CACHE_SIZE);

  private AlbAuthProperties() {}

  /**
   * Returns every key alb-auth-core reads.
   *
   * @return the keys, unmodifiable
   */
  public static List<String> keys() {
    return KEYS;
  }

  /**
   * Returns the environment variable that carries a key: {@code ALBAUTH_} and the rest of the
   * key in upper case, with {@code .} and {@code -} turned into {@code _}.
   *
   * @param key a key starting with {@code albauth.}
   * @return e.g. {@code ALBAUTH_EXPECTED_SIGNERS}
   */
  public static String environmentVariable(String key) {
    requireNonNull(key, "key");
    if (!key.startsWith("albauth.")) {
      throw new IllegalArgumentException("key " + key + " does not start with albauth.");
    }
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Reads alb-auth-core's keys from the process environment.
   *
   * @return key to value for every variable that is set, in {@link #keys()} order
   */
  public static Map<String, String> fromEnvironment() {
    return fromEnvironment(System.getenv(), KEYS);
  }

  /**
   * Reads the given keys from an environment map (other modules pass their own keys).
   *
   * @param environment the environment, e.g. {@link System#getenv()}
   * @param keys the {@code albauth.*} keys to look for
   * @return key to value for every variable that is set, in key order
   */
  public static Map<String, String> fromEnvironment(Map<String, String> environment, List<String> keys) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : keys) {
      String value = environment.get(environmentVariable(key));
      if (value != null) {
        result.put(key, value);
      }
    }
    return result;
  }

  /**
   * Copies the {@code albauth.*} entries of a {@link Properties} into a map.
   *
   * @param properties the properties
   * @return key to value of every {@code albauth.*} property
   */
  public static Map<String, String> fromProperties(Properties properties) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("albauth.")) {
        result.put(name, properties.getProperty(name));
      }
    }
    return result;
  }
}
