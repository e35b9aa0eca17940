package io.github.albauth.usersync.mapping;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Default mappings of the user records an identity provider's directory API returns (what a
 * connector delivers) to a local user's {@code username}, {@code email}, {@code displayName} and
 * {@code active}, named like the {@code albauth.idp} presets. Explicit mappings override a preset
 * attribute by attribute; an empty expression removes one.
 *
 * <p>The defaults for the claims the ALB forwards are not here: they belong to the one table of IdP
 * presets in {@code alb-auth-core} ({@code IdpPreset.claimMappings()}), which the servlet filter
 * passes to {@link AttributeMapping.Builder#defaults(String, Map)}.
 *
 * <p>Immutable and thread-safe.
 */
// The Map field is an unmodifiable copy made in the constructor (ordered()); Error Prone counts
// every java.util.Map as mutable because the JDK has no immutable map type it recognises.
@SuppressWarnings("ImmutableEnumChecker")
public enum DirectoryPreset {

  /** Amazon Cognito: AdminGetUser/ListUsers JSON. */
  COGNITO("cognito", Map.of(
      "username", "Username",
      "email", "lookup(Attributes ?? UserAttributes, \"Name\", \"email\", \"Value\")",
      "displayName", "lookup(Attributes ?? UserAttributes, \"Name\", \"name\", \"Value\")"
          + " ?? join(\" \", lookup(Attributes ?? UserAttributes, \"Name\", \"given_name\","
          + " \"Value\"), lookup(Attributes ?? UserAttributes, \"Name\", \"family_name\","
          + " \"Value\")) ?? Username",
      // UserStatus as the Cognito connector's CognitoStatus table: only these statuses can sign in
      "active", "Enabled && contains([\"CONFIRMED\", \"FORCE_CHANGE_PASSWORD\","
          + " \"RESET_REQUIRED\", \"EXTERNAL_PROVIDER\"], UserStatus)")),

  /** Microsoft Entra ID: Microsoft Graph user JSON. */
  ENTRA("entra", Map.of(
      "username", "userPrincipalName",
      "email", "mail",
      "displayName", "displayName ?? join(\" \", givenName, surname)",
      "active", "accountEnabled")),

  /** Okta: Users API JSON. */
  OKTA("okta", Map.of(
      "username", "profile.login",
      "email", "profile.email",
      "displayName", "profile.displayName ?? join(\" \", profile.firstName, profile.lastName)",
      "active", "if(present(status), !contains([\"SUSPENDED\", \"DEPROVISIONED\"], status))")),

  /** Google Workspace: Admin SDK Directory API user JSON (suspended and archived are inactive). */
  GOOGLE("google", Map.of(
      "username", "primaryEmail",
      "email", "primaryEmail",
      "displayName", "name.fullName ?? join(\" \", name.givenName, name.familyName)",
      "active", "if(present(suspended) || present(archived), !suspended && !archived)")),

  /** Keycloak: Admin REST UserRepresentation JSON. */
  KEYCLOAK("keycloak", Map.of(
      "username", "username",
      "email", "email",
      "displayName", "join(\" \", firstName, lastName) ?? username",
      "active", "enabled")),

  /**
   * OneLogin: API v2 user JSON; inactive when {@code status} is 0 (unactivated) or 2 (suspended),
   * or {@code state} is 0 (unapproved), 2 (rejected) or 3 (unlicensed).
   */
  ONELOGIN("onelogin", Map.of(
      "username", "username ?? email",
      "email", "email",
      "displayName", "join(\" \", firstname, lastname) ?? username",
      "active", "if(present(status) || present(state),"
          + " !contains([0, 2], status) && !contains([0, 2, 3], state))")),

  /** Any other directory: common field names. */
  OTHER("other", Map.of(
      "username", "username ?? userName ?? login ?? email",
      "email", "email ?? mail",
      "displayName", "displayName ?? join(\" \", firstName, lastName)",
      "active", "active ?? enabled"));

  private final String id;
  private final Map<String, String> expressions;

  DirectoryPreset(String id, Map<String, String> expressions) {
    this.id = id;
    this.expressions = ordered(expressions);
  }

  private static Map<String, String> ordered(Map<String, String> expressions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : List.of("username", "email", "displayName", "active")) {
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
   * {@return the preset's expressions: attribute name to expression, in the order username, email,
   * displayName, active; unmodifiable}
   */
  public Map<String, String> expressions() {
    return expressions;
  }

  /**
   * Returns the preset with that {@code albauth.idp} name (case-insensitive).
   *
   * @param id a preset name such as {@code entra}
   * @return the preset
   * @throws IllegalArgumentException when no preset has that name
   */
  public static DirectoryPreset forId(String id) {
    for (DirectoryPreset p : values()) {
      if (p.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown idp preset '" + id + "'; use one of "
        + Arrays.stream(values()).map(DirectoryPreset::id).collect(Collectors.joining(", ")));
  }
}
