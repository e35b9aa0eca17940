package io.github.albauth.usersync.connectors.onelogin;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.onelogin.internal.OneLoginSettings;
import io.github.albauth.usersync.connectors.support.Authorization;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link OneLoginSource} reaches a OneLogin account: its API host (the account's subdomain, or
 * another base URL), the API credential pair (OAuth 2.0 client credentials), page sizes, the roles
 * in scope, whether custom attributes are read, and the HTTP settings (timeouts, retry budget,
 * clock).
 *
 * <pre>{@code
 * OneLoginConfig config = OneLoginConfig.builder()
 *     .subdomain("acme")                                   // https://acme.onelogin.com
 *     .clientId("0123456789abcdef0123456789abcdef")
 *     .clientSecret(System.getenv("ALBAUTH_ONELOGIN_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>Or from {@code albauth.onelogin.*} keys ({@code ALBAUTH_ONELOGIN_*} environment variables),
 * with the same options: {@code OneLoginConfig.builder().configure(SettingsRegistry.discover()
 * .fromEnvironment(System.getenv())).build()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret.
 */
public final class OneLoginConfig {

  /** The largest user page OneLogin documents for {@code GET /api/2/users} (50). */
  public static final int MAX_USER_PAGE = OneLoginSettings.MAX_USER_PAGE;
  /** The largest role page OneLogin documents for {@code GET /api/2/roles} (650). */
  public static final int MAX_ROLE_PAGE = OneLoginSettings.MAX_ROLE_PAGE;
  /** The largest page of {@code GET /api/2/roles/{id}/users} in OneLogin's OpenAPI description (100). */
  public static final int MAX_MEMBER_PAGE = OneLoginSettings.MAX_MEMBER_PAGE;

  private final URI apiUrl;
  private final String clientId;
  private final String sourceId;
  private final Authorization authorization;
  private final int userPageSize;
  private final int rolePageSize;
  private final int memberPageSize;
  private final Set<String> rolesInScope;
  private final boolean customAttributes;
  private final HttpSettings http;

  private OneLoginConfig(URI apiUrl, String clientId, String sourceId, Authorization authorization,
      int userPageSize, int rolePageSize, int memberPageSize, List<String> rolesInScope,
      boolean customAttributes, HttpSettings http) {
    this.apiUrl = apiUrl;
    this.clientId = clientId;
    this.sourceId = sourceId;
    this.authorization = authorization;
    this.userPageSize = userPageSize;
    this.rolePageSize = rolePageSize;
    this.memberPageSize = memberPageSize;
    this.rolesInScope = Collections.unmodifiableSet(new LinkedHashSet<>(rolesInScope));
    this.customAttributes = customAttributes;
    this.http = http;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the API's base URL, e.g. {@code https://acme.onelogin.com}} */
  public URI apiUrl() {
    return apiUrl;
  }

  /** {@return the API credential's client id} */
  public String clientId() {
    return clientId;
  }

  /** {@return the source id users are stored under (default {@code onelogin})} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return what authorizes the API calls: the client-credentials token cache} */
  public Authorization authorization() {
    return authorization;
  }

  /** {@return users per page (default and maximum 50)} */
  public int userPageSize() {
    return userPageSize;
  }

  /** {@return roles per page (default and maximum 650)} */
  public int rolePageSize() {
    return rolePageSize;
  }

  /** {@return role members per page (default and maximum 100)} */
  public int memberPageSize() {
    return memberPageSize;
  }

  /** {@return the ids of the roles whose members are in scope, in the order given; empty: every user} */
  public Set<String> rolesInScope() {
    return rolesInScope;
  }

  /** {@return whether user records keep their {@code custom_attributes}} */
  public boolean customAttributes() {
    return customAttributes;
  }

  /** {@return timeouts, retries, pacing and clock} */
  public HttpSettings http() {
    return http;
  }

  @Override
  public String toString() {
    return "OneLoginConfig[" + apiUrl + ", client " + clientId + ", source " + sourceId
        + ", pages " + userPageSize + "/" + rolePageSize + "/" + memberPageSize
        + ", roles in scope " + (rolesInScope.isEmpty() ? "all" : rolesInScope)
        + (customAttributes ? ", custom attributes" : "") + "]";
  }

  /**
   * Builds {@link OneLoginConfig}: the subdomain (or an API URL), the client id and the client
   * secret are required. Each option may be set once, in code or by its {@code albauth.onelogin.*}
   * key ({@link #configure}); given both ways, the values must be equal.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String subdomain;
    private @Nullable URI apiUrl;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String sourceId;
    private @Nullable Integer userPageSize;
    private @Nullable Integer rolePageSize;
    private @Nullable Integer memberPageSize;
    private final Set<String> rolesInScope = new LinkedHashSet<>();
    private boolean customAttributes;
    // built on demand: each HttpSettings owns an HttpClient (and its selector thread)
    private @Nullable HttpSettings http;
    private Settings configuration = Settings.empty();

    private Builder() {}

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private static String requireText(String value, String option) {
      if (Objects.requireNonNull(value, option).isBlank()) {
        throw new IllegalArgumentException(option + " is blank");
      }
      return value;
    }

    /**
     * Sets the account's subdomain ({@code albauth.onelogin.subdomain}): the API is then {@code
     * https://<subdomain>.onelogin.com}, as OneLogin's API v2 documents it.
     *
     * @param name the subdomain, e.g. {@code acme} for {@code https://acme.onelogin.com}
     * @return this builder
     */
    public Builder subdomain(String name) {
      requireUnset(subdomain != null, "subdomain");
      subdomain = OneLoginSettings.subdomain("subdomain", requireText(name, "subdomain"));
      return this;
    }

    /**
     * Sets the API's base URL instead of the subdomain's ({@code albauth.onelogin.api-url}): the
     * regional host {@code https://api.eu.onelogin.com} or {@code https://api.us.onelogin.com}, a
     * proxy, or a test server.
     *
     * @param url an https URL (http only for localhost tests)
     * @return this builder
     */
    public Builder apiUrl(URI url) {
      requireUnset(apiUrl != null, "apiUrl");
      apiUrl = Records.requireHttps(url, "apiUrl");
      return this;
    }

    /**
     * Sets the API credential's client id ({@code albauth.onelogin.client-id}).
     *
     * @param id the client id (Developers → API Credentials)
     * @return this builder
     */
    public Builder clientId(String id) {
      requireUnset(clientId != null, "clientId");
      clientId = requireText(id, "clientId");
      return this;
    }

    /**
     * Sets the API credential's client secret ({@code ALBAUTH_ONELOGIN_CLIENT_SECRET}).
     *
     * @param secret the secret (never logged)
     * @return this builder
     */
    public Builder clientSecret(String secret) {
      requireUnset(clientSecret != null, "clientSecret");
      if (Objects.requireNonNull(secret, "secret").isBlank()) {
        throw new IllegalArgumentException("clientSecret is blank; pass the secret from the"
            + " configuration (ALBAUTH_ONELOGIN_CLIENT_SECRET)");
      }
      clientSecret = secret;
      return this;
    }

    /**
     * Sets the source id users are stored under (default {@code onelogin}).
     *
     * @param id a non-blank id, stable across restarts
     * @return this builder
     */
    public Builder sourceId(String id) {
      requireUnset(sourceId != null, "sourceId");
      sourceId = requireText(id, "sourceId");
      return this;
    }

    /**
     * Sets users per page (default and maximum 50).
     *
     * @param size 1 to 50
     * @return this builder
     */
    public Builder userPageSize(int size) {
      requireUnset(userPageSize != null, "userPageSize");
      userPageSize = requireRange(size, MAX_USER_PAGE, "userPageSize");
      return this;
    }

    /**
     * Sets roles per page (default and maximum 650).
     *
     * @param size 1 to 650
     * @return this builder
     */
    public Builder rolePageSize(int size) {
      requireUnset(rolePageSize != null, "rolePageSize");
      rolePageSize = requireRange(size, MAX_ROLE_PAGE, "rolePageSize");
      return this;
    }

    /**
     * Sets role members per page (default and maximum 100).
     *
     * @param size 1 to 100
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
     * Puts only the members of these roles in scope ({@code albauth.onelogin.roles}); may be called
     * more than once. Without it every user of the account is in scope.
     *
     * @param roleIds OneLogin role ids (numbers, e.g. {@code 199848})
     * @return this builder
     */
    public Builder rolesInScope(String... roleIds) {
      for (String id : roleIds) {
        OneLoginSettings.roleId("rolesInScope:", Objects.requireNonNull(id, "role id"));
        if (!rolesInScope.add(id)) {
          throw new IllegalStateException("role " + id + " is already in scope");
        }
      }
      return this;
    }

    /**
     * Delivers each user's {@code custom_attributes} ({@code albauth.onelogin.custom-attributes});
     * map them as {@code custom_attributes.<shortname>}.
     *
     * @return this builder
     */
    public Builder includeCustomAttributes() {
      requireUnset(customAttributes, "includeCustomAttributes");
      customAttributes = true;
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
     * Applies {@code albauth.onelogin.*} configuration: one key per option ({@code
     * albauth.onelogin.subdomain} or {@code .api-url}, {@code .client-id}, {@code .client-secret},
     * {@code .source-id}, {@code .roles}, {@code .custom-attributes}, {@code .user-page-size},
     * {@code .role-page-size}, {@code .member-page-size}, {@code .connect-timeout}, {@code
     * .request-timeout}, {@code .max-attempts}, {@code .retry-budget}). Every {@code albauth.*} key
     * is checked against the settings registry, so a typo fails here with the nearest valid key. An
     * option given both here and in code must have the same value, or {@link #build()} fails
     * naming both (for the client secret without its value). The HTTP keys build the {@link
     * HttpSettings}, so they cannot be combined with {@link #http}.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      OneLoginSettings.validate(read);
      configuration = ConnectorKeys.merge(configuration, read, OneLoginSettings.SECRETS);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException when the host, the client id or the secret is missing, both a
     *     subdomain and an API URL were given, or code and configuration give an option different
     *     values
     */
    public OneLoginConfig build() {
      Settings config = configuration;
      String sub = ConnectorKeys.resolve("subdomain", subdomain, OneLoginSettings.SUBDOMAIN, config,
          value -> OneLoginSettings.subdomain(OneLoginSettings.SUBDOMAIN.name() + ":", value));
      URI url = ConnectorKeys.resolve("apiUrl", apiUrl, OneLoginSettings.API_URL, config,
          OneLoginSettings::apiUrl);
      if ((sub == null) == (url == null)) {
        throw new IllegalStateException(sub == null
            ? "no API host; set subdomain (albauth.onelogin.subdomain, acme for"
                + " https://acme.onelogin.com) or apiUrl (albauth.onelogin.api-url)"
            : "both subdomain and apiUrl were set; use one");
      }
      URI base = url != null ? url : URI.create("https://" + sub + ".onelogin.com");
      String client = Precedence.resolve("clientId", clientId, OneLoginSettings.CLIENT_ID, config);
      String secret = ConnectorKeys.resolveSecret("clientSecret", clientSecret,
          OneLoginSettings.CLIENT_SECRET, config, value -> value);
      if (client == null || secret == null) {
        throw new IllegalStateException((client == null ? "clientId" : "clientSecret")
            + " is not set; create an API credential pair (Developers > API Credentials, scope"
            + " Read users) and set albauth.onelogin.client-id and albauth.onelogin.client-secret"
            + " (ALBAUTH_ONELOGIN_CLIENT_SECRET)");
      }
      String id = Precedence.resolve("sourceId", sourceId, OneLoginSettings.SOURCE_ID, config);
      Integer users = Precedence.resolve("userPageSize", userPageSize,
          OneLoginSettings.USER_PAGE_SIZE, config);
      Integer roles = Precedence.resolve("rolePageSize", rolePageSize,
          OneLoginSettings.ROLE_PAGE_SIZE, config);
      Integer members = Precedence.resolve("memberPageSize", memberPageSize,
          OneLoginSettings.MEMBER_PAGE_SIZE, config);
      List<String> scope = Precedence.resolve("rolesInScope",
          rolesInScope.isEmpty() ? null : List.copyOf(rolesInScope), OneLoginSettings.ROLES, config);
      Boolean custom = Precedence.resolve("includeCustomAttributes",
          customAttributes ? Boolean.TRUE : null, OneLoginSettings.CUSTOM_ATTRIBUTES, config);
      HttpSettings settings = OneLoginSettings.KEYS.http(http, config);
      // OneLogin's v2 token endpoint takes the pair in the form body (client_secret_post) as well
      // as in its own Authorization header: https://developers.onelogin.com/api-docs/2/oauth20-tokens/generate-tokens-2
      Authorization tokens = ClientCredentials.builder()
          .tokenEndpoint(URI.create(base + "/auth/oauth2/v2/token"))
          .clientId(client)
          .clientSecret(secret)
          .http(settings)
          .build();
      return new OneLoginConfig(base, client, id != null ? id : "onelogin", tokens,
          users != null ? users : MAX_USER_PAGE, roles != null ? roles : MAX_ROLE_PAGE,
          members != null ? members : MAX_MEMBER_PAGE, scope != null ? scope : List.of(),
          custom != null && custom, settings);
    }
  }
}
