package io.github.albauth.usersync.connectors.okta;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.okta.internal.OktaSettings;
import io.github.albauth.usersync.connectors.support.Authorization;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.security.PrivateKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link OktaSource} reaches an Okta org: its URL, the credentials (an API token, or an OAuth
 * 2.0 service app with {@code private_key_jwt}), page sizes, the groups in scope, and the HTTP
 * settings (timeouts, retry budget, clock).
 *
 * <pre>{@code
 * OktaConfig config = OktaConfig.builder()
 *     .orgUrl(URI.create("https://example.okta.com"))
 *     .apiToken(System.getenv("ALBAUTH_OKTA_API_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p>Or from {@code albauth.okta.*} keys ({@code ALBAUTH_OKTA_*} environment variables), with the
 * same options: {@code OktaConfig.builder().configure(SettingsRegistry.discover()
 * .fromEnvironment(System.getenv())).build()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret.
 */
public final class OktaConfig {

  /** Okta's documented maximum page size of {@code GET /api/v1/users}. */
  public static final int MAX_USER_PAGE = 200;
  /** The largest group page Okta recommends ({@code GET /api/v1/groups}: "less than or equal to 200"). */
  public static final int MAX_GROUP_PAGE = 200;
  /** The page size of {@code GET /api/v1/groups/{id}/users} (Okta's default, 1000). */
  public static final int MAX_MEMBER_PAGE = 1000;

  private final URI orgUrl;
  private final String sourceId;
  private final Authorization authorization;
  private final String credentialKind;
  private final int userPageSize;
  private final int groupPageSize;
  private final int memberPageSize;
  private final Set<String> groupsInScope;
  private final HttpSettings http;

  private OktaConfig(URI orgUrl, String sourceId, Authorization authorization,
      String credentialKind, int userPageSize, int groupPageSize, int memberPageSize,
      List<String> groupsInScope, HttpSettings http) {
    this.orgUrl = orgUrl;
    this.sourceId = sourceId;
    this.authorization = authorization;
    this.credentialKind = credentialKind;
    this.userPageSize = userPageSize;
    this.groupPageSize = groupPageSize;
    this.memberPageSize = memberPageSize;
    this.groupsInScope = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(groupsInScope));
    this.http = http;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the org's base URL, e.g. {@code https://example.okta.com}} */
  public URI orgUrl() {
    return orgUrl;
  }

  /** {@return the source id users are stored under (default {@code okta})} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return what authorizes the API calls} */
  public Authorization authorization() {
    return authorization;
  }

  /** {@return users per page (default and maximum 200)} */
  public int userPageSize() {
    return userPageSize;
  }

  /** {@return groups per page (default 200)} */
  public int groupPageSize() {
    return groupPageSize;
  }

  /** {@return group members per page (default 1000)} */
  public int memberPageSize() {
    return memberPageSize;
  }

  /** {@return the ids of the groups whose members are in scope, in the order given; empty: every user} */
  public Set<String> groupsInScope() {
    return groupsInScope;
  }

  /** {@return timeouts, retries, pacing and clock} */
  public HttpSettings http() {
    return http;
  }

  @Override
  public String toString() {
    return "OktaConfig[" + orgUrl + ", " + credentialKind + ", source " + sourceId + ", pages "
        + userPageSize + "/" + groupPageSize + "/" + memberPageSize + ", groups in scope "
        + (groupsInScope.isEmpty() ? "all" : groupsInScope) + "]";
  }

  /**
   * Builds {@link OktaConfig}: the org URL and one credential are required. Each option may be set
   * once, in code or by its {@code albauth.okta.*} key ({@link #configure}); given both ways, the
   * values must be equal.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable URI orgUrl;
    private @Nullable String sourceId;
    private @Nullable String apiToken;
    private @Nullable String clientId;
    private @Nullable PrivateKey privateKey;
    private @Nullable String keyId;
    private @Nullable Integer userPageSize;
    private @Nullable Integer groupPageSize;
    private @Nullable Integer memberPageSize;
    private final Set<String> groupsInScope = new LinkedHashSet<>();
    // built on demand: each HttpSettings owns an HttpClient (and its selector thread)
    private @Nullable HttpSettings http;
    private Settings configuration = Settings.empty();

    private Builder() {}

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * Sets the org URL ({@code albauth.okta.org-url}).
     *
     * @param url {@code https://{yourOktaDomain}} (http only for localhost tests)
     * @return this builder
     */
    public Builder orgUrl(URI url) {
      requireUnset(orgUrl != null, "orgUrl");
      orgUrl = Records.requireHttps(url, "orgUrl");
      return this;
    }

    /**
     * Sets the source id users are stored under (default {@code okta}).
     *
     * @param id a non-blank id, stable across restarts
     * @return this builder
     */
    public Builder sourceId(String id) {
      requireUnset(sourceId != null, "sourceId");
      if (Objects.requireNonNull(id, "id").isBlank()) {
        throw new IllegalArgumentException("sourceId is blank");
      }
      sourceId = id;
      return this;
    }

    /**
     * Authenticates with an API token ({@code Authorization: SSWS …}; {@code
     * ALBAUTH_OKTA_API_TOKEN}). A token acts with its creator's admin rights: prefer a read-only
     * admin, or a service app ({@link #serviceApp}).
     *
     * @param token the API token (never logged)
     * @return this builder
     */
    public Builder apiToken(String token) {
      requireUnset(apiToken != null, "apiToken");
      if (Objects.requireNonNull(token, "token").isBlank()) {
        throw new IllegalArgumentException("apiToken is blank; pass the API token from the"
            + " configuration (ALBAUTH_OKTA_API_TOKEN)");
      }
      apiToken = token;
      return this;
    }

    /**
     * Authenticates as an OAuth 2.0 service app with {@code private_key_jwt}, granted the scopes
     * {@code okta.users.read} and {@code okta.groups.read}.
     *
     * @param id the service app's client id
     * @param key the private key whose public half is registered with the app
     * @param kid the key id registered with the app, or null
     * @return this builder
     */
    public Builder serviceApp(String id, PrivateKey key, @Nullable String kid) {
      requireUnset(clientId != null, "serviceApp");
      if (Objects.requireNonNull(id, "id").isBlank()) {
        throw new IllegalArgumentException("the service app's client id is blank");
      }
      clientId = id;
      privateKey = Objects.requireNonNull(key, "key");
      keyId = kid;
      return this;
    }

    /**
     * Sets users per page (default and maximum 200).
     *
     * @param size 1 to 200
     * @return this builder
     */
    public Builder userPageSize(int size) {
      requireUnset(userPageSize != null, "userPageSize");
      userPageSize = requireRange(size, MAX_USER_PAGE, "userPageSize");
      return this;
    }

    /**
     * Sets groups per page (default 200).
     *
     * @param size 1 to 200
     * @return this builder
     */
    public Builder groupPageSize(int size) {
      requireUnset(groupPageSize != null, "groupPageSize");
      groupPageSize = requireRange(size, MAX_GROUP_PAGE, "groupPageSize");
      return this;
    }

    /**
     * Sets group members per page (default 1000).
     *
     * @param size 1 to 1000
     * @return this builder
     */
    public Builder memberPageSize(int size) {
      requireUnset(memberPageSize != null, "memberPageSize");
      memberPageSize = requireRange(size, MAX_MEMBER_PAGE, "memberPageSize");
      return this;
    }

    private static int requireRange(int size, int max, String option) {
      if (size < 1 || size > max) {
        throw new IllegalArgumentException(option + " is " + size + "; give 1 to " + max);
      }
      return size;
    }

    /**
     * Puts only the members of these groups in scope ({@code albauth.okta.groups}); may be called
     * more than once. Without it every user of the org is in scope.
     *
     * @param groupIds Okta group ids ({@code 00g…})
     * @return this builder
     */
    public Builder groupsInScope(String... groupIds) {
      for (String id : groupIds) {
        if (Objects.requireNonNull(id, "group id").isBlank()) {
          throw new IllegalArgumentException("a group id in scope is blank");
        }
        if (!groupsInScope.add(id)) {
          throw new IllegalStateException("group " + id + " is already in scope");
        }
      }
      return this;
    }

    /**
     * Sets timeouts, retries, pacing and the clock (default {@link HttpSettings#defaults()}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder http(HttpSettings settings) {
      requireUnset(http != null, "http");
      http = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Applies {@code albauth.okta.*} configuration: one key per option ({@code albauth.okta.org-url},
     * {@code .api-token}, {@code .client-id} + {@code .private-key} + {@code .key-id}, {@code
     * .groups}, {@code .source-id}, {@code .user-page-size}, {@code .group-page-size}, {@code
     * .member-page-size}, {@code .connect-timeout}, {@code .request-timeout}, {@code .max-attempts},
     * {@code .retry-budget}). Every {@code albauth.*} key is checked against the settings registry,
     * so a typo fails here with the nearest valid key. An option given both here and in code must
     * have the same value, or {@link #build()} fails naming both (for the API token and the private
     * key without their values). The HTTP keys build the {@link HttpSettings}, so they cannot be
     * combined with {@link #http}.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      OktaSettings.validate(read);
      configuration = ConnectorKeys.merge(configuration, read, OktaSettings.SECRETS);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException when the org URL or a credential is missing, both credentials
     *     were given, or code and configuration give an option different values
     */
    public OktaConfig build() {
      Settings config = configuration;
      URI url = ConnectorKeys.resolve("orgUrl", orgUrl, OktaSettings.ORG_URL, config,
          OktaSettings::orgUrl);
      if (url == null) {
        throw new IllegalStateException("orgUrl is not set; set albauth.okta.org-url to"
            + " https://{yourOktaDomain}");
      }
      String id = Precedence.resolve("sourceId", sourceId, OktaSettings.SOURCE_ID, config);
      String token = ConnectorKeys.resolveSecret("apiToken", apiToken, OktaSettings.API_TOKEN,
          config, value -> value);
      String client = Precedence.resolve("serviceApp client id", clientId, OktaSettings.CLIENT_ID,
          config);
      PrivateKey key = ConnectorKeys.resolveSecret("serviceApp private key", privateKey,
          OktaSettings.PRIVATE_KEY, config,
          pem -> ConnectorKeys.privateKey(OktaSettings.PRIVATE_KEY.name(), pem));
      String kid = Precedence.resolve("serviceApp key id", keyId, OktaSettings.KEY_ID, config);
      if ((client == null) != (key == null) || (kid != null && client == null)) {
        throw new IllegalStateException("a service app needs its client id and private key;"
            + " set albauth.okta.client-id and albauth.okta.private-key (and albauth.okta.key-id)");
      }
      if ((token == null) == (client == null)) {
        throw new IllegalStateException(token == null
            ? "no credentials; set apiToken (ALBAUTH_OKTA_API_TOKEN) or serviceApp"
            : "both apiToken and serviceApp were set; use one");
      }
      Integer users = Precedence.resolve("userPageSize", userPageSize,
          OktaSettings.USER_PAGE_SIZE, config);
      Integer groupPage = Precedence.resolve("groupPageSize", groupPageSize,
          OktaSettings.GROUP_PAGE_SIZE, config);
      Integer members = Precedence.resolve("memberPageSize", memberPageSize,
          OktaSettings.MEMBER_PAGE_SIZE, config);
      List<String> groups = Precedence.resolve("groupsInScope",
          groupsInScope.isEmpty() ? null : List.copyOf(groupsInScope), OktaSettings.GROUPS, config);
      HttpSettings settings = OktaSettings.KEYS.http(http, config);
      Authorization authorization = token != null ? Authorization.fixed("SSWS " + token)
          : ClientCredentials.builder()
              .tokenEndpoint(URI.create(url + "/oauth2/v1/token"))
              .clientId(Objects.requireNonNull(client))
              .privateKeyJwt(Objects.requireNonNull(key), kid)
              .scopes("okta.users.read", "okta.groups.read")
              .http(settings)
              .build();
      return new OktaConfig(url, id != null ? id : "okta", authorization,
          token != null ? "API token" : "service app " + client,
          users != null ? users : MAX_USER_PAGE, groupPage != null ? groupPage : MAX_GROUP_PAGE,
          members != null ? members : MAX_MEMBER_PAGE, groups != null ? groups : List.of(),
          settings);
    }
  }
}
