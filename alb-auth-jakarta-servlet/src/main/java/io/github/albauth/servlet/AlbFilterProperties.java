package io.github.albauth.servlet;

import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.mapping.AttributeMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration keys of {@link AlbAuthenticationFilter}, in addition to alb-auth-core's
 * ({@link AlbAuthProperties}) and the mapping DSL's {@code albauth.mapping.<attribute>}; and how
 * the filter reads them from init-params, system properties and the environment.
 *
 * <p>Every key can be given as a filter init-param, a system property, or an environment variable
 * ({@code ALBAUTH_} plus the key in upper snake case: {@code albauth.exclude-paths} is
 * {@code ALBAUTH_EXCLUDE_PATHS}; for mapping keys the attribute is camel-cased back:
 * {@code ALBAUTH_MAPPING_DISPLAY_NAME} is {@code albauth.mapping.displayName}). Init-params win over
 * system properties, which win over the environment. The keys' types, defaults and documentation
 * are declared once in the settings registry; an unknown key fails the filter's start.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlbFilterProperties {

  /** The header carrying the ALB token; default {@code x-amzn-oidc-data}. */
  public static final String TOKEN_HEADER = "albauth.token-header";
  /** The header whose value must equal the token's {@code sub}; default {@code x-amzn-oidc-identity}. */
  public static final String IDENTITY_HEADER = "albauth.identity-header";
  /**
   * Comma-separated path patterns served without authentication (health checks): {@code /health},
   * {@code /actuator/*}, {@code /static/*.css}; see {@link AlbRequestMatcher#paths}.
   */
  public static final String EXCLUDE_PATHS = "albauth.exclude-paths";
  /** Comma-separated patterns whose refusals have a JSON body instead of plain text. */
  public static final String JSON_ERROR_PATHS = "albauth.json-error-paths";
  /** Comma-separated groups; a user must be in at least one of them, else 403. */
  public static final String REQUIRED_GROUPS = "albauth.required-groups";
  /**
   * {@code true} to let groups the store grants satisfy {@link #REQUIRED_GROUPS} (the gate then
   * runs after provisioning); default false.
   */
  public static final String REQUIRED_GROUPS_FROM_STORE = "albauth.required-groups.from-store";
  /** {@code group=role} pairs, comma-separated; unmapped groups are roles as they are. */
  public static final String ROLE_MAPPING = "albauth.role-mapping";
  /** {@code true} to verify {@code x-amzn-oidc-accesstoken} and merge its groups; default false. */
  public static final String ACCESS_TOKEN_GROUPS = "albauth.access-token.groups";
  /** Whether the access token's {@code sub} must equal the ALB token's; default true. */
  public static final String ACCESS_TOKEN_MATCH_SUBJECT = "albauth.access-token.match-subject";
  /**
   * {@code albClaim=accessTokenClaim} pairs that bind the access token to the ALB token where the
   * IdP's two subjects differ (Okta: {@code sub=uid}); every pair must match. Required when {@link
   * #ACCESS_TOKEN_MATCH_SUBJECT} is false.
   */
  public static final String ACCESS_TOKEN_BIND_CLAIMS = "albauth.access-token.bind-claims";
  /** The access-token JWKS URL; default derived from the issuer by the IdP preset. */
  public static final String ACCESS_TOKEN_JWKS_URL = "albauth.access-token.jwks-url";
  /** The access token's issuer; default the single {@code albauth.expected-issuers} value. */
  public static final String ACCESS_TOKEN_ISSUER = "albauth.access-token.issuer";
  /** Accepted access-token audiences / client ids; default {@code albauth.expected-client-ids}. */
  public static final String ACCESS_TOKEN_AUDIENCES = "albauth.access-token.audiences";
  /** How long a provisioning outcome is reused per user, ISO-8601; default {@code PT1M}. */
  public static final String PROVISIONING_CACHE_TTL = "albauth.provisioning.cache-ttl";
  /** The path that logs the user out (expires ALB cookies, redirects to the IdP); default none. */
  public static final String LOGOUT_PATH = "albauth.logout.path";
  /** Where the IdP sends the browser after logout. */
  public static final String LOGOUT_RETURN_TO = "albauth.logout.return-to";
  /** An explicit IdP logout URL template ({@code {issuer}}, {@code {clientId}}, {@code {returnTo}}). */
  public static final String LOGOUT_URL = "albauth.logout.url";
  /** The Cognito user pool domain, for the {@code cognito} logout preset. */
  public static final String LOGOUT_COGNITO_DOMAIN = "albauth.logout.cognito-domain";
  /** The ALB session cookie name; default {@code AWSELBAuthSessionCookie}. */
  public static final String SESSION_COOKIE_NAME = "albauth.logout.session-cookie-name";
  /** Refusals logged at WARN per minute; more are counted and logged at DEBUG; default 20. */
  public static final String FAILURE_LOG_PER_MINUTE = "albauth.failure-log.per-minute";
  /** Prefix of the mapping-DSL keys: {@code albauth.mapping.<attribute>}. */
  public static final String MAPPING_PREFIX = "albauth.mapping.";

  private AlbFilterProperties() {}

  /**
   * Builds the claim mapping the filter uses for these settings: the {@code albauth.idp} preset's
   * claim defaults ({@link IdpPreset#claimMappings()}, preset {@code other} when unset) overridden
   * by {@code albauth.mapping.*}, with custom functions discovered. Give the same mapping to a
   * provisioning {@code SyncEngine} so that login and provisioning agree on the username.
   *
   * @param settings {@code albauth.*} key to value; other keys are ignored
   * @return the compiled mapping
   * @throws io.github.albauth.usersync.mapping.MappingException when an expression does not compile
   * @throws IllegalArgumentException when {@code albauth.idp} or a mapping setting is invalid
   */
  public static AttributeMapping claimMapping(Map<String, String> settings) {
    IdpPreset preset = IdpPreset.fromConfigName(
        settings.getOrDefault(AlbAuthProperties.IDP, IdpPreset.OTHER.configName()));
    return AttributeMapping.builder()
        .discoverFunctions()
        .defaults(preset.configName(), preset.claimMappings())
        .configure(settings)
        .build();
  }

  /**
   * Collects every {@code albauth.*} setting from the environment ({@code ALBAUTH_*}, mapped by the
   * settings registry) and system properties, the latter winning.
   *
   * @param environment the environment, e.g. {@link System#getenv()}
   * @param systemProperties e.g. {@link System#getProperties()}
   * @return key to value, unmodifiable, not yet validated (the builder does that)
   * @throws IllegalArgumentException for an {@code ALBAUTH_*} variable that is no key's
   */
  public static Map<String, String> collect(Map<String, String> environment,
      Properties systemProperties) {
    Map<String, String> settings =
        new LinkedHashMap<>(SettingsRegistry.discover().fromEnvironment(environment));
    settings.putAll(SettingsRegistry.fromProperties(systemProperties));
    return Collections.unmodifiableMap(settings);
  }
}
