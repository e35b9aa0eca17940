package io.github.albauth.usersync.connectors.entra.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.entra.EntraCloud;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The declarations of usersync-connector-entra's {@code albauth.entra.*} keys, one per option of
 * {@code EntraConfig.Builder}. Stateless and thread-safe.
 */
public final class EntraSettings implements SettingsProvider {

  /** The keys' prefix and the shared HTTP keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("entra", "Microsoft Graph");
  /** A Graph property name. */
  public static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** {@code albauth.entra.tenant-id}. */
  public static final Setting<String> TENANT_ID = Setting.text(KEYS.key("tenant-id"), "required",
      "directory (tenant) id or a verified domain such as `contoso.onmicrosoft.com`");
  /** {@code albauth.entra.client-id}. */
  public static final Setting<String> CLIENT_ID = Setting.text(KEYS.key("client-id"), "required",
      "the app registration's application (client) id");
  /** {@code albauth.entra.client-secret} (secret). */
  public static final Setting<String> CLIENT_SECRET = Setting.text(KEYS.key("client-secret"), "—",
      "client secret (secret); or `certificate` and `private-key`");
  /** {@code albauth.entra.certificate}. */
  public static final Setting<String> CERTIFICATE = Setting.text(KEYS.key("certificate"), "—",
      "certificate credential, X.509 PEM text, with `private-key`");
  /** {@code albauth.entra.private-key} (secret). */
  public static final Setting<String> PRIVATE_KEY = Setting.text(KEYS.key("private-key"), "—",
      "the certificate's RSA or EC private key, PKCS #8 PEM text (secret)");
  /** {@code albauth.entra.cloud}. */
  public static final Setting<String> CLOUD = Setting.choice(KEYS.key("cloud"), cloudNames(),
      "global", "national cloud: token service and Microsoft Graph roots");
  /** {@code albauth.entra.groups}. */
  public static final Setting<List<String>> GROUPS = Setting.list(KEYS.key("groups"),
      "every user", "object ids of the groups whose members are in scope");
  /** {@code albauth.entra.transitive-members}. */
  public static final Setting<Boolean> TRANSITIVE_MEMBERS = Setting.bool(
      KEYS.key("transitive-members"), "false", "members of nested groups count as members");
  /** {@code albauth.entra.select}. */
  public static final Setting<List<String>> SELECT = Setting.list(KEYS.key("select"), "—",
      "user properties to read besides the defaults, e.g. `department`");
  /** {@code albauth.entra.page-size}. */
  public static final Setting<Integer> PAGE_SIZE = Setting.integer(KEYS.key("page-size"), 1, 999,
      "999", "users, groups and members per page (`$top`)");
  /** {@code albauth.entra.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "entra",
      "source id the tenant's users are stored under");

  /** The keys whose values no message may show. */
  public static final List<Setting<?>> SECRETS = List.of(CLIENT_SECRET, PRIVATE_KEY);

  private static final List<Setting<?>> ALL = KEYS.settings(TENANT_ID, CLIENT_ID, CLIENT_SECRET,
      CERTIFICATE, PRIVATE_KEY, CLOUD, GROUPS, TRANSITIVE_MEMBERS, SELECT, PAGE_SIZE, SOURCE_ID);

  /** For {@link java.util.ServiceLoader}. */
  public EntraSettings() {}

  @Override
  public String module() {
    return "usersync-connector-entra";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: the tenant id, the property names, the PEM texts.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static void validate(Settings configuration) {
    configuration.get(TENANT_ID).ifPresent(EntraSettings::tenantId);
    configuration.get(SELECT).ifPresent(properties -> {
      for (String property : properties) {
        property(SELECT.name() + ":", property);
      }
    });
    configuration.get(CERTIFICATE).ifPresent(EntraSettings::certificate);
    configuration.get(PRIVATE_KEY).ifPresent(pem -> ConnectorKeys.privateKey(PRIVATE_KEY.name(), pem));
  }

  /**
   * Checks a tenant id or domain.
   *
   * @param id the value
   * @return it
   * @throws IllegalArgumentException when it is no tenant id
   */
  public static String tenantId(String id) {
    if (id.isBlank() || id.contains("/") || id.contains("?") || id.contains("#")) {
      throw new IllegalArgumentException(TENANT_ID.name() + ": " + id
          + " is not a tenant id or domain");
    }
    return id;
  }

  /**
   * Checks a Graph property name.
   *
   * @param what what it is, for the message
   * @param property the name
   * @return it
   * @throws IllegalArgumentException when it is no property name
   */
  public static String property(String what, String property) {
    if (!PROPERTY.matcher(property).matches()) {
      throw new IllegalArgumentException(what + " \"" + property + "\" is not a Graph property name");
    }
    return property;
  }

  /**
   * Reads {@code albauth.entra.cloud}.
   *
   * @param name a choice of the key
   * @return the cloud
   */
  public static EntraCloud cloud(String name) {
    return EntraCloud.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * Reads {@code albauth.entra.certificate}.
   *
   * @param pem the PEM text
   * @return the certificate
   * @throws IllegalArgumentException naming the key
   */
  public static X509Certificate certificate(String pem) {
    return ConnectorKeys.certificate(CERTIFICATE.name(), pem);
  }


  private static List<String> cloudNames() {
    List<String> names = new ArrayList<>();
    for (EntraCloud cloud : EntraCloud.values()) {
      names.add(cloud.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return names;
  }
}
