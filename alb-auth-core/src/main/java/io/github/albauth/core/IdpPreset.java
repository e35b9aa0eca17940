package io.github.albauth.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each identity provider sends through the ALB, and where its access-token keys live.
 *
 * <p>The ALB's {@code x-amzn-oidc-data} payload is the IdP's <em>userinfo</em> response (plus
 * {@code exp} and {@code iss}), not its ID token, so only claims the userinfo endpoint returns
 * for the ALB's configured scopes are there. The ALB's default scope is just {@code openid}, which
 * with most IdPs yields little more than {@code sub} (Cognito is the exception: {@code openid}
 * alone returns every attribute the app client may read): configure {@code openid email profile}
 * on the listener rule. What the vendors' userinfo endpoints return (their documentation):
 *
 * <ul>
 *   <li>{@link #COGNITO}: {@code sub}, {@code username}, and the user pool attributes the scopes
 *       allow: {@code openid} alone every attribute the app client can read; {@code profile} the
 *       name claims, {@code preferred_username}, custom attributes; {@code email} adds {@code
 *       email}, {@code email_verified}; {@code phone} adds {@code phone_number}. Groups
 *       ({@code cognito:groups}) are only in the access token.
 *   <li>{@link #ENTRA}: Microsoft Graph's userinfo returns {@code sub}, {@code name},
 *       {@code given_name}, {@code family_name}, {@code picture} and {@code email} (when the user
 *       has one and the {@code email} scope is granted). It does <em>not</em> return {@code upn},
 *       {@code oid}, {@code preferred_username} or groups, so the username is {@code email} and
 *       a directory lookup goes by email. The access token is issued for Microsoft Graph and is
 *       not verifiable by applications; groups need the directory sync instead.
 *   <li>{@link #OKTA}: {@code sub}, {@code name}, {@code preferred_username} (the Okta login),
 *       {@code email}, {@code email_verified}, {@code given_name}, {@code family_name},
 *       {@code zoneinfo}, {@code locale}, {@code updated_at}; {@code groups} when a groups claim
 *       is configured for the authorization server.
 *   <li>{@link #GOOGLE}: {@code sub}, {@code name}, {@code given_name}, {@code family_name},
 *       {@code picture}, {@code email}, {@code email_verified}, {@code hd} (Workspace domain).
 *       Google access tokens are opaque, not JWTs: there is nothing to verify locally.
 *   <li>{@link #KEYCLOAK}: {@code sub}, {@code preferred_username}, {@code email},
 *       {@code email_verified}, {@code name}, {@code given_name}, {@code family_name}; roles are
 *       in the access token ({@code realm_access.roles}, {@code resource_access.<client>.roles}).
 *   <li>{@link #ONELOGIN}: {@code sub}, {@code email}, {@code preferred_username},
 *       {@code name}, {@code given_name}, {@code family_name}, {@code updated_at}, and
 *       {@code groups} with the {@code groups} scope.
 *   <li>{@link #OTHER}: standard OIDC claims; username falls back to {@code sub}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
// groupClaims (List.of) and claimMappings (an unmodifiable copy) cannot change; Error Prone counts
// every java.util.List and Map as mutable because the JDK has no immutable type it recognises.
@SuppressWarnings("ImmutableEnumChecker")
public enum IdpPreset {
  /** Amazon Cognito user pools ({@code authenticate-cognito}). */
  COGNITO("cognito", "email", oidcClaims("`cognito:groups`"), "email", "{issuer}/.well-known/jwks.json", true, List.of("cognito:groups")),
  /** Microsoft Entra ID. */
  ENTRA("entra", "email", oidcClaims("groups ?? roles"), "email",
      "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys", false, List.of("groups", "roles")),
  /** Okta (custom authorization server, e.g. {@code https://example.okta.com/oauth2/default}). */
  OKTA("okta", "preferred_username", oidcClaims("groups"), "email",
      "{issuer}/v1/keys", false, List.of("groups")),
  /** Google. */
  GOOGLE("google", "email", oidcClaims(null), "email", null, false, List.of()),
  /** Keycloak. */
  KEYCLOAK("keycloak", "preferred_username",
      oidcClaims("groups ?? realm_access.roles"), "email",
      "{issuer}/protocol/openid-connect/certs", false,
      List.of("realm_access.roles", "resource_access.{client}.roles")),
  /** OneLogin (OIDC, JWT access tokens). */
  ONELOGIN("onelogin", "preferred_username", oidcClaims("groups"), "email",
      "{issuer}/certs", false, List.of("groups")),
  /** Any other OIDC provider. */
  OTHER("other", "email", oidcClaims("groups"), "email", null, false,
      List.of("groups"));

  /** The header carrying the ALB-signed user claims; the same for every IdP. */
  public static final String TOKEN_HEADER = "x-amzn-oidc-data";

  /** The header carrying the IdP's access token, passed through by the ALB. */
  public static final String ACCESS_TOKEN_HEADER = "x-amzn-oidc-accesstoken";

  /** The header carrying the user's {@code sub}, unsigned. */
  public static final String IDENTITY_HEADER = "x-amzn-oidc-identity";

  private final String configName;
  private final String usernameClaim;
  private final Map<String, String> claimMappings;
  private final String lookupAttribute;
  private final @Nullable String jwksPattern;
  private final boolean requiresAccessTokenUse;
  private final List<String> groupClaims;

  IdpPreset(
      String configName,
      String usernameClaim,
      Map<String, String> otherClaimMappings,
      String lookupAttribute,
      @Nullable String jwksPattern,
      boolean requiresAccessTokenUse,
      List<String> groupClaims) {
    this.configName = configName;
    this.usernameClaim = usernameClaim;
    Map<String, String> mappings = new LinkedHashMap<>();
    // the username means the same here as in AlbIdentity.username(): the claim, else the subject
    mappings.put("username", quoted(usernameClaim) + " ?? sub");
    mappings.putAll(otherClaimMappings);
    this.claimMappings = Collections.unmodifiableMap(mappings);
    this.lookupAttribute = lookupAttribute;
    this.jwksPattern = jwksPattern;
    this.requiresAccessTokenUse = requiresAccessTokenUse;
    this.groupClaims = groupClaims;
  }

  /**
   * Returns the value of {@code albauth.idp} that selects this preset.
   *
   * @return e.g. {@code cognito}
   */
  public String configName() {
    return configName;
  }

  /**
   * Returns the header carrying the ALB-signed user claims.
   *
   * @return {@value #TOKEN_HEADER}
   */
  public String tokenHeader() {
    return TOKEN_HEADER;
  }

  /**
   * Returns the userinfo claim used as the username.
   *
   * @return the claim name
   */
  public String usernameClaim() {
    return usernameClaim;
  }

  /**
   * Returns the default mapping of the claims the ALB forwards to a local user's attributes, as
   * expressions of the mapping DSL ({@code usersync-mapping}): {@code username} (the {@link
   * #usernameClaim()}, else {@code sub}: the same username {@link AlbIdentity#username()} gives),
   * {@code email}, {@code displayName} and, where the userinfo carries them, {@code groups}. This is
   * the one table of per-IdP claim defaults; the servlet filter passes it to the mapping.
   *
   * @return attribute name to expression, in the order username, email, displayName, groups;
   *     unmodifiable
   */
  public Map<String, String> claimMappings() {
    return claimMappings;
  }

  /**
   * Returns the userinfo claim whose value a login-time directory lookup searches by.
   *
   * @return the claim name
   */
  public String lookupAttribute() {
    return lookupAttribute;
  }

  /**
   * Returns where the IdP publishes the keys that sign its access tokens, with placeholders
   * {@code {issuer}} (the issuer URL without trailing slash) or {@code {tenant}} (Entra).
   *
   * @return the pattern, or null when the IdP's access tokens cannot be verified locally
   */
  public @Nullable String jwksPattern() {
    return jwksPattern;
  }

  /**
   * Tells whether access tokens carry {@code token_use} that must be {@code access} (Cognito).
   *
   * @return true for Cognito
   */
  public boolean requiresAccessTokenUse() {
    return requiresAccessTokenUse;
  }

  /**
   * Returns the access-token claims holding groups or roles; dots separate nested members and
   * {@code {client}} stands for the client id.
   *
   * @return the claim paths, possibly empty
   */
  public List<String> groupClaims() {
    return groupClaims;
  }

  /** The standard OIDC userinfo claims: email, and name or given and family name. */
  private static Map<String, String> oidcClaims(@Nullable String groups) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("email", "email");
    m.put("displayName", "name ?? join(\" \", given_name, family_name)");
    if (groups != null) {
      m.put("groups", groups);
    }
    return m;
  }

  /** Quotes a claim name for the mapping DSL when it is not a plain identifier (cognito:username). */
  private static String quoted(String claim) {
    return claim.matches("[A-Za-z_][A-Za-z0-9_]*") ? claim : "`" + claim + "`";
  }

  /**
   * Looks a preset up by its configuration name.
   *
   * @param name e.g. {@code entra} (case-insensitive)
   * @return the preset
   * @throws IllegalArgumentException listing the valid names
   */
  public static IdpPreset fromConfigName(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (IdpPreset preset : values()) {
      if (preset.configName.equals(lower)) {
        return preset;
      }
    }
    throw new IllegalArgumentException(
        "idp "
            + '"'
            + name
            + '"'
            + " is unknown; use one of cognito, entra, okta, google, keycloak, onelogin, other");
  }
}
