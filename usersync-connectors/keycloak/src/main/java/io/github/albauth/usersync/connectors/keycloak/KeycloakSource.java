package io.github.albauth.usersync.connectors.keycloak;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.keycloak.internal.AdminApi;
import io.github.albauth.usersync.connectors.keycloak.internal.KeycloakSettings;
import io.github.albauth.usersync.connectors.keycloak.internal.Listing;
import io.github.albauth.usersync.connectors.keycloak.internal.OffsetPager;
import io.github.albauth.usersync.connectors.support.ApiClient;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.ErrorFormat;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectorySource} for a Keycloak realm, through the Admin REST API with a confidential
 * client's service account (client credentials grant).
 *
 * <ul>
 *   <li>{@link #users()}: the realm's users, full records (Keycloak's {@code UserRepresentation}:
 *       {@code id}, {@code username}, {@code email}, {@code firstName}, {@code lastName}, {@code
 *       enabled}, {@code attributes}, …), page by page; or, with {@link
 *       Builder#onlyMembersOf(String...)}, the direct members of the chosen groups, each once.
 *       Service accounts are never listed. Keycloak has no change log: every sync is a full pass.
 *   <li>{@link #groups()}: every group of the realm, subgroups included, named by its path without
 *       the leading slash ({@code staff/engineering}); {@link #memberIds(String)}: a group's direct
 *       members.
 *   <li>{@link #lookup(String, String)} by {@code id}, {@code username} or {@code email} (exact,
 *       case-insensitive as Keycloak stores both in lower case), and {@link #lookupById(String)},
 *       both within the chosen groups when there are some.
 *   <li>{@link #checkListing()}: whether the last listing reached its end with no gap from users
 *       shifting between pages, and Keycloak's {@code /users/count} (not with chosen groups:
 *       Keycloak cannot count a group's members).
 * </ul>
 *
 * <p>Offset paging ({@code first}/{@code max}) is guarded against users created, deleted or
 * renamed while it pages: each page overlaps the one before by a user, so a shift is seen and the
 * page read again from further back, and each user is delivered once; a listing that could still
 * have missed someone says so in {@link #checkListing()}. A listing keeps the ids it delivered in
 * memory (about 150 bytes a user).
 *
 * <p>The service account needs the {@code realm-management} client role {@code view-users} (which
 * brings {@code query-users} and {@code query-groups}) and nothing else.
 *
 * <p>Thread-safe: a scheduled sync and login-time lookups may use one instance at once.
 */
public final class KeycloakSource implements DirectorySource, GroupSource, UserLookup, ListingCheck {

  private final String id;
  private final String serverUrl;
  private final String realm;
  private final String clientId;
  private final int pageSize;
  private final List<String> groupPaths;
  private final HttpSettings http;
  private final AdminApi api;
  private volatile @Nullable Listing<SourceUser> lastListing;

  private KeycloakSource(String id, String serverUrl, String realm, String clientId, int pageSize,
      List<String> groupPaths, HttpSettings http, AdminApi api) {
    this.id = id;
    this.serverUrl = serverUrl;
    this.realm = realm;
    this.clientId = clientId;
    this.pageSize = pageSize;
    this.groupPaths = List.copyOf(groupPaths);
    this.http = http;
    this.api = api;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** {@return the server's root address, without a trailing slash} */
  String serverUrl() {
    return serverUrl;
  }

  /** {@return the realm read} */
  String realm() {
    return realm;
  }

  /** {@return the client whose service account reads the realm} */
  String clientId() {
    return clientId;
  }

  /** {@return users (groups, members) per request} */
  int pageSize() {
    return pageSize;
  }

  /** {@return the paths of the groups whose members are in scope; empty: every user} */
  List<String> groupPaths() {
    return groupPaths;
  }

  /** {@return timeouts, retries, pacing and clock} */
  HttpSettings http() {
    return http;
  }

  @Override
  public Stream<SourceUser> users() {
    List<OffsetPager.Fetch<SourceUser>> parts = new ArrayList<>();
    if (groupPaths.isEmpty()) {
      parts.add(api::users);
    }
    for (String path : groupPaths) {
      // a chosen group that is gone fails the run: an empty scope must not look like a left staff
      String groupId = api.groupByPath(path).orElseThrow(() -> new UserSyncException(
          UserSyncException.Reason.SOURCE_FAILED, "keycloak has no group " + path
              + " (onlyMembersOf); create it or change the configuration")).id();
      parts.add((first, max) -> api.members(groupId, true, first, max));
    }
    Listing<SourceUser> listing = new Listing<>("users", pageSize, SourceUser::id, parts);
    lastListing = listing;
    return listing.stream();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The listing is complete when the last {@link #users()} stream reached its end with no gap;
   * the count is Keycloak's {@code /users/count}, or none when users are chosen by group.
   */
  @Override
  public Verdict checkListing() {
    Listing<SourceUser> listing = lastListing;
    if (listing == null || !listing.complete()) {
      return Verdict.incomplete();
    }
    return groupPaths.isEmpty() ? Verdict.counted(api.userCount()) : Verdict.uncounted();
  }

  @Override
  public Stream<SourceGroup> groups() {
    return withSubGroups(new OffsetPager<>("groups", pageSize, api::topGroups, AdminApi.Group::id,
        new HashSet<>()).stream())
        .map(g -> new SourceGroup(g.id(), g.path().startsWith("/") ? g.path().substring(1) : g.path()));
  }

  private Stream<AdminApi.Group> withSubGroups(Stream<AdminApi.Group> groups) {
    return groups.flatMap(g -> g.subGroupCount() == 0 ? Stream.of(g) : Stream.concat(Stream.of(g),
        withSubGroups(new OffsetPager<>("subgroups", pageSize,
            (first, max) -> api.subGroups(g.id(), first, max), AdminApi.Group::id,
            new HashSet<>()).stream())));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return new OffsetPager<>("group members", pageSize,
        (first, max) -> api.members(groupId, false, first, max), SourceUser::id, new HashSet<>())
        .stream().map(SourceUser::id);
  }

  /**
   * {@inheritDoc}
   *
   * @param attribute {@code id}, {@code username} or {@code email}
   * @throws UserSyncException with {@link UserSyncException.Reason#UNSUPPORTED} for another
   *     attribute
   */
  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    if (attribute.equals("id")) {
      return lookupById(value);
    }
    if (!attribute.equals("username") && !attribute.equals("email")) {
      throw new UserSyncException(UserSyncException.Reason.UNSUPPORTED, "keycloak cannot look"
          + " users up by '" + attribute + "'; use id, username or email");
    }
    // exact=true matches whole values; checked again here, as a lookup must never widen
    List<SourceUser> found = api.usersWhere(attribute, value).stream()
        .filter(u -> u.attributes().get(attribute) instanceof String s && s.equalsIgnoreCase(value))
        .toList();
    if (found.size() > 1) {
      throw new UserSyncException(UserSyncException.Reason.CONFLICT, "keycloak has "
          + found.size() + " users with that " + attribute + "; they cannot be told apart");
    }
    return found.stream().findFirst().filter(this::inScope);
  }

  @Override
  public Optional<SourceUser> lookupById(String userId) {
    return api.user(userId).filter(this::inScope);
  }

  private boolean inScope(SourceUser user) {
    if (groupPaths.isEmpty()) {
      return true;
    }
    try (Stream<AdminApi.Group> groups = new OffsetPager<>("groups of a user", pageSize,
        (first, max) -> api.groupsOf(user.id(), first, max), AdminApi.Group::id, new HashSet<>())
        .stream()) {
      return groups.anyMatch(g -> groupPaths.contains(g.path()));
    } catch (SourceCallException e) {
      if (e.status() == 404) {
        return false; // deleted since it was read
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "KeycloakSource[" + id + (groupPaths.isEmpty() ? "" : ", members of " + groupPaths) + "]";
  }

  /**
   * Builds a {@link KeycloakSource}. Each option may be set once, in code or by its {@code
   * albauth.keycloak.*} key ({@link #configure}); given both ways, the values must be equal.
   * Server, realm, client id and secret are required.
   *
   * <pre>{@code
   * KeycloakSource source = KeycloakSource.builder()
   *     .serverUrl(URI.create("https://sso.example.com"))
   *     .realm("acme")
   *     .clientId("albauth-sync")
   *     .clientSecret(System.getenv("ALBAUTH_KEYCLOAK_CLIENT_SECRET"))
   *     .build();
   * }</pre>
   *
   * <p>Or from {@code albauth.keycloak.*} keys ({@code ALBAUTH_KEYCLOAK_*} environment variables),
   * with the same options: {@code KeycloakSource.builder().configure(SettingsRegistry.discover()
   * .fromEnvironment(System.getenv())).build()}.
   *
   * <p>Not thread-safe; the source it builds is.
   */
  public static final class Builder {

    /** Keycloak's own default page size. */
    static final int DEFAULT_PAGE_SIZE = KeycloakSettings.DEFAULT_PAGE_SIZE;

    /** Keycloak serves larger pages, but a page is held in memory and must fit a timeout. */
    static final int MAX_PAGE_SIZE = KeycloakSettings.MAX_PAGE_SIZE;

    private @Nullable String server;
    private @Nullable String realm;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String sourceId;
    private int pageSize;
    private final Set<String> groupPaths = new LinkedHashSet<>();
    private @Nullable HttpSettings http;
    private Settings configuration = Settings.empty();

    private Builder() {}

    /**
     * Sets the server's root address ({@code albauth.keycloak.server-url}): where {@code /realms/…} and {@code /admin/…} are, for
     * example {@code https://sso.example.com}, or {@code https://sso.example.com/auth} for a
     * server that keeps the old {@code /auth} prefix.
     *
     * @param url an {@code https} address without query ({@code http} only for localhost tests)
     * @return this builder
     */
    public Builder serverUrl(URI url) {
      requireUnset(server, "server url");
      server = KeycloakSettings.serverUrl(url, "server url");
      return this;
    }

    /**
     * Sets the realm whose users are read; the client lives in it too ({@code
     * albauth.keycloak.realm}).
     *
     * @param name the realm's name, for example {@code acme}
     * @return this builder
     */
    public Builder realm(String name) {
      requireUnset(realm, "realm");
      realm = requireText(name, "realm");
      return this;
    }

    /**
     * Sets the confidential client whose service account reads the realm ({@code
     * albauth.keycloak.client-id}).
     *
     * @param id the client's {@code clientId}
     * @return this builder
     */
    public Builder clientId(String id) {
      requireUnset(clientId, "client id");
      clientId = requireText(id, "client id");
      return this;
    }

    /**
     * Sets the client's secret (from the host's configuration, {@code
     * ALBAUTH_KEYCLOAK_CLIENT_SECRET}; never logged).
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder clientSecret(String secret) {
      if (clientSecret != null) {
        throw new IllegalStateException("client secret was already set"); // never echo it
      }
      clientSecret = requireText(secret, "client secret");
      return this;
    }

    /**
     * Sets the id under which the engine stores this source's users (default {@code keycloak});
     * give each of several Keycloak sources its own ({@code albauth.keycloak.source-id}).
     *
     * @param id the source id
     * @return this builder
     */
    public Builder sourceId(String id) {
      requireUnset(sourceId, "source id");
      sourceId = requireText(id, "source id");
      return this;
    }

    /**
     * Sets how many users (groups, members) one request reads (default 100; {@code
     * albauth.keycloak.page-size}).
     *
     * @param size 1 to 1000
     * @return this builder
     */
    public Builder pageSize(int size) {
      if (pageSize != 0) {
        throw new IllegalStateException("page size was already set to " + pageSize);
      }
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("page size is " + size + "; give 1 to " + MAX_PAGE_SIZE);
      }
      pageSize = size;
      return this;
    }

    /**
     * Limits the source to the direct members of these groups (members of their subgroups only
     * when those are chosen too): only they are listed, and lookups find no one else ({@code
     * albauth.keycloak.groups}).
     *
     * @param paths group paths, such as {@code /staff} or {@code /staff/engineering}
     * @return this builder
     */
    public Builder onlyMembersOf(String... paths) {
      if (!groupPaths.isEmpty()) {
        throw new IllegalStateException("the groups were already set to " + groupPaths);
      }
      groupPaths.addAll(KeycloakSettings.groupPaths(Arrays.asList(paths), new LinkedHashSet<>()));
      return this;
    }

    /**
     * Sets timeouts, retries, pacing and the clock of the HTTP calls (default: {@link
     * HttpSettings#defaults()}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder http(HttpSettings settings) {
      requireUnset(http, "http settings");
      http = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Applies {@code albauth.keycloak.*} configuration: one key per option ({@code
     * albauth.keycloak.server-url}, {@code .realm}, {@code .client-id}, {@code .client-secret},
     * {@code .source-id}, {@code .page-size}, {@code .groups}, {@code .connect-timeout}, {@code
     * .request-timeout}, {@code .max-attempts}, {@code .retry-budget}). Every {@code albauth.*}
     * key is checked against the settings registry, so a typo fails here with the nearest valid
     * key. An option given both here and in code must have the same value, or {@link #build()}
     * fails naming both (for the client secret without its values). The HTTP keys build the
     * {@link HttpSettings}, so they cannot be combined with {@link #http}.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      KeycloakSettings.validate(read);
      configuration = ConnectorKeys.merge(configuration, read, KeycloakSettings.SECRETS);
      return this;
    }

    /**
     * Builds the source; nothing is fetched yet (the first call fetches a token).
     *
     * @return the source
     * @throws IllegalStateException when a required option is missing, or code and configuration
     *     give an option different values
     */
    public KeycloakSource build() {
      Settings config = configuration;
      String url = require(ConnectorKeys.resolve("serverUrl", server, KeycloakSettings.SERVER_URL,
          config, KeycloakSettings::serverUrl), "a server url: call serverUrl(URI)",
          KeycloakSettings.SERVER_URL);
      String realmName = require(Precedence.resolve("realm", realm, KeycloakSettings.REALM,
          config), "a realm: call realm(String)", KeycloakSettings.REALM);
      String client = require(Precedence.resolve("clientId", clientId, KeycloakSettings.CLIENT_ID,
          config), "a client id: call clientId(String)", KeycloakSettings.CLIENT_ID);
      String secret = require(ConnectorKeys.resolveSecret("clientSecret", clientSecret,
          KeycloakSettings.CLIENT_SECRET, config, value -> value),
          "the client's secret: call clientSecret(String)", KeycloakSettings.CLIENT_SECRET);
      String id = Precedence.resolve("sourceId", sourceId, KeycloakSettings.SOURCE_ID, config);
      Integer size = Precedence.resolve("pageSize", pageSize == 0 ? null : pageSize,
          KeycloakSettings.PAGE_SIZE, config);
      List<String> groups = ConnectorKeys.resolve("onlyMembersOf",
          groupPaths.isEmpty() ? null : List.copyOf(groupPaths), KeycloakSettings.GROUPS, config,
          KeycloakSettings::groupPaths);
      HttpSettings settings = KeycloakSettings.KEYS.http(http, config);
      ClientCredentials tokens = ClientCredentials.builder()
          .tokenEndpoint(AdminApi.tokenEndpoint(url, realmName))
          .clientId(client)
          .clientSecret(secret)
          .http(settings)
          .build();
      ApiClient api = ApiClient.builder(settings, ErrorFormat.fields("error", "error_description"))
          .authorization(tokens)
          .build();
      return new KeycloakSource(id != null ? id : "keycloak", url, realmName, client,
          size != null ? size : DEFAULT_PAGE_SIZE, groups != null ? groups : List.of(), settings,
          new AdminApi(api, url, realmName));
    }

    private static void requireUnset(@Nullable Object value, String what) {
      if (value != null) {
        throw new IllegalStateException(what + " was already set to " + value);
      }
    }

    private static String requireText(@Nullable String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " is " + (value == null ? "null" : "blank")
            + "; give one");
      }
      return value;
    }

    private static String require(@Nullable String value, String what, Setting<?> key) {
      if (value == null) {
        throw new IllegalStateException("a Keycloak source needs " + what + " or set "
            + key.name());
      }
      return value;
    }
  }
}
