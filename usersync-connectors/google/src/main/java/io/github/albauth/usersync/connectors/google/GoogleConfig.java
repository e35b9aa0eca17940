package io.github.albauth.usersync.connectors.google;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.google.internal.GoogleAdvice;
import io.github.albauth.usersync.connectors.google.internal.GoogleSettings;
import io.github.albauth.usersync.connectors.google.internal.ServiceAccountKey;
import io.github.albauth.usersync.connectors.support.Authorization;
import io.github.albauth.usersync.connectors.support.ClientCredentials;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.connectors.support.Records;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@link GoogleSource} reaches a Google Workspace account: a service account's JSON key and the
 * admin it acts as (domain-wide delegation), the customer or domain, the groups in scope, custom
 * schemas, page sizes, and the HTTP settings (timeouts, retry budget, clock).
 *
 * <pre>{@code
 * GoogleConfig config = GoogleConfig.builder()
 *     .serviceAccountKey(Path.of("/run/secrets/albauth-sync.json"))
 *     .subject("sync-admin@example.com")
 *     .build();
 * }</pre>
 *
 * <p>Or from {@code albauth.google.*} keys ({@code ALBAUTH_GOOGLE_*} environment variables), with
 * the same options: {@code GoogleConfig.builder().configure(SettingsRegistry.discover()
 * .fromEnvironment(System.getenv())).build()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret.
 */
public final class GoogleConfig {

  /** The Admin SDK API's root. */
  public static final URI DEFAULT_API_URL = URI.create("https://admin.googleapis.com");
  /** The customer alias for the account of the admin the service account acts as. */
  public static final String MY_CUSTOMER = "my_customer";
  /** The scopes the connector asks for; domain-wide delegation must grant both. */
  public static final List<String> SCOPES = List.of(
      "https://www.googleapis.com/auth/admin.directory.user.readonly",
      "https://www.googleapis.com/auth/admin.directory.group.readonly");
  /** The largest {@code maxResults} of {@code users.list}. */
  public static final int MAX_USER_PAGE = 500;
  /** The largest {@code maxResults} of {@code groups.list}. */
  public static final int MAX_GROUP_PAGE = 200;
  /** The largest {@code maxResults} of {@code members.list}. */
  public static final int MAX_MEMBER_PAGE = 200;

  private final URI apiUrl;
  private final String sourceId;
  private final String serviceAccount;
  private final String subject;
  private final @Nullable String customer;
  private final @Nullable String domain;
  private final Set<String> groupsInScope;
  private final List<String> customSchemas;
  private final int userPageSize;
  private final int groupPageSize;
  private final int memberPageSize;
  private final Authorization authorization;
  private final HttpSettings http;

  private GoogleConfig(URI apiUrl, String sourceId, ServiceAccountKey key, String subject,
      @Nullable String customer, @Nullable String domain, List<String> groups,
      List<String> customSchemas, int userPageSize, int groupPageSize, int memberPageSize,
      HttpSettings http) {
    this.apiUrl = apiUrl;
    this.sourceId = sourceId;
    this.serviceAccount = key.clientEmail();
    this.subject = subject;
    this.customer = customer;
    this.domain = domain;
    this.groupsInScope = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    this.customSchemas = List.copyOf(customSchemas);
    this.userPageSize = userPageSize;
    this.groupPageSize = groupPageSize;
    this.memberPageSize = memberPageSize;
    this.http = http;
    this.authorization = ClientCredentials.builder()
        .tokenEndpoint(key.tokenUri())
        .clientId(key.clientEmail())
        .jwtBearer(key.privateKey(), key.privateKeyId(), subject)
        .scopes(SCOPES.toArray(String[]::new))
        .advice(GoogleAdvice.token(key.clientEmail(), key.clientId(), subject, SCOPES))
        .http(http)
        .build();
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the Admin SDK API's root (default {@code https://admin.googleapis.com})} */
  public URI apiUrl() {
    return apiUrl;
  }

  /** {@return the source id users are stored under (default {@code google})} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return the service account's address ({@code client_email} of the key)} */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** {@return the admin the service account acts as} */
  public String subject() {
    return subject;
  }

  /**
   * {@return the customer whose users are listed: {@code my_customer} (the default) or an id; null
   * when a {@link #domain()} is set instead}
   */
  public @Nullable String customer() {
    return customer;
  }

  /** {@return the one domain whose users and groups are listed, or null for the customer's all} */
  public @Nullable String domain() {
    return domain;
  }

  /** {@return the ids or addresses of the groups whose direct members are in scope; empty: every user} */
  public Set<String> groupsInScope() {
    return groupsInScope;
  }

  /** {@return the custom schemas read with each user ({@code projection=custom}); empty: none} */
  public List<String> customSchemas() {
    return customSchemas;
  }

  /** {@return users per page (default and maximum 500)} */
  public int userPageSize() {
    return userPageSize;
  }

  /** {@return groups per page (default and maximum 200)} */
  public int groupPageSize() {
    return groupPageSize;
  }

  /** {@return group members per page (default and maximum 200)} */
  public int memberPageSize() {
    return memberPageSize;
  }

  /** {@return the access tokens of the API calls (a cached JWT bearer grant)} */
  public Authorization authorization() {
    return authorization;
  }

  /** {@return timeouts, retries, pacing and clock} */
  public HttpSettings http() {
    return http;
  }

  @Override
  public String toString() {
    return "GoogleConfig[" + serviceAccount + " as " + subject + ", "
        + (domain != null ? "domain " + domain : "customer " + customer) + ", source " + sourceId
        + ", pages " + userPageSize + "/" + groupPageSize + "/" + memberPageSize
        + ", groups in scope " + (groupsInScope.isEmpty() ? "all" : groupsInScope)
        + (customSchemas.isEmpty() ? "" : ", custom schemas " + customSchemas)
        + (apiUrl.equals(DEFAULT_API_URL) ? "" : ", API " + apiUrl) + "]";
  }

  /**
   * Builds {@link GoogleConfig}: the service account's key and the admin it acts as are required.
   * Each option may be set once, in code or by its {@code albauth.google.*} key ({@link
   * #configure}); given both ways, the values must be equal.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable ServiceAccountKey key;
    private @Nullable String subject;
    private @Nullable String customer;
    private @Nullable String domain;
    private final Set<String> groupsInScope = new LinkedHashSet<>();
    private final Set<String> customSchemas = new LinkedHashSet<>();
    private @Nullable Integer userPageSize;
    private @Nullable Integer groupPageSize;
    private @Nullable Integer memberPageSize;
    private @Nullable String sourceId;
    private @Nullable URI apiUrl;
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
     * Authenticates with a service account's JSON key file, as the Cloud console downloads it
     * ({@code albauth.google.service-account-key-file}).
     *
     * @param file the key file (readable by this process only: it is a secret)
     * @return this builder
     * @throws IllegalArgumentException when the file cannot be read or is not a service-account
     *     key (the message never shows its content)
     */
    public Builder serviceAccountKey(Path file) {
      requireUnset(key != null, "serviceAccountKey");
      key = ServiceAccountKey.read("serviceAccountKey", file);
      return this;
    }

    /**
     * Authenticates with a service account's JSON key, given as the file's content ({@code
     * albauth.google.service-account-key}, e.g. {@code ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY} from a
     * secret store).
     *
     * @param json the key file's content (never logged)
     * @return this builder
     * @throws IllegalArgumentException when it is not a service-account key (the message never
     *     shows it)
     */
    public Builder serviceAccountKey(String json) {
      requireUnset(key != null, "serviceAccountKey");
      key = ServiceAccountKey.parse("serviceAccountKey", json);
      return this;
    }

    /**
     * Authenticates with a service account's JSON key read from a stream (a class-path resource,
     * a secret manager's payload); at most 64 KiB are read and the stream is not closed.
     *
     * @param json the key file's content
     * @return this builder
     * @throws IllegalArgumentException when it cannot be read or is not a service-account key
     */
    public Builder serviceAccountKey(InputStream json) {
      requireUnset(key != null, "serviceAccountKey");
      key = ServiceAccountKey.read("serviceAccountKey", json);
      return this;
    }

    /**
     * Sets the admin the service account acts as ({@code sub} of the grant; {@code
     * albauth.google.subject}). Domain-wide delegation lets the service account act as any user;
     * the calls then have that user's admin privileges: pick an admin whose role reads users and
     * groups (and nothing more, ideally).
     *
     * @param adminAddress the admin's primary address
     * @return this builder
     */
    public Builder subject(String adminAddress) {
      requireUnset(subject != null, "subject");
      subject = GoogleSettings.subject("subject", Objects.requireNonNull(adminAddress, "adminAddress"));
      return this;
    }

    /**
     * Lists the users of this customer ({@code customer=…}; default {@code my_customer}, the
     * account of the {@link #subject}).
     *
     * @param id {@code my_customer} or the customer id ({@code C0…}, Admin console → Account →
     *     Account settings)
     * @return this builder
     */
    public Builder customer(String id) {
      requireUnset(customer != null, "customer");
      customer = GoogleSettings.customer("customer", Objects.requireNonNull(id, "id"));
      return this;
    }

    /**
     * Lists only the users and groups of one of the account's domains ({@code domain=…}) instead
     * of the customer's; lookups then find only users whose primary address is in it.
     *
     * @param name the domain, e.g. {@code example.com}
     * @return this builder
     */
    public Builder domain(String name) {
      requireUnset(domain != null, "domain");
      domain = GoogleSettings.domain("domain", Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Puts only the direct members of these groups in scope ({@code albauth.google.groups}); may
     * be called more than once. Without it every user is in scope. Members that are groups
     * themselves are not expanded: put the nested group in scope too.
     *
     * @param groupKeys group ids or addresses
     * @return this builder
     */
    public Builder groupsInScope(String... groupKeys) {
      for (String group : groupKeys) {
        GoogleSettings.groupKey("a group in scope", Objects.requireNonNull(group, "group key"));
        if (!groupsInScope.add(group)) {
          throw new IllegalStateException("group " + group + " is already in scope");
        }
      }
      return this;
    }

    /**
     * Reads these custom schemas with each user ({@code projection=custom&customFieldMask=…}), so
     * that mappings can use {@code customSchemas.<schema>.<field>}; may be called more than once.
     *
     * @param names the schemas' names
     * @return this builder
     */
    public Builder customSchemas(String... names) {
      for (String name : names) {
        GoogleSettings.schema("custom schema", Objects.requireNonNull(name, "name"));
        if (!customSchemas.add(name)) {
          throw new IllegalStateException("custom schema " + name + " was already added");
        }
      }
      return this;
    }

    /**
     * Sets users per page (default and maximum 500).
     *
     * @param size 1 to 500
     * @return this builder
     */
    public Builder userPageSize(int size) {
      requireUnset(userPageSize != null, "userPageSize");
      userPageSize = requireRange(size, MAX_USER_PAGE, "userPageSize");
      return this;
    }

    /**
     * Sets groups per page (default and maximum 200).
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
     * Sets group members per page (default and maximum 200).
     *
     * @param size 1 to 200
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
     * Sets the source id users are stored under (default {@code google}).
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
     * Sets the Admin SDK API's root (default {@code https://admin.googleapis.com}): a private
     * endpoint, or a test server. The token endpoint is the key file's {@code token_uri}.
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
     * Applies {@code albauth.google.*} configuration: one key per option ({@code
     * albauth.google.service-account-key} or {@code .service-account-key-file}, {@code .subject},
     * {@code .customer} or {@code .domain}, {@code .groups}, {@code .custom-schemas}, {@code
     * .user-page-size}, {@code .group-page-size}, {@code .member-page-size}, {@code .source-id},
     * {@code .api-url}, {@code .connect-timeout}, {@code .request-timeout}, {@code .max-attempts},
     * {@code .retry-budget}). Every {@code albauth.*} key is checked against the settings registry,
     * so a typo fails here with the nearest valid key. An option given both here and in code must
     * have the same value, or {@link #build()} fails naming both (for the key without its value).
     * The HTTP keys build the {@link HttpSettings}, so they cannot be combined with {@link #http}.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      GoogleSettings.validate(read);
      configuration = ConnectorKeys.merge(configuration, read, GoogleSettings.SECRETS);
      return this;
    }

    /**
     * Builds the configuration; no token is fetched until the first call needs one.
     *
     * @return the configuration
     * @throws IllegalStateException when the key or the subject is missing, options conflict, or
     *     code and configuration give an option different values
     */
    public GoogleConfig build() {
      Settings config = configuration;
      if (config.contains(GoogleSettings.SERVICE_ACCOUNT_KEY)
          && config.contains(GoogleSettings.SERVICE_ACCOUNT_KEY_FILE)) {
        throw new IllegalStateException("albauth.google.service-account-key and"
            + " albauth.google.service-account-key-file were both set; use one");
      }
      ServiceAccountKey inCode = key;
      ServiceAccountKey resolved = config.contains(GoogleSettings.SERVICE_ACCOUNT_KEY_FILE)
          ? ConnectorKeys.resolveSecret("serviceAccountKey", inCode,
              GoogleSettings.SERVICE_ACCOUNT_KEY_FILE, config, GoogleSettings::serviceAccountKeyFile)
          : ConnectorKeys.resolveSecret("serviceAccountKey", inCode,
              GoogleSettings.SERVICE_ACCOUNT_KEY, config, GoogleSettings::serviceAccountKey);
      if (resolved == null) {
        throw new IllegalStateException("serviceAccountKey is not set; set"
            + " albauth.google.service-account-key-file to the service account's JSON key file"
            + " (or albauth.google.service-account-key to its content)");
      }
      String admin = Precedence.resolve("subject", subject, GoogleSettings.SUBJECT, config);
      if (admin == null) {
        throw new IllegalStateException("subject is not set; set albauth.google.subject to the"
            + " admin the service account acts as (domain-wide delegation)");
      }
      String customerId = Precedence.resolve("customer", customer, GoogleSettings.CUSTOMER_ID,
          config);
      String domainName = ConnectorKeys.resolve("domain", domain, GoogleSettings.DOMAIN_NAME,
          config, value -> GoogleSettings.domain(GoogleSettings.DOMAIN_NAME.name() + ":", value));
      if (customerId != null && domainName != null) {
        throw new IllegalStateException("customer and domain were both set; use customer for"
            + " every domain of the account, or domain for one");
      }
      List<String> groups = Precedence.resolve("groupsInScope",
          groupsInScope.isEmpty() ? null : List.copyOf(groupsInScope), GoogleSettings.GROUPS,
          config);
      List<String> schemas = Precedence.resolve("customSchemas",
          customSchemas.isEmpty() ? null : List.copyOf(customSchemas),
          GoogleSettings.CUSTOM_SCHEMAS, config);
      Integer users = Precedence.resolve("userPageSize", userPageSize,
          GoogleSettings.USER_PAGE_SIZE, config);
      Integer groupPage = Precedence.resolve("groupPageSize", groupPageSize,
          GoogleSettings.GROUP_PAGE_SIZE, config);
      Integer members = Precedence.resolve("memberPageSize", memberPageSize,
          GoogleSettings.MEMBER_PAGE_SIZE, config);
      String id = Precedence.resolve("sourceId", sourceId, GoogleSettings.SOURCE_ID, config);
      URI api = ConnectorKeys.resolve("apiUrl", apiUrl, GoogleSettings.API_URL, config,
          GoogleSettings::apiUrl);
      HttpSettings settings = GoogleSettings.KEYS.http(http, config);
      return new GoogleConfig(api != null ? api : DEFAULT_API_URL, id != null ? id : "google",
          resolved, admin,
          domainName == null ? (customerId != null ? customerId : MY_CUSTOMER) : null, domainName,
          groups != null ? groups : List.of(), schemas != null ? schemas : List.of(),
          users != null ? users : MAX_USER_PAGE, groupPage != null ? groupPage : MAX_GROUP_PAGE,
          members != null ? members : MAX_MEMBER_PAGE, settings);
    }
  }
}
