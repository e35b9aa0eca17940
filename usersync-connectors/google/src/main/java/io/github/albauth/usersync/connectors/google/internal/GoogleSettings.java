package io.github.albauth.usersync.connectors.google.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The declarations of usersync-connector-google's {@code albauth.google.*} keys, one per option of
 * {@code GoogleConfig.Builder}, and the checks of their values. Stateless and thread-safe.
 */
public final class GoogleSettings implements SettingsProvider {

  /** The keys' prefix and the shared HTTP keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("google", "Google Workspace");

  /** An address: one {@code @}, no blanks, no control or format (bidi) characters. */
  static final Pattern ADDRESS =
      Pattern.compile("[^\\s@\\p{Cntrl}\\p{Cf}]+@[^\\s@\\p{Cntrl}\\p{Cf}]+");
  /** {@code my_customer} or a customer id ({@code C01abc2de}). */
  private static final Pattern CUSTOMER = Pattern.compile("[A-Za-z0-9_]{1,64}");
  /** A DNS name. */
  private static final Pattern DOMAIN = Pattern.compile(
      "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
  /** A custom schema's name (letters, digits, underscores). */
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
  /** A group's id or address as {@code groupKey} takes it. */
  private static final Pattern GROUP_KEY = Pattern.compile("[^\\s/?#\\p{Cntrl}]{1,254}");

  /** {@code albauth.google.service-account-key} (secret). */
  public static final Setting<String> SERVICE_ACCOUNT_KEY = Setting.text(
      KEYS.key("service-account-key"), "—",
      "the service account's JSON key file's content (secret); or `service-account-key-file`");
  /** {@code albauth.google.service-account-key-file}. */
  public static final Setting<String> SERVICE_ACCOUNT_KEY_FILE = Setting.text(
      KEYS.key("service-account-key-file"), "—", "path of the service account's JSON key file");
  /** {@code albauth.google.subject}. */
  public static final Setting<String> SUBJECT = Setting.text(KEYS.key("subject"), "required",
      "the admin the service account acts as (domain-wide delegation), e.g. `sync-admin@example.com`");
  /** {@code albauth.google.customer}. */
  public static final Setting<String> CUSTOMER_ID = Setting.text(KEYS.key("customer"),
      "my_customer", "Workspace account whose users are listed (`my_customer`: the subject's)");
  /** {@code albauth.google.domain}. */
  public static final Setting<String> DOMAIN_NAME = Setting.text(KEYS.key("domain"), "every domain",
      "list only this domain's users and groups (instead of `customer`)");
  /** {@code albauth.google.groups}. */
  public static final Setting<List<String>> GROUPS = Setting.list(KEYS.key("groups"),
      "every user", "ids or addresses of the groups whose direct members are in scope");
  /** {@code albauth.google.custom-schemas}. */
  public static final Setting<List<String>> CUSTOM_SCHEMAS = Setting.list(
      KEYS.key("custom-schemas"), "none", "custom schemas to read with each user (`projection=custom`)");
  /** {@code albauth.google.user-page-size}. */
  public static final Setting<Integer> USER_PAGE_SIZE = Setting.integer(
      KEYS.key("user-page-size"), 1, 500, "500", "users per page (`maxResults`)");
  /** {@code albauth.google.group-page-size}. */
  public static final Setting<Integer> GROUP_PAGE_SIZE = Setting.integer(
      KEYS.key("group-page-size"), 1, 200, "200", "groups per page (`maxResults`)");
  /** {@code albauth.google.member-page-size}. */
  public static final Setting<Integer> MEMBER_PAGE_SIZE = Setting.integer(
      KEYS.key("member-page-size"), 1, 200, "200", "group members per page (`maxResults`)");
  /** {@code albauth.google.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "google",
      "source id the account's users are stored under");
  /** {@code albauth.google.api-url}. */
  public static final Setting<String> API_URL = Setting.text(KEYS.key("api-url"),
      "https://admin.googleapis.com", "root of the Admin SDK API (a private endpoint, a test server)");

  /** The keys whose values no message may show. */
  public static final List<Setting<?>> SECRETS = List.of(SERVICE_ACCOUNT_KEY);

  private static final List<Setting<?>> ALL = KEYS.settings(SERVICE_ACCOUNT_KEY,
      SERVICE_ACCOUNT_KEY_FILE, SUBJECT, CUSTOMER_ID, DOMAIN_NAME, GROUPS, CUSTOM_SCHEMAS,
      USER_PAGE_SIZE, GROUP_PAGE_SIZE, MEMBER_PAGE_SIZE, SOURCE_ID, API_URL);

  /** For {@link java.util.ServiceLoader}. */
  public GoogleSettings() {}

  @Override
  public String module() {
    return "usersync-connector-google";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: the key file, the addresses, names and URL.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}, never showing the key file
   */
  public static void validate(Settings configuration) {
    configuration.get(SERVICE_ACCOUNT_KEY).ifPresent(GoogleSettings::serviceAccountKey);
    configuration.get(SERVICE_ACCOUNT_KEY_FILE).ifPresent(GoogleSettings::serviceAccountKeyFile);
    configuration.get(SUBJECT).ifPresent(value -> subject(SUBJECT.name() + ":", value));
    configuration.get(CUSTOMER_ID).ifPresent(value -> customer(CUSTOMER_ID.name() + ":", value));
    configuration.get(DOMAIN_NAME).ifPresent(value -> domain(DOMAIN_NAME.name() + ":", value));
    configuration.get(GROUPS).ifPresent(keys -> keys.forEach(
        key -> groupKey(GROUPS.name() + ":", key)));
    configuration.get(CUSTOM_SCHEMAS).ifPresent(names -> names.forEach(
        name -> schema(CUSTOM_SCHEMAS.name() + ":", name)));
    configuration.get(API_URL).ifPresent(GoogleSettings::apiUrl);
  }

  /**
   * Reads {@code albauth.google.service-account-key}.
   *
   * @param json the key file's content
   * @return the key
   * @throws IllegalArgumentException naming the key, never showing the value
   */
  public static ServiceAccountKey serviceAccountKey(String json) {
    return ServiceAccountKey.parse(SERVICE_ACCOUNT_KEY.name(), json);
  }

  /**
   * Reads the file {@code albauth.google.service-account-key-file} names.
   *
   * @param path the path
   * @return the key
   * @throws IllegalArgumentException naming the key and the path
   */
  public static ServiceAccountKey serviceAccountKeyFile(String path) {
    try {
      return ServiceAccountKey.read(SERVICE_ACCOUNT_KEY_FILE.name(), Path.of(path));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(SERVICE_ACCOUNT_KEY_FILE.name() + ": not a path ("
          + e.getReason() + ")", e);
    }
  }

  /**
   * Checks the admin's address.
   *
   * @param what the option or key, for the message
   * @param address the value
   * @return it
   * @throws IllegalArgumentException when it is no address
   */
  public static String subject(String what, String address) {
    return require(ADDRESS, what, address, "an address; give the primary address of the admin"
        + " the service account acts as");
  }

  /**
   * Checks a customer id.
   *
   * @param what the option or key, for the message
   * @param id the value
   * @return it
   * @throws IllegalArgumentException when it is no customer id
   */
  public static String customer(String what, String id) {
    return require(CUSTOMER, what, id, "a customer id; give my_customer or the id under Account →"
        + " Account settings (C0…)");
  }

  /**
   * Checks a domain name.
   *
   * @param what the option or key, for the message
   * @param name the value
   * @return it, lower case
   * @throws IllegalArgumentException when it is no domain name
   */
  public static String domain(String what, String name) {
    return require(DOMAIN, what, name, "a domain name such as example.com")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Checks a group's id or address.
   *
   * @param what the option or key, for the message
   * @param key the value
   * @return it
   * @throws IllegalArgumentException when it cannot be a group key
   */
  public static String groupKey(String what, String key) {
    return require(GROUP_KEY, what, key, "a group id or address");
  }

  /**
   * Checks a custom schema's name.
   *
   * @param what the option or key, for the message
   * @param name the value
   * @return it
   * @throws IllegalArgumentException when it is no schema name
   */
  public static String schema(String what, String name) {
    return require(SCHEMA, what, name, "a custom schema name (letters, digits, _)");
  }

  /**
   * Reads {@code albauth.google.api-url}.
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

  private static String require(Pattern pattern, String what, String value, String isNot) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " " + printable(value) + " is not " + isNot);
    }
    return value;
  }

  /** A value for a message: quoted as given, unless control or format characters could hide text. */
  private static String printable(String value) {
    boolean plain = value.length() <= 254 && value.codePoints().noneMatch(
        c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    return plain ? "\"" + value + "\"" : "(a value with control characters, or too long)";
  }
}
