package io.github.albauth.usersync.mapping;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Default mappings per identity provider, named like the {@code albauth.idp} presets: what {@code
 * username}, {@code email}, {@code displayName}, {@code groups} and {@code active} are, for the
 * claims the ALB forwards (the IdP's userinfo response, {@link Source#CLAIMS}) and for the user
 * records of the IdP's directory API ({@link Source#DIRECTORY}). Explicit mappings override a
 * preset attribute by attribute; an empty expression removes one.
 *
 * <p>Immutable and thread-safe.
 */
// The two Map fields are unmodifiable copies made in the constructor (ordered()); Error Prone
// counts every java.util.Map as mutable because the JDK has no immutable map type it recognises.
@SuppressWarnings("ImmutableEnumChecker")
public enum MappingPreset {

  /** Amazon Cognito: userinfo has {@code username}; directory users are AdminGetUser/ListUsers JSON. */
  COGNITO("cognito",
      Map.of(
          "username", "username ?? `cognito:username` ?? email ?? sub",
          "email", "email",
          "displayName", "name ?? join(\" \", given_name, family_name) ?? username",
          "groups", "`cognito:groups`"),
      Map.of(
          "username", "Username",
          "email", "lookup(Attributes ?? UserAttributes, \"Name\", \"email\", \"Value\")",
          "displayName", "lookup(Attributes ?? UserAttributes, \"Name\", \"name\", \"Value\")"
              + " ?? join(\" \", lookup(Attributes ?? UserAttributes, \"Name\", \"given_name\","
              + " \"Value\"), lookup(Attributes ?? UserAttributes, \"Name\", \"family_name\","
              + " \"Value\")) ?? Username",
          "active", "Enabled")),

  /**
   * Microsoft Entra ID: userinfo has only sub, name, given/family name, picture and email; {@code
   * upn} and {@code preferred_username} appear when token claims are mapped. Directory users are
   * Microsoft Graph user JSON.
   */
  ENTRA("entra",
      oidcClaims("upn ?? preferred_username ?? email", "groups ?? roles"),
      Map.of(
          "username", "userPrincipalName",
          "email", "mail",
          "displayName", "displayName ?? join(\" \", givenName, surname)",
          "active", "accountEnabled")),

  /** Okta: userinfo has preferred_username (the Okta login); directory users are Okta Users API JSON. */
  OKTA("okta",
      oidcClaims("preferred_username ?? email ?? sub", "groups"),
      Map.of(
          "username", "profile.login",
          "email", "profile.email",
          "displayName", "profile.displayName ?? join(\" \", profile.firstName, profile.lastName)",
          "active", "if(present(status), !contains([\"SUSPENDED\", \"DEPROVISIONED\"], status))")),

  /** Google: userinfo has email, name, hd and no groups; directory users are Admin SDK Directory JSON. */
  GOOGLE("google",
      oidcClaims("email ?? sub", null),
      Map.of(
          "username", "primaryEmail",
          "email", "primaryEmail",
          "displayName", "name.fullName ?? join(\" \", name.givenName, name.familyName)",
          "active", "if(present(suspended), !suspended)")),

  /**
   * Keycloak: userinfo has preferred_username, groups with a group mapper, realm roles in
   * realm_access.roles; directory users are Admin REST UserRepresentation JSON.
   */
  KEYCLOAK("keycloak",
      oidcClaims("preferred_username ?? email ?? sub", "groups ?? realm_access.roles"),
      Map.of(
          "username", "username",
          "email", "email",
          "displayName", "join(\" \", firstName, lastName) ?? username",
          "active", "enabled")),

  /** OneLogin: userinfo has preferred_username; directory users are API v2 user JSON (status 0 unactivated, 2 suspended). */
  ONELOGIN("onelogin",
      oidcClaims("preferred_username ?? email ?? sub", "groups"),
      Map.of(
          "username", "username ?? email",
          "email", "email",
          "displayName", "join(\" \", firstname, lastname) ?? username",
          "active", "if(present(status), !contains([0, 2], status))")),

  /** Any other OIDC provider: the standard OIDC claims. */
  OTHER("other",
      oidcClaims("preferred_username ?? username ?? email ?? sub", "groups"),
      Map.of(
          "username", "username ?? userName ?? login ?? email",
          "email", "email ?? mail",
          "displayName", "displayName ?? join(\" \", firstName, lastName)",
          "active", "active ?? enabled"));

  /** Which kind of input a preset mapping reads. */
  public enum Source {
    /** The claims the ALB forwards: the IdP's userinfo response (and token claims, if mapped). */
    CLAIMS,
    /** A user record from the IdP's directory API, as a connector returns it. */
    DIRECTORY
  }

  private final String id;
  private final Map<String, String> claims;
  private final Map<String, String> directory;

  MappingPreset(String id, Map<String, String> claims, Map<String, String> directory) {
    this.id = id;
    this.claims = ordered(claims);
    this.directory = ordered(directory);
  }

  /** The standard OIDC userinfo claims: email, name or given and family name. */
  private static Map<String, String> oidcClaims(String username, @Nullable String groups) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("username", username);
    m.put("email", "email");
    m.put("displayName", "name ?? join(\" \", given_name, family_name)");
    if (groups != null) {
      m.put("groups", groups);
    }
    return m;
  }

  private static Map<String, String> ordered(Map<String, String> expressions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : List.of("username", "email", "displayName", "groups", "active")) {
      if (expressions.containsKey(name)) {
        out.put(name, expressions.get(name));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@return the preset's name as used by {@code albauth.idp}, e.g. {@code entra}} */
  public String id() {
    return id;
  }

  /**
   * {@return the preset's expressions for one kind of input: attribute name to expression, in the
   * order username, email, displayName, groups, active; unmodifiable}
   *
   * @param source claims or directory records
   */
  public Map<String, String> expressions(Source source) {
    return source == Source.CLAIMS ? claims : directory;
  }

  /**
   * Returns the preset with that {@code albauth.idp} name (case-insensitive).
   *
   * @param id a preset name such as {@code entra}
   * @return the preset
   * @throws IllegalArgumentException when no preset has that name
   */
  public static MappingPreset forId(String id) {
    for (MappingPreset p : values()) {
      if (p.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown idp preset '" + id + "'; use one of "
        + Arrays.stream(values()).map(MappingPreset::id).collect(Collectors.joining(", ")));
  }
}
