package io.github.albauth.usersync.connectors.entra;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.entra.internal.EntraSettings;
import io.github.albauth.usersync.connectors.support.Authorization;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link EntraSource} reaches a tenant: tenant and client id, a client secret or certificate,
 * the cloud, page size, the groups in scope (and whether nested members count), the user
 * properties to read, and the HTTP settings (timeouts, retry budget, clock).
 *
 * <pre>{@code
 * EntraConfig config = EntraConfig.builder()
 *     .tenantId("contoso.onmicrosoft.com")
 *     .clientId("00001111-aaaa-2222-bbbb-3333cccc4444")
 *     .clientSecret(System.getenv("ALBAUTH_ENTRA_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>Or from {@code albauth.entra.*} keys ({@code ALBAUTH_ENTRA_*} environment variables), with
 * the same options: {@code EntraConfig.builder().configure(SettingsRegistry.discover()
 * .fromEnvironment(System.getenv())).build()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret.
 */
public final class EntraConfig {

  /** The largest {@code $top} Microsoft Graph accepts for users, groups and members. */
  public static final int MAX_PAGE = 999;

  /** The user properties always read: what the {@code entra} preset maps, and the id. */
  public static final List<String> DEFAULT_SELECT = List.of("id", "userPrincipalName", "mail",
      "displayName", "givenName", "surname", "accountEnabled");

  private final String tenantId;
  private final String clientId;
  private final URI graphUrl;
  private final URI loginUrl;
  private final String sourceId;
  private final Authorization authorization;
  private final int pageSize;
  private final Set<String> groupsInScope;
  private final boolean transitiveMembers;
  private final List<String> select;
  private final HttpSettings http;

  private EntraConfig(String tenantId, String clientId, URI loginUrl, URI graphUrl,
      String sourceId, Authorization authorization, int pageSize, List<String> groupsInScope,
      boolean transitiveMembers, List<String> select, HttpSettings http) {
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.loginUrl = loginUrl;
    this.graphUrl = graphUrl;
    this.sourceId = sourceId;
    this.authorization = authorization;
    this.pageSize = pageSize;
    this.groupsInScope = Collections.unmodifiableSet(new LinkedHashSet<>(groupsInScope));
    this.transitiveMembers = transitiveMembers;
    Set<String> fields = new LinkedHashSet<>(DEFAULT_SELECT);
    fields.addAll(select);
    this.select = List.copyOf(fields);
    this.http = http;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the tenant id or primary domain} */
  public String tenantId() {
    return tenantId;
  }

  /** {@return the app registration's client id} */
  public String clientId() {
    return clientId;
  }

  /** {@return the Microsoft Graph root, without the version} */
  public URI graphUrl() {
    return graphUrl;
  }

  /** {@return the token service root} */
  public URI loginUrl() {
    return loginUrl;
  }

  /** {@return the source id users are stored under (default {@code entra})} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return what authorizes the Graph calls} */
  public Authorization authorization() {
    return authorization;
  }

  /** {@return users, groups and members per page (default and maximum 999)} */
  public int pageSize() {
    return pageSize;
  }

  /** {@return the ids of the groups whose members are in scope, in order; empty: every user} */
  public Set<String> groupsInScope() {
    return groupsInScope;
  }

  /** {@return whether members of nested groups count as members (transitive membership)} */
  public boolean transitiveMembers() {
    return transitiveMembers;
  }

  /** {@return the user properties read ({@code $select})} */
  public List<String> select() {
    return select;
  }

  /** {@return timeouts, retries, pacing and clock} */
  public HttpSettings http() {
    return http;
  }

  @Override
  public String toString() {
    return "EntraConfig[tenant " + tenantId + ", client " + clientId + ", " + graphUrl
        + ", source " + sourceId + ", page " + pageSize + ", groups in scope "
        + (groupsInScope.isEmpty() ? "all" : groupsInScope + (transitiveMembers ? " (transitive)"
        : "")) + "]";
  }

  /**
   * Builds {@link EntraConfig}: tenant, client id and one credential are required. Each option may
   * be set once, in code or by its {@code albauth.entra.*} key ({@link #configure}); given both
   * ways, the values must be equal.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String tenantId;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable PrivateKey key;
    private @Nullable X509Certificate certificate;
    private @Nullable EntraCloud cloud;
    private @Nullable URI loginUrl;
    private @Nullable URI graphUrl;
    private @Nullable String sourceId;
    private @Nullable Integer pageSize;
    private final Set<String> groupsInScope = new LinkedHashSet<>();
    private boolean transitiveMembers;
    private final Set<String> select = new LinkedHashSet<>();
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
     * Sets the tenant ({@code albauth.entra.tenant-id}).
     *
     * @param id the directory (tenant) id or a verified domain such as {@code
     *     contoso.onmicrosoft.com}
     * @return this builder
     */
    public Builder tenantId(String id) {
      requireUnset(tenantId != null, "tenantId");
      tenantId = requireText(id, "tenantId");
      if (id.contains("/") || id.contains("?") || id.contains("#")) {
        throw new IllegalArgumentException("tenantId " + id + " is not a tenant id or domain");
      }
      return this;
    }

    /**
     * Sets the app registration's client id ({@code albauth.entra.client-id}).
     *
     * @param id the application (client) id
     * @return this builder
     */
    public Builder clientId(String id) {
      requireUnset(clientId != null, "clientId");
      clientId = requireText(id, "clientId");
      return this;
    }

    /**
     * Authenticates with a client secret ({@code ALBAUTH_ENTRA_CLIENT_SECRET}).
     *
     * @param secret the secret (never logged)
     * @return this builder
     */
    public Builder clientSecret(String secret) {
      requireUnset(clientSecret != null, "clientSecret");
      clientSecret = requireText(secret, "clientSecret");
      return this;
    }

    /**
     * Authenticates with a certificate credential ({@code private_key_jwt}, the certificate's
     * SHA-256 thumbprint in {@code x5t#S256}); Microsoft recommends certificates over secrets.
     *
     * @param privateKey the certificate's private key
     * @param cert the certificate uploaded to the app registration
     * @return this builder
     */
    public Builder certificate(PrivateKey privateKey, X509Certificate cert) {
      requireUnset(key != null, "certificate");
      key = Objects.requireNonNull(privateKey, "privateKey");
      certificate = Objects.requireNonNull(cert, "cert");
      return this;
    }

    /**
     * Chooses a cloud (default {@link EntraCloud#GLOBAL}; {@code albauth.entra.cloud}).
     *
     * @param preset the cloud
     * @return this builder
     */
    public Builder cloud(EntraCloud preset) {
      requireUnset(cloud != null, "cloud");
      cloud = Objects.requireNonNull(preset, "preset");
      return this;
    }

    /**
     * Overrides the cloud's roots (a proxy, a test server); conflicts with {@link #cloud}.
     *
     * @param login the token service root
     * @param graph the Microsoft Graph root (without {@code /v1.0})
     * @return this builder
     */
    public Builder baseUrls(URI login, URI graph) {
      requireUnset(loginUrl != null, "baseUrls");
      loginUrl = Records.requireHttps(login, "login URL");
      graphUrl = Records.requireHttps(graph, "graph URL");
      return this;
    }

    /**
     * Sets the source id users are stored under (default {@code entra}).
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
     * Sets the page size ({@code $top}) of users, groups and members (default and maximum 999).
     *
     * @param size 1 to 999
     * @return this builder
     */
    public Builder pageSize(int size) {
      requireUnset(pageSize != null, "pageSize");
      if (size < 1 || size > MAX_PAGE) {
        throw new IllegalArgumentException("pageSize is " + size + "; give 1 to " + MAX_PAGE);
      }
      pageSize = size;
      return this;
    }

    /**
     * Puts only the members of these groups in scope ({@code albauth.entra.groups}); may be called
     * more than once.
     *
     * @param groupIds group object ids
     * @return this builder
     */
    public Builder groupsInScope(String... groupIds) {
      for (String id : groupIds) {
        if (!groupsInScope.add(requireText(id, "group id"))) {
          throw new IllegalStateException("group " + id + " is already in scope");
        }
      }
      return this;
    }

    /**
     * Counts members of nested groups as members ({@code transitiveMembers}), for the groups in
     * scope and for {@link EntraSource#memberIds}.
     *
     * @return this builder
     */
    public Builder transitiveMembers() {
      requireUnset(transitiveMembers, "transitiveMembers");
      transitiveMembers = true;
      return this;
    }

    /**
     * Reads these user properties too, besides {@link #DEFAULT_SELECT}.
     *
     * @param properties Graph user property names, e.g. {@code department}
     * @return this builder
     */
    public Builder select(String... properties) {
      for (String p : properties) {
        if (!EntraSettings.PROPERTY.matcher(Objects.requireNonNull(p, "property")).matches()) {
          throw new IllegalArgumentException("\"" + p + "\" is not a Graph property name");
        }
        select.add(p);
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
     * Applies {@code albauth.entra.*} configuration: one key per option ({@code
     * albauth.entra.tenant-id}, {@code .client-id}, {@code .client-secret} or {@code .certificate} +
     * {@code .private-key}, {@code .cloud}, {@code .groups}, {@code .transitive-members}, {@code
     * .select}, {@code .page-size}, {@code .source-id}, {@code .connect-timeout}, {@code
     * .request-timeout}, {@code .max-attempts}, {@code .retry-budget}). Every {@code albauth.*} key
     * is checked against the settings registry, so a typo fails here with the nearest valid key. An
     * option given both here and in code must have the same value, or {@link #build()} fails naming
     * both (for the client secret, private key and certificate without their values). The HTTP keys
     * build the {@link HttpSettings}, so they cannot be combined with {@link #http}; {@code
     * albauth.entra.cloud} cannot be combined with {@link #baseUrls}.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      EntraSettings.validate(read);
      configuration = ConnectorKeys.merge(configuration, read, EntraSettings.SECRETS);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException when the tenant, client id or credential is missing, options
     *     conflict, or code and configuration give an option different values
     */
    public EntraConfig build() {
      Settings config = configuration;
      String tenant = Precedence.resolve("tenantId", tenantId, EntraSettings.TENANT_ID, config);
      String client = Precedence.resolve("clientId", clientId, EntraSettings.CLIENT_ID, config);
      if (tenant == null || client == null) {
        throw new IllegalStateException((tenant == null ? "tenantId" : "clientId")
            + " is not set; set albauth.entra.tenant-id and albauth.entra.client-id");
      }
      String secret = ConnectorKeys.resolveSecret("clientSecret", clientSecret,
          EntraSettings.CLIENT_SECRET, config, value -> value);
      PrivateKey privateKey = ConnectorKeys.resolveSecret("certificate private key", key,
          EntraSettings.PRIVATE_KEY, config,
          pem -> ConnectorKeys.privateKey(EntraSettings.PRIVATE_KEY.name(), pem));
      // not secret, but too long for a message
      X509Certificate cert = ConnectorKeys.resolveSecret("certificate", certificate,
          EntraSettings.CERTIFICATE, config, EntraSettings::certificate);
      if ((privateKey == null) != (cert == null)) {
        throw new IllegalStateException("a certificate credential needs the certificate and its"
            + " private key; set albauth.entra.certificate and albauth.entra.private-key");
      }
      if ((secret == null) == (privateKey == null)) {
        throw new IllegalStateException(secret == null
            ? "no credentials; set clientSecret (ALBAUTH_ENTRA_CLIENT_SECRET) or certificate"
            : "both clientSecret and certificate were set; use one");
      }
      if (loginUrl != null) {
        Precedence.refuseIgnored("baseUrls(...)", config, EntraSettings.CLOUD);
      }
      if (cloud != null && loginUrl != null) {
        throw new IllegalStateException("cloud and baseUrls were both set; use one");
      }
      EntraCloud resolved = ConnectorKeys.resolve("cloud", cloud, EntraSettings.CLOUD, config,
          EntraSettings::cloud);
      EntraCloud c = resolved == null ? EntraCloud.GLOBAL : resolved;
      URI login = loginUrl != null ? loginUrl : c.loginUrl();
      URI graph = graphUrl != null ? graphUrl : c.graphUrl();
      String id = Precedence.resolve("sourceId", sourceId, EntraSettings.SOURCE_ID, config);
      Integer page = Precedence.resolve("pageSize", pageSize, EntraSettings.PAGE_SIZE, config);
      List<String> groups = Precedence.resolve("groupsInScope",
          groupsInScope.isEmpty() ? null : List.copyOf(groupsInScope), EntraSettings.GROUPS, config);
      Boolean transitive = Precedence.resolve("transitiveMembers",
          transitiveMembers ? Boolean.TRUE : null, EntraSettings.TRANSITIVE_MEMBERS, config);
      List<String> properties = Precedence.resolve("select",
          select.isEmpty() ? null : List.copyOf(select), EntraSettings.SELECT, config);
      HttpSettings settings = EntraSettings.KEYS.http(http, config);
      ClientCredentials.Builder tokens = ClientCredentials.builder()
          .tokenEndpoint(URI.create(login + "/" + tenant + "/oauth2/v2.0/token"))
          .clientId(client)
          .scopes(graph + "/.default")
          .http(settings);
      if (secret != null) {
        tokens.clientSecret(secret);
      } else {
        tokens.privateKeyJwt(Objects.requireNonNull(privateKey), Objects.requireNonNull(cert));
      }
      return new EntraConfig(tenant, client, login, graph, id != null ? id : "entra",
          tokens.build(), page != null ? page : MAX_PAGE, groups != null ? groups : List.of(),
          transitive != null && transitive, properties != null ? properties : List.of(), settings);
    }
  }
}
