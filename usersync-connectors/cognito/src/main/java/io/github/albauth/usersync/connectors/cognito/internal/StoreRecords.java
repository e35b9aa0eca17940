package io.github.albauth.usersync.connectors.cognito.internal;

import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.Usernames;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * How the store writes the engine's users and groups into a pool and reads them back: attribute
 * names, values, albauth's own attributes and group descriptions, and the checks that keep hostile
 * text out of Cognito. Stateless and thread-safe.
 *
 * <ul>
 *   <li>A user's Cognito {@code Username} never changes, so it is not the engine's username: a
 *       managed user's is {@link #cognitoUsername(String, String)}, derived from its source and
 *       external id; the engine's username is {@code preferred_username}.
 *   <li>{@code custom:albauth_source} and {@code custom:albauth_id} hold the source and external
 *       id; {@code custom:albauth_grp} the memberships whose owner is not the default.
 *   <li>{@code displayName}, {@code givenName}, {@code familyName} are {@code name}, {@code
 *       given_name}, {@code family_name}; Cognito's other standard attributes keep their names;
 *       any other attribute {@code x} is {@code custom:x}.
 * </ul>
 */
public final class StoreRecords {

  /** The source that manages a user. */
  public static final String SOURCE = "custom:albauth_source";
  /** The user's id in its source. */
  public static final String EXTERNAL_ID = "custom:albauth_id";
  /** Memberships whose owner is not the default ({@link #owners}). */
  public static final String OWNERS = "custom:albauth_grp";
  /** The attribute holding the engine's username. */
  public static final String USERNAME = "preferred_username";

  private static final Map<String, String> RENAMED = Map.of(
      "displayName", "name", "givenName", "given_name", "familyName", "family_name");
  private static final Map<String, String> RENAMED_BACK = Map.of(
      "name", "displayName", "given_name", "givenName", "family_name", "familyName");
  private static final Set<String> STANDARD = Set.of("email", "email_verified", "phone_number",
      "phone_number_verified", "middle_name", "nickname", "profile", "picture", "website",
      "gender", "birthdate", "zoneinfo", "locale", "address", "updated_at");
  private static final Set<String> VERIFIED = Set.of("email_verified", "phone_number_verified");
  private static final Set<String> NOT_THE_ENGINES = Set.of("sub", USERNAME, "identities",
      SOURCE, EXTERNAL_ID, OWNERS);
  private static final int MAX_VALUE = 2048;
  private static final Pattern COGNITO_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_]{1,20}");
  private static final String MARKER = "albauth: managed by source ";
  private static final Pattern MARKED =
      Pattern.compile(Pattern.quote(MARKER) + "(\\S+), external id (\\S+)");

  private StoreRecords() {}

  /**
   * The Cognito username of a managed user: the SHA-256 of its source and external id, in hex.
   * Cognito usernames cannot change, so (source, external id), which never changes either, makes
   * one; it is unique exactly when the pair is, so Cognito itself refuses a second user of one
   * source with one external id, and {@code AdminGetUser} finds a user by the pair.
   *
   * @param source the source id
   * @param externalId the id in the source
   * @return 64 lower-case hex digits
   */
  public static String cognitoUsername(String source, String externalId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(
          (source + "\u0000" + externalId).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Checks a name (username, group name) the store writes: canonical (Unicode NFC, no control,
   * bidi or zero-width character) and, for a group, Cognito's pattern (letters, marks, symbols,
   * numbers, punctuation: no spaces), at most 128 characters.
   *
   * @param name the name
   * @param what e.g. {@code "username"}
   * @param groupName whether Cognito's group-name pattern applies
   * @return the name
   * @throws UserSyncException ({@link Reason#INVALID_USER}) saying what is wrong, never echoing
   *     the offending character
   */
  public static String requireName(String name, String what, boolean groupName) {
    Usernames.Result checked = Usernames.canonicalize(name);
    if (!checked.isValid() || !name.equals(checked.username())) {
      throw new UserSyncException(Reason.INVALID_USER, what + " refused before it reaches"
          + " Cognito: " + (checked.isValid() ? "not in Unicode NFC" : checked.reason()));
    }
    if (name.length() > 128 || (groupName && !COGNITO_NAME.matcher(name).matches())) {
      throw new UserSyncException(Reason.INVALID_USER, what + " \"" + Calls.escape(name)
          + "\" is not a Cognito group name: at most 128 letters, marks, symbols, numbers and"
          + " punctuation, no spaces; map group names to such (e.g. replace spaces with -)");
    }
    return name;
  }

  /**
   * Writes one of the engine's attributes as a Cognito attribute.
   *
   * @param name the engine's name, e.g. {@code displayName}, {@code email}, {@code department}
   * @param value a string, boolean or number
   * @return the Cognito attribute
   * @throws UserSyncException ({@link Reason#INVALID_USER}) for a reserved or malformed name, a
   *     value of another type, an empty, hostile or too long value
   */
  public static AttributeType toCognito(String name, Object value) {
    return AttributeType.builder().name(cognitoName(name)).value(text(name, value)).build();
  }

  /**
   * The Cognito name of one of the engine's attributes.
   *
   * @param name the engine's name
   * @return the Cognito name
   * @throws UserSyncException ({@link Reason#INVALID_USER}) for a reserved or malformed name
   */
  public static String cognitoName(String name) {
    String renamed = RENAMED.get(name);
    if (renamed != null) {
      return renamed;
    }
    if (STANDARD.contains(name)) {
      return name;
    }
    if (RENAMED_BACK.containsKey(name) || NOT_THE_ENGINES.contains(name)
        || name.startsWith("albauth_") || !ATTRIBUTE_NAME.matcher(name).matches()) {
      throw new UserSyncException(Reason.INVALID_USER, "attribute \"" + Calls.escape(name)
          + "\" cannot be written to Cognito: use displayName, givenName, familyName, a standard"
          + " attribute (email, phone_number, locale, …), or a name of at most 20 letters, digits"
          + " and _ that the pool has as custom:<name>; preferred_username, sub and albauth_*"
          + " are the store's own");
    }
    return "custom:" + name;
  }

  private static String text(String name, Object value) {
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Boolean || value instanceof Number) {
      text = value.toString();
    } else {
      throw new UserSyncException(Reason.INVALID_USER, "attribute " + name + " is a "
          + value.getClass().getSimpleName() + "; Cognito holds text: map it to a string,"
          + " boolean or number");
    }
    Usernames.Result checked = Usernames.canonicalize(text);
    if (!checked.isValid() || text.length() > MAX_VALUE) {
      throw new UserSyncException(Reason.INVALID_USER, "attribute " + name + " refused before"
          + " it reaches Cognito: " + (checked.isValid() ? "longer than " + MAX_VALUE
              + " characters" : String.valueOf(checked.reason()).replace("username", "value")));
    }
    return text;
  }

  /**
   * Reads a Cognito attribute back as one of the engine's.
   *
   * @param name the Cognito name
   * @param value the value
   * @return the engine's name and value, or null for attributes the engine does not own ({@code
   *     sub}, {@code preferred_username}, albauth's own, and the verified flags when false)
   */
  public static Map.@Nullable Entry<String, Object> fromCognito(String name, String value) {
    if (NOT_THE_ENGINES.contains(name)) {
      return null;
    }
    if (VERIFIED.contains(name)) {
      // Cognito sets them false on its own when an address changes: false and absent are alike
      return Boolean.parseBoolean(value) ? Map.<String, Object>entry(name, true) : null;
    }
    String renamed = RENAMED_BACK.get(name);
    if (renamed != null) {
      return Map.entry(renamed, value);
    }
    if (name.startsWith("custom:")) {
      return Map.entry(name.substring("custom:".length()), value);
    }
    return Map.entry(name, value);
  }

  /**
   * A managed group's description.
   *
   * @param source the source id
   * @param externalId the group's id there
   * @return the description
   */
  public static String groupDescription(String source, String externalId) {
    String description = MARKER + encode(source) + ", external id " + encode(externalId);
    if (description.length() > MAX_VALUE) {
      throw new UserSyncException(Reason.INVALID_USER, "the group's source and external id do"
          + " not fit Cognito's description (" + MAX_VALUE + " characters)");
    }
    return description;
  }

  /**
   * Reads a group's description.
   *
   * @param description the description, or null
   * @return the source and external id of a managed group, or null for a local one
   */
  public static String @Nullable [] managedBy(@Nullable String description) {
    if (description == null) {
      return null;
    }
    Matcher m = MARKED.matcher(description);
    return m.matches() ? new String[] {decode(m.group(1)), decode(m.group(2))} : null;
  }

  /**
   * Reads the memberships whose owner is not the default: group name to the owning source, or to
   * the empty string for the host.
   *
   * @param value {@code custom:albauth_grp}, or null
   * @return the owners
   */
  public static Map<String, String> owners(@Nullable String value) {
    Map<String, String> owners = new LinkedHashMap<>();
    if (value != null && !value.isEmpty()) {
      for (String pair : value.split("&", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          owners.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return owners;
  }

  /**
   * Writes the owners.
   *
   * @param owners group name to owner
   * @return the attribute's value
   * @throws UserSyncException ({@link Reason#STORE_FAILED}) when it exceeds 2048 characters
   */
  public static String owners(Map<String, String> owners) {
    StringBuilder out = new StringBuilder();
    owners.forEach((group, owner) -> out.append(out.length() == 0 ? "" : "&")
        .append(encode(group)).append('=').append(encode(owner)));
    if (out.length() > MAX_VALUE) {
      throw new UserSyncException(Reason.STORE_FAILED, "the user is a member of too many groups"
          + " whose owner differs from the default to record them in " + OWNERS + " ("
          + MAX_VALUE + " characters)");
    }
    return out.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
