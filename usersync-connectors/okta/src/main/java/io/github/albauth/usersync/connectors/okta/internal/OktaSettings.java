package io.github.albauth.usersync.connectors.okta.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The declarations of usersync-connector-okta's {@code albauth.okta.*} keys, one per option of
 * {@code OktaConfig.Builder}. Stateless and thread-safe.
 */
public final class OktaSettings implements SettingsProvider {

  /** The keys' prefix and the shared HTTP keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("okta", "Okta");

  /** {@code albauth.okta.org-url}. */
  public static final Setting<String> ORG_URL = Setting.text(KEYS.key("org-url"), "required",
      "the Okta org's URL, `https://{yourOktaDomain}`");
  /** {@code albauth.okta.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "okta",
      "source id the org's users are stored under");
  /** {@code albauth.okta.api-token} (secret). */
  public static final Setting<String> API_TOKEN = Setting.text(KEYS.key("api-token"), "—",
      "API token (`SSWS`; secret); or the service-app keys");
  /** {@code albauth.okta.client-id}. */
  public static final Setting<String> CLIENT_ID = Setting.text(KEYS.key("client-id"), "—",
      "service app's client id (`private_key_jwt`), with `private-key`");
  /** {@code albauth.okta.private-key} (secret). */
  public static final Setting<String> PRIVATE_KEY = Setting.text(KEYS.key("private-key"), "—",
      "service app's RSA or EC private key, PKCS #8 PEM text (secret)");
  /** {@code albauth.okta.key-id}. */
  public static final Setting<String> KEY_ID = Setting.text(KEYS.key("key-id"), "none",
      "`kid` of the service app's public key");
  /** {@code albauth.okta.groups}. */
  public static final Setting<List<String>> GROUPS = Setting.list(KEYS.key("groups"),
      "every user", "ids of the Okta groups whose members are in scope");
  /** {@code albauth.okta.user-page-size}. */
  public static final Setting<Integer> USER_PAGE_SIZE = Setting.integer(
      KEYS.key("user-page-size"), 1, 200, "200", "users per page");
  /** {@code albauth.okta.group-page-size}. */
  public static final Setting<Integer> GROUP_PAGE_SIZE = Setting.integer(
      KEYS.key("group-page-size"), 1, 200, "200", "groups per page");
  /** {@code albauth.okta.member-page-size}. */
  public static final Setting<Integer> MEMBER_PAGE_SIZE = Setting.integer(
      KEYS.key("member-page-size"), 1, 1000, "1000", "group members per page");

  /** The keys whose values no message may show. */
  public static final List<Setting<?>> SECRETS = List.of(API_TOKEN, PRIVATE_KEY);

  private static final List<Setting<?>> ALL = KEYS.settings(ORG_URL, SOURCE_ID, API_TOKEN, CLIENT_ID,
      PRIVATE_KEY, KEY_ID, GROUPS, USER_PAGE_SIZE, GROUP_PAGE_SIZE, MEMBER_PAGE_SIZE);

  /** For {@link java.util.ServiceLoader}. */
  public OktaSettings() {}

  @Override
  public String module() {
    return "usersync-connector-okta";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: that the org URL is an https URL and the private key a key.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static void validate(Settings configuration) {
    configuration.get(ORG_URL).ifPresent(OktaSettings::orgUrl);
    configuration.get(PRIVATE_KEY).ifPresent(pem -> ConnectorKeys.privateKey(PRIVATE_KEY.name(), pem));
  }

  /**
   * Reads {@code albauth.okta.org-url}.
   *
   * @param value the key's value
   * @return the URL, without a trailing slash
   * @throws IllegalArgumentException naming the key
   */
  public static URI orgUrl(String value) {
    try {
      return Records.requireHttps(new URI(value), ORG_URL.name() + ":");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ORG_URL.name() + ": " + e.getMessage(), e);
    }
  }

}
