package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbFilterProperties;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The declarations of the filter's {@code albauth.*} keys (names in {@link AlbFilterProperties}).
 * Stateless and thread-safe.
 */
public final class FilterSettings implements SettingsProvider {

  /** {@code albauth.token-header}. */
  public static final Setting<String> TOKEN_HEADER = Setting.text(AlbFilterProperties.TOKEN_HEADER,
      "x-amzn-oidc-data", "header carrying the ALB token");
  /** {@code albauth.identity-header}. */
  public static final Setting<String> IDENTITY_HEADER = Setting.text(
      AlbFilterProperties.IDENTITY_HEADER, "x-amzn-oidc-identity",
      "header whose value must equal the token's `sub`");
  /** {@code albauth.exclude-paths}. */
  public static final Setting<List<String>> EXCLUDE_PATHS = Setting.list(
      AlbFilterProperties.EXCLUDE_PATHS, "none",
      "paths served without authentication: `/health`, `/actuator/*`, `/static/*.css`");
  /** {@code albauth.json-error-paths}. */
  public static final Setting<List<String>> JSON_ERROR_PATHS = Setting.list(
      AlbFilterProperties.JSON_ERROR_PATHS, "none", "paths whose refusals have a JSON body");
  /** {@code albauth.required-groups}. */
  public static final Setting<List<String>> REQUIRED_GROUPS = Setting.list(
      AlbFilterProperties.REQUIRED_GROUPS, "none",
      "a user must be in one of these IdP groups, else 403 (checked before provisioning)");
  /** {@code albauth.required-groups.from-store}. */
  public static final Setting<Boolean> REQUIRED_GROUPS_FROM_STORE = Setting.bool(
      AlbFilterProperties.REQUIRED_GROUPS_FROM_STORE, "false",
      "let groups the store grants satisfy `required-groups` (then users are provisioned first)");
  /** {@code albauth.role-mapping}. */
  public static final Setting<Map<String, String>> ROLE_MAPPING = Setting.pairs(
      AlbFilterProperties.ROLE_MAPPING, "none", "`group=role` pairs for `isUserInRole`");
  /** {@code albauth.access-token.groups}. */
  public static final Setting<Boolean> ACCESS_TOKEN_GROUPS = Setting.bool(
      AlbFilterProperties.ACCESS_TOKEN_GROUPS, "false",
      "verify `x-amzn-oidc-accesstoken` and merge its groups");
  /** {@code albauth.access-token.match-subject}. */
  public static final Setting<Boolean> ACCESS_TOKEN_MATCH_SUBJECT = Setting.bool(
      AlbFilterProperties.ACCESS_TOKEN_MATCH_SUBJECT, "true",
      "the access token's `sub` must equal the ALB token's");
  /** {@code albauth.access-token.bind-claims}. */
  public static final Setting<Map<String, String>> ACCESS_TOKEN_BIND_CLAIMS = Setting.pairs(
      AlbFilterProperties.ACCESS_TOKEN_BIND_CLAIMS, "none",
      "`albClaim=accessTokenClaim` pairs that must be equal (Okta: `sub=uid`); required when"
          + " `match-subject` is false");
  /** {@code albauth.access-token.jwks-url}. */
  public static final Setting<String> ACCESS_TOKEN_JWKS_URL = Setting.text(
      AlbFilterProperties.ACCESS_TOKEN_JWKS_URL, "the preset's, from the issuer",
      "the access token's JWKS URL");
  /** {@code albauth.access-token.issuer}. */
  public static final Setting<String> ACCESS_TOKEN_ISSUER = Setting.text(
      AlbFilterProperties.ACCESS_TOKEN_ISSUER, "the one `expected-issuers` value",
      "the access token's issuer");
  /** {@code albauth.access-token.audiences}. */
  public static final Setting<List<String>> ACCESS_TOKEN_AUDIENCES = Setting.list(
      AlbFilterProperties.ACCESS_TOKEN_AUDIENCES, "`expected-client-ids`",
      "accepted access-token audiences");
  /** {@code albauth.provisioning.cache-ttl}. */
  public static final Setting<Duration> PROVISIONING_CACHE_TTL = Setting.duration(
      AlbFilterProperties.PROVISIONING_CACHE_TTL, Duration.ZERO, Duration.ofDays(1), "PT1M",
      "how long a provisioning outcome is reused for the same subject and claims");
  /** {@code albauth.logout.path}. */
  public static final Setting<String> LOGOUT_PATH = Setting.text(AlbFilterProperties.LOGOUT_PATH,
      "none", "the path that logs the user out (POST only)");
  /** {@code albauth.logout.return-to}. */
  public static final Setting<String> LOGOUT_RETURN_TO = Setting.text(
      AlbFilterProperties.LOGOUT_RETURN_TO, "none", "where the IdP sends the browser after logout");
  /** {@code albauth.logout.url}. */
  public static final Setting<String> LOGOUT_URL = Setting.text(AlbFilterProperties.LOGOUT_URL,
      "the preset's", "IdP logout URL template (`{issuer}`, `{clientId}`, `{returnTo}`)");
  /** {@code albauth.logout.cognito-domain}. */
  public static final Setting<String> LOGOUT_COGNITO_DOMAIN = Setting.text(
      AlbFilterProperties.LOGOUT_COGNITO_DOMAIN, "none", "the Cognito user pool domain, for logout");
  /** {@code albauth.logout.session-cookie-name}. */
  public static final Setting<String> SESSION_COOKIE_NAME = Setting.text(
      AlbFilterProperties.SESSION_COOKIE_NAME, "AWSELBAuthSessionCookie",
      "the ALB session cookie that logout expires (all its `-0…-N` shards)");
  /** {@code albauth.failure-log.per-minute}. */
  public static final Setting<Integer> FAILURE_LOG_PER_MINUTE = Setting.integer(
      AlbFilterProperties.FAILURE_LOG_PER_MINUTE, 0, 100_000, "20",
      "refusals logged at WARN per minute; the rest at DEBUG");

  /** The keys a logout helper given in code replaces. */
  public static final List<Setting<?>> LOGOUT = List.of(LOGOUT_PATH, LOGOUT_RETURN_TO, LOGOUT_URL,
      LOGOUT_COGNITO_DOMAIN, SESSION_COOKIE_NAME);
  /** The keys an access-token verifier given in code replaces. */
  public static final List<Setting<?>> ACCESS_TOKEN_VERIFIER = List.of(ACCESS_TOKEN_JWKS_URL,
      ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCES);

  private static final List<Setting<?>> ALL = List.of(TOKEN_HEADER, IDENTITY_HEADER, EXCLUDE_PATHS,
      JSON_ERROR_PATHS, REQUIRED_GROUPS, REQUIRED_GROUPS_FROM_STORE, ROLE_MAPPING,
      ACCESS_TOKEN_GROUPS, ACCESS_TOKEN_MATCH_SUBJECT, ACCESS_TOKEN_BIND_CLAIMS, ACCESS_TOKEN_JWKS_URL, ACCESS_TOKEN_ISSUER,
      ACCESS_TOKEN_AUDIENCES, PROVISIONING_CACHE_TTL, LOGOUT_PATH, LOGOUT_RETURN_TO, LOGOUT_URL,
      LOGOUT_COGNITO_DOMAIN, SESSION_COOKIE_NAME, FAILURE_LOG_PER_MINUTE);

  /** For {@link java.util.ServiceLoader}. */
  public FilterSettings() {}

  @Override
  public String module() {
    return "alb-auth-jakarta-servlet";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }
}
