package io.github.albauth.usersync.connectors.keycloak.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The declarations of usersync-connector-keycloak's {@code albauth.keycloak.*} keys, one per
 * option of {@code KeycloakSource.Builder}, and the checks the builder and the keys share.
 * Stateless and thread-safe.
 */
public final class KeycloakSettings implements SettingsProvider {

  /** Keycloak's own default page size. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  /** Keycloak serves larger pages, but a page is held in memory and must fit a timeout. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The keys' prefix and the shared HTTP keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("keycloak", "Keycloak");

  /** {@code albauth.keycloak.server-url}. */
  public static final Setting<String> SERVER_URL = Setting.text(KEYS.key("server-url"),
      "required", "the server's root address, e.g. `https://sso.example.com`");
  /** {@code albauth.keycloak.realm}. */
  public static final Setting<String> REALM = Setting.text(KEYS.key("realm"), "required",
      "the realm whose users are read; the client lives in it too");
  /** {@code albauth.keycloak.client-id}. */
  public static final Setting<String> CLIENT_ID = Setting.text(KEYS.key("client-id"), "required",
      "`clientId` of the confidential client whose service account reads the realm");
  /** {@code albauth.keycloak.client-secret} (secret). */
  public static final Setting<String> CLIENT_SECRET = Setting.text(KEYS.key("client-secret"),
      "required", "the client's secret (secret)");
  /** {@code albauth.keycloak.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "keycloak",
      "source id the realm's users are stored under");
  /** {@code albauth.keycloak.page-size}. */
  public static final Setting<Integer> PAGE_SIZE = Setting.integer(KEYS.key("page-size"), 1,
      MAX_PAGE_SIZE, "100", "users (groups, members) per request");
  /** {@code albauth.keycloak.groups}. */
  public static final Setting<List<String>> GROUPS = Setting.list(KEYS.key("groups"),
      "every user", "paths of the groups whose direct members are in scope, e.g. `/staff`");

  /** The keys whose values no message may show. */
  public static final List<Setting<?>> SECRETS = List.of(CLIENT_SECRET);

  private static final List<Setting<?>> ALL = KEYS.settings(SERVER_URL, REALM, CLIENT_ID,
      CLIENT_SECRET, SOURCE_ID, PAGE_SIZE, GROUPS);

  /** For {@link java.util.ServiceLoader}. */
  public KeycloakSettings() {}

  @Override
  public String module() {
    return "usersync-connector-keycloak";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: that the server URL is an https root address and the groups
   * are Keycloak group paths.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static void validate(Settings configuration) {
    configuration.get(SERVER_URL).ifPresent(KeycloakSettings::serverUrl);
    configuration.get(GROUPS).ifPresent(KeycloakSettings::groupPaths);
  }

  /**
   * Reads {@code albauth.keycloak.server-url}.
   *
   * @param value the key's value
   * @return the server's root address, without a trailing slash
   * @throws IllegalArgumentException naming the key
   */
  public static String serverUrl(String value) {
    try {
      return serverUrl(new URI(value), SERVER_URL.name() + ":");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(SERVER_URL.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a server's root address.
   *
   * @param url the address
   * @param what what it was given as, for the message
   * @return the address, without a trailing slash
   * @throws IllegalArgumentException when it is not https (but on localhost) or has a query
   */
  public static String serverUrl(URI url, String what) {
    URI root = Records.requireHttps(url, what);
    if (root.getRawQuery() != null || root.getRawFragment() != null) {
      throw new IllegalArgumentException(what + " " + url + " has a query or fragment; give"
          + " the server's root, e.g. https://sso.example.com");
    }
    return root.toString();
  }

  /**
   * Reads {@code albauth.keycloak.groups}.
   *
   * @param paths the key's value
   * @return the paths, in order
   * @throws IllegalArgumentException naming the key
   */
  public static List<String> groupPaths(List<String> paths) {
    try {
      return List.copyOf(groupPaths(paths, new LinkedHashSet<>()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(GROUPS.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks group paths and adds them to a set.
   *
   * @param paths group paths, such as {@code /staff} or {@code /staff/engineering}
   * @param into the paths already chosen
   * @return {@code into}
   * @throws IllegalArgumentException for no path, a path that is not one, or one given twice
   */
  public static Set<String> groupPaths(List<? extends @Nullable String> paths, Set<String> into) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no group given; name at least one group path");
    }
    for (String path : paths) {
      if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
        throw new IllegalArgumentException("group path '" + path + "' is not a Keycloak group"
            + " path; give it as /name or /parent/name");
      }
      if (!into.add(path)) {
        throw new IllegalArgumentException("group path " + path + " is given twice");
      }
    }
    return into;
  }
}
