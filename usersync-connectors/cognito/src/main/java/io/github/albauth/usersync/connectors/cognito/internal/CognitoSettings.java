package io.github.albauth.usersync.connectors.cognito.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.usersync.connectors.cognito.CognitoQuota;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declarations of usersync-connector-cognito's {@code albauth.cognito.*} keys, one per option
 * of {@code CognitoConfig.Builder}, and the checks the registry cannot make. Stateless and
 * thread-safe.
 */
public final class CognitoSettings implements SettingsProvider {

  /** The keys' prefix and the shared timeout and retry keys. */
  public static final ConnectorKeys KEYS = ConnectorKeys.of("cognito", "Cognito");

  /**
   * AWS's pattern of a user pool id ({@code [\\w-]+_[0-9a-zA-Z]+}, at most 55 characters), with
   * the Region before the underscore ({@code eu-west-1_AbC123dEf}; cognito-local's {@code local_…}).
   */
  private static final Pattern POOL_ID = Pattern.compile("([a-z0-9-]+)_[0-9a-zA-Z]+");
  /** A Region name, e.g. {@code eu-west-1}, {@code us-gov-west-1}. */
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** {@code albauth.cognito.user-pool-id}. */
  public static final Setting<String> USER_POOL_ID = Setting.text(KEYS.key("user-pool-id"),
      "required", "the user pool id, `<region>_<id>` (e.g. `eu-west-1_AbC123dEf`)");
  /** {@code albauth.cognito.region}. */
  public static final Setting<String> REGION_KEY = Setting.text(KEYS.key("region"),
      "from the pool id", "AWS Region of the pool");
  /** {@code albauth.cognito.endpoint}. */
  public static final Setting<String> ENDPOINT = Setting.text(KEYS.key("endpoint"), "AWS's",
      "endpoint override (https; http for localhost only, e.g. cognito-local)");
  /** {@code albauth.cognito.source-id}. */
  public static final Setting<String> SOURCE_ID = Setting.text(KEYS.key("source-id"), "cognito",
      "source id the pool's users are stored under");
  /** {@code albauth.cognito.groups}. */
  public static final Setting<List<String>> GROUPS = Setting.list(KEYS.key("groups"),
      "every user", "names of the Cognito groups whose members are in scope");
  /** {@code albauth.cognito.page-size}. */
  public static final Setting<Integer> PAGE_SIZE = Setting.integer(KEYS.key("page-size"), 1, 60,
      "60", "users and groups per page (Cognito allows at most 60)");
  /** {@code albauth.cognito.group-names}. */
  public static final Setting<String> GROUP_NAMES = Setting.choice(KEYS.key("group-names"),
      List.of("group-name", "description"), "group-name",
      "what names a source group: its `GroupName`, or its `Description` (the `GroupName` stays the id)");
  /** {@code albauth.cognito.rates}. */
  public static final Setting<Map<String, String>> RATES = Setting.pairs(KEYS.key("rates"),
      "documented quotas; UserList 5 for listings",
      "requests per second per quota category, e.g. `UserList=5, UserUpdate=20`");
  /** {@code albauth.cognito.invitation}. */
  public static final Setting<String> INVITATION = Setting.choice(KEYS.key("invitation"),
      List.of("suppress", "email", "sms", "email-and-sms"), "suppress",
      "the invitation a provisioned user gets from Cognito");
  /** {@code albauth.cognito.email-verified}. */
  public static final Setting<Boolean> EMAIL_VERIFIED = Setting.bool(KEYS.key("email-verified"),
      "false", "mark the email addresses albauth writes as verified");
  /** {@code albauth.cognito.phone-verified}. */
  public static final Setting<Boolean> PHONE_VERIFIED = Setting.bool(KEYS.key("phone-verified"),
      "false", "mark the phone numbers albauth writes as verified");
  /** {@code albauth.cognito.delete-users}. */
  public static final Setting<Boolean> DELETE_USERS = Setting.bool(KEYS.key("delete-users"),
      "false", "let the engine delete users from the pool (else they are only disabled)");

  private static final List<Setting<?>> ALL = KEYS.settings(USER_POOL_ID, REGION_KEY, ENDPOINT,
      SOURCE_ID, GROUPS, PAGE_SIZE, GROUP_NAMES, RATES, INVITATION, EMAIL_VERIFIED, PHONE_VERIFIED,
      DELETE_USERS);

  /** For {@link java.util.ServiceLoader}. */
  public CognitoSettings() {}

  @Override
  public String module() {
    return "usersync-connector-cognito";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }

  /**
   * Checks what the registry cannot: the pool id's and Region's form, the endpoint, the rates.
   *
   * @param configuration settings read by the registry
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static void validate(Settings configuration) {
    configuration.get(USER_POOL_ID).ifPresent(id -> userPoolId(USER_POOL_ID.name(), id));
    configuration.get(REGION_KEY).ifPresent(r -> region(REGION_KEY.name(), r));
    configuration.get(ENDPOINT).ifPresent(CognitoSettings::endpoint);
    configuration.get(RATES).ifPresent(CognitoSettings::rates);
  }

  /**
   * Checks a user pool id and returns its Region.
   *
   * @param what the option or key, for the message
   * @param id the id, e.g. {@code eu-west-1_AbC123dEf}
   * @return the Region part, e.g. {@code eu-west-1}
   * @throws IllegalArgumentException when it is not a user pool id
   */
  public static String userPoolId(String what, String id) {
    var m = POOL_ID.matcher(id);
    if (id.length() > 55 || !m.matches()) {
      throw new IllegalArgumentException(what + ": \"" + Calls.escape(id) + "\" is not a user"
          + " pool id; give <region>_<id> as the Cognito console shows it, e.g. eu-west-1_AbC123dEf");
    }
    return m.group(1);
  }

  /**
   * Checks a Region name.
   *
   * @param what the option or key, for the message
   * @param region e.g. {@code eu-west-1}
   * @return the Region
   * @throws IllegalArgumentException when it is not a Region name
   */
  public static String region(String what, String region) {
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(what + ": \"" + Calls.escape(region) + "\" is not an"
          + " AWS Region name; give e.g. eu-west-1");
    }
    return region;
  }

  /**
   * Reads {@code albauth.cognito.endpoint}.
   *
   * @param value the key's value
   * @return the URL, without a trailing slash
   * @throws IllegalArgumentException naming the key
   */
  public static URI endpoint(String value) {
    try {
      return Records.requireHttps(new URI(value), ENDPOINT.name() + ":");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ENDPOINT.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code albauth.cognito.rates}.
   *
   * @param pairs category name to requests per second
   * @return the rates by category
   * @throws IllegalArgumentException naming the key, the category or the bad number
   */
  public static Map<CognitoQuota, Double> rates(Map<String, String> pairs) {
    Map<CognitoQuota, Double> rates = new EnumMap<>(CognitoQuota.class);
    pairs.forEach((category, rate) -> {
      CognitoQuota quota;
      try {
        quota = CognitoQuota.of(category);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(RATES.name() + ": " + e.getMessage(), e);
      }
      double perSecond;
      try {
        perSecond = Double.parseDouble(rate);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(RATES.name() + ": " + category + "=" + Calls.escape(rate)
            + " is not a number of requests per second", e);
      }
      rates.put(quota, requireRate(RATES.name() + ": " + category, perSecond));
    });
    return Collections.unmodifiableMap(rates);
  }

  /**
   * Checks a rate.
   *
   * @param what the option, for the message
   * @param perSecond requests per second
   * @return the rate
   * @throws IllegalArgumentException unless it is above 0 and at most 10,000
   */
  public static double requireRate(String what, double perSecond) {
    if (!(perSecond > 0 && perSecond <= 10_000)) {
      throw new IllegalArgumentException(what + " is " + perSecond
          + " requests per second; give more than 0 and at most 10000");
    }
    return perSecond;
  }
}
