package io.github.albauth.core.internal;

import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The declarations of alb-auth-core's {@code albauth.*} keys (names in {@link AlbAuthProperties}).
 * Stateless and thread-safe.
 */
public final class CoreSettings implements SettingsProvider {
  /** Smallest accepted token-size limit. */
  public static final int MIN_TOKEN_SIZE = 1024;
  /** Largest accepted token-size limit. */
  public static final int MAX_TOKEN_SIZE = 1 << 20;
  /** Most ALB public keys the cache may hold. */
  public static final int MAX_KEY_CACHE_SIZE = 100_000;
  /** Most entries of the verified-token cache. */
  public static final int MAX_VERIFIED_TOKEN_CACHE = 1_000_000;

  /** {@code albauth.expected-signers}. */
  public static final Setting<List<String>> EXPECTED_SIGNERS = Setting.list(
      AlbAuthProperties.EXPECTED_SIGNERS, "required", "ARNs of your load balancers; a token signed by another is refused");
  /** {@code albauth.region}. */
  public static final Setting<String> REGION = Setting.text(AlbAuthProperties.REGION,
      "the signer ARN's", "region of the key endpoint; must agree with every signer's");
  /** {@code albauth.expected-issuers}. */
  public static final Setting<List<String>> EXPECTED_ISSUERS = Setting.list(
      AlbAuthProperties.EXPECTED_ISSUERS, "any", "allowed `iss` values (the IdP's issuer URL)");
  /** {@code albauth.expected-client-ids}. */
  public static final Setting<List<String>> EXPECTED_CLIENT_IDS = Setting.list(
      AlbAuthProperties.EXPECTED_CLIENT_IDS, "any", "allowed `client` values (the ALB's OIDC client id)");
  /** {@code albauth.public-key-url}. */
  public static final Setting<String> PUBLIC_KEY_URL = Setting.text(AlbAuthProperties.PUBLIC_KEY_URL,
      "AWS's, per partition", "key URL template with `{region}` and `{kid}` (China: required)");
  /** {@code albauth.clock-skew}. */
  public static final Setting<Duration> CLOCK_SKEW = Setting.duration(AlbAuthProperties.CLOCK_SKEW,
      Duration.ZERO, Checks.MAX_CLOCK_SKEW, "PT10S", "allowed clock skew for `exp`, `nbf`, `iat`");
  /** {@code albauth.idp}. */
  public static final Setting<String> IDP = Setting.choice(AlbAuthProperties.IDP, presetNames(),
      "other", "IdP preset: username claim, claim mapping, access-token and logout defaults");
  /** {@code albauth.username-claim}. */
  public static final Setting<String> USERNAME_CLAIM = Setting.text(AlbAuthProperties.USERNAME_CLAIM,
      "the preset's", "claim that `AlbIdentity.username()` reads");
  /** {@code albauth.max-token-size}. */
  public static final Setting<Integer> TOKEN_SIZE = Setting.size(AlbAuthProperties.MAX_TOKEN_SIZE,
      MIN_TOKEN_SIZE, MAX_TOKEN_SIZE, "16k", "largest accepted token, in characters");
  /** {@code albauth.key-cache-size}. */
  public static final Setting<Integer> KEY_CACHE_SIZE = Setting.integer(
      AlbAuthProperties.KEY_CACHE_SIZE, 1, MAX_KEY_CACHE_SIZE, "64", "ALB public keys cached");
  /** {@code albauth.key-fetch-timeout}. */
  public static final Setting<Duration> KEY_FETCH_TIMEOUT = Setting.duration(
      AlbAuthProperties.KEY_FETCH_TIMEOUT, Duration.ofMillis(1), Duration.ofMinutes(1), "PT2S",
      "connect and read timeout of a key fetch, each");
  /** {@code albauth.provider}. */
  public static final Setting<String> PROVIDER = Setting.text(AlbAuthProperties.PROVIDER, "auto",
      "JCA provider for ES256: `auto` (ACCP if present), `jdk`, or an installed provider's name");
  /** {@code albauth.verified-token-cache-size}. */
  public static final Setting<Integer> VERIFIED_TOKEN_CACHE_SIZE = Setting.integer(
      AlbAuthProperties.VERIFIED_TOKEN_CACHE_SIZE, 0, MAX_VERIFIED_TOKEN_CACHE, "0 (off)",
      "verified tokens remembered until they expire");

  private static final List<Setting<?>> ALL = List.of(EXPECTED_SIGNERS, REGION, EXPECTED_ISSUERS,
      EXPECTED_CLIENT_IDS, PUBLIC_KEY_URL, CLOCK_SKEW, IDP, USERNAME_CLAIM, TOKEN_SIZE,
      KEY_CACHE_SIZE, KEY_FETCH_TIMEOUT, PROVIDER, VERIFIED_TOKEN_CACHE_SIZE);

  /** For {@link java.util.ServiceLoader}. */
  public CoreSettings() {}

  @Override
  public String module() {
    return "alb-auth-core";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  private static List<String> presetNames() {
    List<String> names = new ArrayList<>();
    for (IdpPreset preset : IdpPreset.values()) {
      names.add(preset.configName());
    }
    return names;
  }
}
