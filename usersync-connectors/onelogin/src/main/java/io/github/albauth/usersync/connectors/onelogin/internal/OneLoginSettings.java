package io.github.albauth.usersync.connectors.onelogin.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The declarations of usersync-connector-onelogin's {@code albauth.onelogin.*} keys, one per option
 * of {@code OneLoginConfig.Builder}, and the checks of their values that code and keys share.
 * Stateless and thread-safe.
 */
public final class OneLoginSettings implements SettingsProvider {

  /** The keys' prefix and the shared HTTP keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("onelogin", "OneLogin");

  /** The largest page of {@code GET /api/2/users}: "This call returns up to 50 users per page". */
  public static final int MAX_USER_PAGE = 50;
  /** The largest page of {@code GET /api/2/roles}: "Max page limit is 650". */
  public static final int MAX_ROLE_PAGE = 650;
  /** The largest page of {@code GET /api/2/roles/{id}/users} (OneLogin's OpenAPI: "max 100"). */
  public static final int MAX_MEMBER_PAGE = 100;

  /** {@code albauth.onelogin.subdomain}. */
  public static final Setting<String> SUBDOMAIN = Setting.text(KEYS.key("subdomain"),
      "required (or `api-url`)", "the account's subdomain: `acme` for `https://acme.onelogin.com`");
  /** {@code albauth.onelogin.api-url}. */
  public static final Setting<String> API_URL = Setting.text(KEYS.key("api-url"), "—",
      "API base URL instead of the subdomain's, e.g. `https://api.eu.onelogin.com`");
  /** {@code albauth.onelogin.client-id}. */
  public static final Setting<String> CLIENT_ID = Setting.text(KEYS.key("client-id"), "required",
      "the API credential's client id (scope *Read users*)");
  /** {@code albauth.onelogin.client-secret} (secret). */
  public static final Setting<String> CLIENT_SECRET = Setting.text(KEYS.key("client-secret"),
      "required", "the API credential's client secret (secret)");
  /** {@code albauth.onelogin.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "onelogin",
      "source id the account's users are stored under");
  /** {@code albauth.onelogin.roles}. */
  public static final Setting<List<String>> ROLES = Setting.list(KEYS.key("roles"), "every user",
      "ids of the roles whose members are in scope");
  /** {@code albauth.onelogin.custom-attributes}. */
  public static final Setting<Boolean> CUSTOM_ATTRIBUTES = Setting.bool(
      KEYS.key("custom-attributes"), "false", "deliver each user's `custom_attributes`");
  /** {@code albauth.onelogin.user-page-size}. */
  public static final Setting<Integer> USER_PAGE_SIZE = Setting.integer(
      KEYS.key("user-page-size"), 1, MAX_USER_PAGE, Integer.toString(MAX_USER_PAGE),
      "users per page");
  /** {@code albauth.onelogin.role-page-size}. */
  public static final Setting<Integer> ROLE_PAGE_SIZE = Setting.integer(
      KEYS.key("role-page-size"), 1, MAX_ROLE_PAGE, Integer.toString(MAX_ROLE_PAGE),
      "roles per page");
  /** {@code albauth.onelogin.member-page-size}. */
  public static final Setting<Integer> MEMBER_PAGE_SIZE = Setting.integer(
      KEYS.key("member-page-size"), 1, MAX_MEMBER_PAGE, Integer.toString(MAX_MEMBER_PAGE),
      "role members per page");

  /** The keys whose values no message may show. */
  public static final List<Setting<?>> SECRETS = List.of(CLIENT_SECRET);

  private static final List<Setting<?>> ALL = KEYS.settings(SUBDOMAIN, API_URL, CLIENT_ID,
      CLIENT_SECRET, SOURCE_ID, ROLES, CUSTOM_ATTRIBUTES, USER_PAGE_SIZE, ROLE_PAGE_SIZE,
      MEMBER_PAGE_SIZE);

  /** A DNS label: what may stand before {@code .onelogin.com}. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  /** OneLogin's ids are positive integers. */
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

  /** For {@link java.util.ServiceLoader}. */
  public OneLoginSettings() {}

  @Override
  public String module() {
    return "usersync-connector-onelogin";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: the subdomain, the API URL and the role ids.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static void validate(Settings configuration) {
    configuration.get(SUBDOMAIN).ifPresent(value -> subdomain(SUBDOMAIN.name() + ":", value));
    configuration.get(API_URL).ifPresent(OneLoginSettings::apiUrl);
    configuration.get(ROLES).ifPresent(ids -> ids.forEach(id -> roleId(ROLES.name() + ":", id)));
  }

  /**
   * Checks a subdomain.
   *
   * @param what the option or key, for the message
   * @param value the subdomain, e.g. {@code acme}
   * @return it in lower case
   * @throws IllegalArgumentException when it is not one DNS label
   */
  public static String subdomain(String what, String value) {
    String label = value.strip().toLowerCase(Locale.ROOT);
    if (label.endsWith(".onelogin.com")) {
      throw new IllegalArgumentException(what + " " + value + " is a host name; give only the"
          + " subdomain (acme for acme.onelogin.com), or the whole URL as the API URL");
    }
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(what + " \"" + value + "\" is not a subdomain (letters,"
          + " digits and -, as in acme for https://acme.onelogin.com)");
    }
    return label;
  }

  /**
   * Reads {@code albauth.onelogin.api-url}.
   *
   * @param value the key's value
   * @return the URL, without a trailing slash
   * @throws IllegalArgumentException naming the key
   */
  public static URI apiUrl(String value) {
    try {
      return Records.requireHttps(new URI(value), API_URL.name() + ":");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(API_URL.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a role id.
   *
   * @param what the option or key, for the message
   * @param id the id
   * @return it
   * @throws IllegalArgumentException when it is not a OneLogin id (a positive integer)
   */
  public static String roleId(String what, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " role id \"" + id + "\" is not a OneLogin id (a"
          + " positive number); look the ids up in Users > Roles or with GET /api/2/roles");
    }
    return id;
  }
}
