package io.github.albauth.usersync.connectors.okta;

import io.github.albauth.usersync.connectors.support.Authorization;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.security.PrivateKey;
import java.util.LinkedHashSet;
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

  private OktaConfig(Builder b, URI orgUrl, Authorization authorization, HttpSettings http) {
    this.orgUrl = orgUrl;
    this.sourceId = b.sourceId;
    this.authorization = authorization;
    this.credentialKind = b.apiToken != null ? "API token" : "service app " + b.clientId;
    this.userPageSize = b.userPageSize;
    this.groupPageSize = b.groupPageSize;
    this.memberPageSize = b.memberPageSize;
    this.groupsInScope = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.groupsInScope));
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
   * once.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable URI orgUrl;
    private String sourceId = "okta";
    private boolean sourceIdSet;
    private @Nullable String apiToken;
    private @Nullable String clientId;
    private @Nullable PrivateKey privateKey;
    private @Nullable String keyId;
    private int userPageSize = MAX_USER_PAGE;
    private boolean userPageSizeSet;
    private int groupPageSize = MAX_GROUP_PAGE;
    private boolean groupPageSizeSet;
    private int memberPageSize = MAX_MEMBER_PAGE;
    private boolean memberPageSizeSet;
    private final Set<String> groupsInScope = new LinkedHashSet<>();
    // built on demand: each HttpSettings owns an HttpClient (and its selector thread)
    private @Nullable HttpSettings http;

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
      requireUnset(sourceIdSet, "sourceId");
      if (Objects.requireNonNull(id, "id").isBlank()) {
        throw new IllegalArgumentException("sourceId is blank");
      }
      sourceId = id;
      sourceIdSet = true;
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
      requireUnset(userPageSizeSet, "userPageSize");
      userPageSize = requireRange(size, MAX_USER_PAGE, "userPageSize");
      userPageSizeSet = true;
      return this;
    }

    /**
     * Sets groups per page (default 200).
     *
     * @param size 1 to 200
     * @return this builder
     */
    public Builder groupPageSize(int size) {
      requireUnset(groupPageSizeSet, "groupPageSize");
      groupPageSize = requireRange(size, MAX_GROUP_PAGE, "groupPageSize");
      groupPageSizeSet = true;
      return this;
    }

    /**
     * Sets group members per page (default 1000).
     *
     * @param size 1 to 1000
     * @return this builder
     */
    public Builder memberPageSize(int size) {
      requireUnset(memberPageSizeSet, "memberPageSize");
      memberPageSize = requireRange(size, MAX_MEMBER_PAGE, "memberPageSize");
      memberPageSizeSet = true;
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
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException when the org URL or a credential is missing, or both
     *     credentials were given
     */
    public OktaConfig build() {
      if (orgUrl == null) {
        throw new IllegalStateException("orgUrl is not set; set albauth.okta.org-url to"
            + " https://{yourOktaDomain}");
      }
      if ((apiToken == null) == (clientId == null)) {
        throw new IllegalStateException(apiToken == null
            ? "no credentials; set apiToken (ALBAUTH_OKTA_API_TOKEN) or serviceApp"
            : "both apiToken and serviceApp were set; use one");
      }
      HttpSettings settings = http != null ? http : HttpSettings.defaults();
      Authorization authorization = apiToken != null ? Authorization.fixed("SSWS " + apiToken)
          : ClientCredentials.builder()
              .tokenEndpoint(URI.create(orgUrl + "/oauth2/v1/token"))
              .clientId(Objects.requireNonNull(clientId))
              .privateKeyJwt(Objects.requireNonNull(privateKey), keyId)
              .scopes("okta.users.read", "okta.groups.read")
              .http(settings)
              .build();
      return new OktaConfig(this, orgUrl, authorization, settings);
    }
  }
}
