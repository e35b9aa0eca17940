package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.cognito.internal.Calls;
import io.github.albauth.usersync.connectors.cognito.internal.CognitoSettings;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import io.github.albauth.usersync.connectors.support.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * How {@link CognitoSource} and {@link CognitoUserStore} reach a Cognito user pool: the pool, the
 * Region (taken from the pool id unless given), an endpoint override, the SDK client (built from
 * the default credentials chain with the url-connection HTTP client, or the application's own),
 * timeouts and retries, the request rates, and the options of each direction.
 *
 * <pre>{@code
 * CognitoConfig config = CognitoConfig.builder()
 *     .userPoolId("eu-west-1_AbC123dEf")
 *     .build();
 * }</pre>
 *
 * <p>Or from {@code albauth.cognito.*} keys ({@code ALBAUTH_COGNITO_*} environment variables):
 * {@code CognitoConfig.builder().configure(SettingsRegistry.discover()
 * .fromEnvironment(System.getenv())).build()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CognitoConfig {

  /** The largest page Cognito returns ({@code Limit} of ListUsers, ListUsersInGroup, ListGroups). */
  public static final int MAX_PAGE = 60;

  /** The invitation a user that {@link CognitoUserStore} creates gets from Cognito. */
  public enum Invitation {
    /** None ({@code MessageAction=SUPPRESS}): the host tells users how to sign in. */
    SUPPRESS,
    /** An email with the temporary password ({@code DesiredDeliveryMediums=[EMAIL]}). */
    EMAIL,
    /** A text message ({@code DesiredDeliveryMediums=[SMS]}). */
    SMS,
    /** Both. */
    EMAIL_AND_SMS
  }

  private final String userPoolId;
  private final String region;
  private final @Nullable URI endpoint;
  private final @Nullable CognitoIdentityProviderClient client;
  private final @Nullable AwsCredentialsProvider credentials;
  private final String sourceId;
  private final Set<String> groupsInScope;
  private final int pageSize;
  private final boolean groupNamesFromDescriptions;
  private final Map<CognitoQuota, Double> rates;
  private final Invitation invitation;
  private final boolean emailVerified;
  private final boolean phoneVerified;
  private final boolean deleteUsers;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration retryBudget;
  private final Clock clock;
  private final Sleeper sleeper;

  private CognitoConfig(Builder b, String userPoolId, String region, @Nullable URI endpoint,
      String sourceId, List<String> groupsInScope, int pageSize, boolean groupNamesFromDescriptions,
      Map<CognitoQuota, Double> rates, Invitation invitation, boolean emailVerified,
      boolean phoneVerified, boolean deleteUsers, Duration connectTimeout, Duration requestTimeout,
      int maxAttempts, Duration retryBudget) {
    this.userPoolId = userPoolId;
    this.region = region;
    this.endpoint = endpoint;
    this.client = b.client;
    this.credentials = b.credentials;
    this.sourceId = sourceId;
    this.groupsInScope = Collections.unmodifiableSet(new LinkedHashSet<>(groupsInScope));
    this.pageSize = pageSize;
    this.groupNamesFromDescriptions = groupNamesFromDescriptions;
    Map<CognitoQuota, Double> rateCopy = new EnumMap<>(CognitoQuota.class);
    rateCopy.putAll(rates);
    this.rates = Collections.unmodifiableMap(rateCopy);
    this.invitation = invitation;
    this.emailVerified = emailVerified;
    this.phoneVerified = phoneVerified;
    this.deleteUsers = deleteUsers;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.maxAttempts = maxAttempts;
    this.retryBudget = retryBudget;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.SYSTEM;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the user pool id, e.g. {@code eu-west-1_AbC123dEf}} */
  public String userPoolId() {
    return userPoolId;
  }

  /** {@return the pool's AWS Region, e.g. {@code eu-west-1}} */
  public String region() {
    return region;
  }

  /** {@return the endpoint override, or null for AWS's endpoint of the Region} */
  public @Nullable URI endpoint() {
    return endpoint;
  }

  /** {@return the source id users are stored under (default {@code cognito})} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return the names of the groups whose members are in scope; empty: every user} */
  public Set<String> groupsInScope() {
    return groupsInScope;
  }

  /** {@return users and groups per page (default and maximum 60)} */
  public int pageSize() {
    return pageSize;
  }

  /**
   * {@return whether a source names groups by their {@code Description} (the {@code GroupName}
   * stays their id) rather than by their {@code GroupName}}
   */
  public boolean groupNamesFromDescriptions() {
    return groupNamesFromDescriptions;
  }

  /** {@return the request rates configured per category; the others take the defaults} */
  public Map<CognitoQuota, Double> rates() {
    return rates;
  }

  /** {@return the invitation users created in the pool get (default none)} */
  public Invitation invitation() {
    return invitation;
  }

  /** {@return whether the email addresses the store writes are marked verified} */
  public boolean emailVerified() {
    return emailVerified;
  }

  /** {@return whether the phone numbers the store writes are marked verified} */
  public boolean phoneVerified() {
    return phoneVerified;
  }

  /** {@return whether the store may delete users (else the engine can only disable them)} */
  public boolean deleteUsers() {
    return deleteUsers;
  }

  /** {@return the SDK retry strategy's attempts per call, the first included} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return how long one call may take in total, retries included (the SDK's API call timeout)} */
  public Duration retryBudget() {
    return retryBudget;
  }

  /** {@return how long one attempt may take (the SDK's attempt timeout and socket timeout)} */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** {@return how long to wait for a connection} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The clock of pacing and of the store's group cache. */
  Clock clock() {
    return clock;
  }

  /**
   * Opens the calls of one source or store: the application's client, or a new one built from
   * this configuration (which the source or store closes).
   */
  Calls open(Calls.Side side) {
    CognitoIdentityProviderClient given = client;
    return new Calls(given != null ? given : newClient(), given == null, userPoolId, rates(),
        clock, sleeper, side);
  }

  private CognitoIdentityProviderClient newClient() {
    CognitoIdentityProviderClientBuilder b = CognitoIdentityProviderClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(connectTimeout)
            .socketTimeout(requestTimeout))
        .overrideConfiguration(o -> o
            .apiCallTimeout(retryBudget)
            .apiCallAttemptTimeout(requestTimeout)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts).build()));
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    if (credentials != null) {
      b.credentialsProvider(credentials);
    } // else the SDK's default credentials chain, which the client owns and closes
    return b.build();
  }

  @Override
  public String toString() {
    return "CognitoConfig[" + userPoolId + " in " + region + (endpoint == null ? "" : " at " + endpoint)
        + (client != null ? ", the application's client" : "") + ", source " + sourceId
        + ", page " + pageSize + ", groups in scope "
        + (groupsInScope.isEmpty() ? "all" : groupsInScope) + ", invitation "
        + invitation.name().toLowerCase(Locale.ROOT) + (deleteUsers ? ", deletes users" : "") + "]";
  }

  /**
   * Builds {@link CognitoConfig}: the user pool id is required. Each option may be set once, in
   * code or by its {@code albauth.cognito.*} key ({@link #configure}); given both ways, the values
   * must be equal.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String userPoolId;
    private @Nullable String region;
    private @Nullable URI endpoint;
    private @Nullable CognitoIdentityProviderClient client;
    private @Nullable AwsCredentialsProvider credentials;
    private @Nullable String sourceId;
    private final Set<String> groupsInScope = new LinkedHashSet<>();
    private @Nullable Integer pageSize;
    private @Nullable String groupNames;
    private final Map<CognitoQuota, Double> rates = new EnumMap<>(CognitoQuota.class);
    private @Nullable String invitation;
    private @Nullable Boolean emailVerified;
    private @Nullable Boolean phoneVerified;
    private @Nullable Boolean deleteUsers;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration requestTimeout;
    private @Nullable Integer maxAttempts;
    private @Nullable Duration retryBudget;
    private @Nullable Clock clock;
    private @Nullable Sleeper sleeper;
    private Settings configuration = Settings.empty();

    private Builder() {}

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /**
     * Sets the user pool ({@code albauth.cognito.user-pool-id}); its Region is the Region unless
     * {@link #region} says otherwise.
     *
     * @param id e.g. {@code eu-west-1_AbC123dEf}
     * @return this builder
     */
    public Builder userPoolId(String id) {
      requireUnset(userPoolId != null, "userPoolId");
      CognitoSettings.userPoolId("userPoolId", Objects.requireNonNull(id, "id"));
      userPoolId = id;
      return this;
    }

    /**
     * Sets the Region ({@code albauth.cognito.region}; default: the pool id's). It must be the
     * pool id's own.
     *
     * @param name e.g. {@code eu-west-1}
     * @return this builder
     */
    public Builder region(String name) {
      requireUnset(region != null, "region");
      region = CognitoSettings.region("region", Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Sends requests to another endpoint ({@code albauth.cognito.endpoint}), e.g. a VPC endpoint,
     * or cognito-local in tests.
     *
     * @param url https (http only for localhost)
     * @return this builder
     */
    public Builder endpoint(URI url) {
      requireUnset(endpoint != null, "endpoint");
      endpoint = Records.requireHttps(url, "endpoint");
      return this;
    }

    /**
     * Uses the application's SDK client (its credentials, Region, HTTP client, retries and
     * interceptors); the application closes it. Region, endpoint, credentials, timeouts and
     * attempts then belong to that client and cannot be set here too.
     *
     * @param cognito the client
     * @return this builder
     */
    public Builder client(CognitoIdentityProviderClient cognito) {
      requireUnset(client != null, "client");
      client = Objects.requireNonNull(cognito, "cognito");
      return this;
    }

    /**
     * Uses these credentials instead of the default credentials chain (environment, system
     * properties, web identity, profile, container and instance credentials).
     *
     * @param provider the credentials provider
     * @return this builder
     */
    public Builder credentials(AwsCredentialsProvider provider) {
      requireUnset(credentials != null, "credentials");
      credentials = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets the source id users from the pool are stored under (default {@code cognito}).
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
     * Puts only the members of these groups in scope of the source ({@code
     * albauth.cognito.groups}); may be called more than once. Without it every user is in scope.
     *
     * @param groupNames Cognito group names
     * @return this builder
     */
    public Builder groupsInScope(String... groupNames) {
      for (String name : groupNames) {
        if (Objects.requireNonNull(name, "group name").isBlank()) {
          throw new IllegalArgumentException("a group name in scope is blank");
        }
        if (!groupsInScope.add(name)) {
          throw new IllegalStateException("group " + name + " is already in scope");
        }
      }
      return this;
    }

    /**
     * Sets users and groups per page (default and maximum 60).
     *
     * @param size 1 to 60
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
     * Names source groups by their {@code Description} ({@code albauth.cognito.group-names=
     * description}); the immutable {@code GroupName} stays their id, so a changed description is a
     * rename. A group without a description is named by its {@code GroupName}.
     *
     * @return this builder
     */
    public Builder groupNamesFromDescriptions() {
      requireUnset(groupNames != null, "groupNamesFromDescriptions");
      groupNames = "description";
      return this;
    }

    /**
     * Paces one request-rate category at this rate instead of the default (the documented quota;
     * a source's listings 5 per second). Quotas are per account and Region: leave room for the
     * other callers of the account.
     *
     * @param category the category
     * @param perSecond requests per second, above 0
     * @return this builder
     */
    public Builder rate(CognitoQuota category, double perSecond) {
      Objects.requireNonNull(category, "category");
      requireUnset(rates.containsKey(category), "rate of " + category.category());
      rates.put(category, CognitoSettings.requireRate("rate of " + category.category(), perSecond));
      return this;
    }

    /**
     * Sets the invitation users created in the pool get (default {@link Invitation#SUPPRESS}).
     *
     * @param kind the invitation
     * @return this builder
     */
    public Builder invitation(Invitation kind) {
      requireUnset(invitation != null, "invitation");
      invitation = Objects.requireNonNull(kind, "kind").name().toLowerCase(Locale.ROOT)
          .replace('_', '-');
      return this;
    }

    /**
     * Marks every email address the store writes as verified ({@code email_verified=true}), so
     * users can sign in with it and reset their password; use it when the source vouches for the
     * addresses.
     *
     * @return this builder
     */
    public Builder markEmailVerified() {
      requireUnset(emailVerified != null, "markEmailVerified");
      emailVerified = true;
      return this;
    }

    /**
     * Marks every phone number the store writes as verified ({@code phone_number_verified=true}).
     *
     * @return this builder
     */
    public Builder markPhoneVerified() {
      requireUnset(phoneVerified != null, "markPhoneVerified");
      phoneVerified = true;
      return this;
    }

    /**
     * Lets the engine delete users from the pool ({@code AdminDeleteUser}, with the engine's
     * {@code CleanupAction.DELETE}); without it the store cannot delete, and the engine disables.
     *
     * @return this builder
     */
    public Builder deleteUsers() {
      requireUnset(deleteUsers != null, "deleteUsers");
      deleteUsers = true;
      return this;
    }

    /**
     * Sets how long to wait for a connection (default 10 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      requireUnset(connectTimeout != null, "connectTimeout");
      connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long one attempt may take (default 30 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      requireUnset(requestTimeout != null, "requestTimeout");
      requestTimeout = requirePositive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the attempts of one call, the first included (default 5); the SDK's standard retry
     * strategy retries throttling, server errors and broken connections with backoff and jitter.
     *
     * @param attempts 1 (no retries) to 100
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      requireUnset(maxAttempts != null, "maxAttempts");
      if (attempts < 1 || attempts > ConnectorKeys.MAX_ATTEMPTS) {
        throw new IllegalArgumentException("maxAttempts is " + attempts + "; give 1 to "
            + ConnectorKeys.MAX_ATTEMPTS);
      }
      maxAttempts = attempts;
      return this;
    }

    /**
     * Sets how long one call may take in total, its retries included (default 2 minutes).
     *
     * @param budget a positive duration
     * @return this builder
     */
    public Builder retryBudget(Duration budget) {
      requireUnset(retryBudget != null, "retryBudget");
      retryBudget = requirePositive(budget, "retryBudget");
      return this;
    }

    /**
     * Sets the clock pacing reads (default the system clock).
     *
     * @param time the clock
     * @return this builder
     */
    public Builder clock(Clock time) {
      requireUnset(clock != null, "clock");
      clock = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets how pacing waits (default {@link Sleeper#SYSTEM}).
     *
     * @param wait the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper wait) {
      requireUnset(sleeper != null, "sleeper");
      sleeper = Objects.requireNonNull(wait, "wait");
      return this;
    }

    private static Duration requirePositive(Duration d, String option) {
      Objects.requireNonNull(d, option);
      if (d.isNegative() || d.isZero() || d.compareTo(ConnectorKeys.MAX_DURATION) > 0) {
        throw new IllegalArgumentException(option + " is " + d + "; give a positive duration of"
            + " at most " + ConnectorKeys.MAX_DURATION);
      }
      return d;
    }

    /**
     * Applies {@code albauth.cognito.*} configuration: one key per option ({@code
     * albauth.cognito.user-pool-id}, {@code .region}, {@code .endpoint}, {@code .source-id},
     * {@code .groups}, {@code .page-size}, {@code .group-names}, {@code .rates}, {@code
     * .invitation}, {@code .email-verified}, {@code .phone-verified}, {@code .delete-users},
     * {@code .connect-timeout}, {@code .request-timeout}, {@code .max-attempts}, {@code
     * .retry-budget}). Every {@code albauth.*} key is checked against the settings registry, so a
     * typo fails here with the nearest valid key. An option given both here and in code must have
     * the same value, or {@link #build()} fails naming both.
     *
     * @param settings key to value, e.g. {@code SettingsRegistry.discover().fromEnvironment(System.getenv())}
     * @return this builder
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     * @throws IllegalStateException when a key was configured before with another value
     */
    public Builder configure(Map<String, String> settings) {
      Settings read = SettingsRegistry.discover().read(Objects.requireNonNull(settings, "settings"));
      CognitoSettings.validate(read);
      configuration = Precedence.merge(configuration, read);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException when the pool id is missing, the Region is not the pool's,
     *     the application's client comes with options that belong to it, or code and
     *     configuration give an option different values
     */
    public CognitoConfig build() {
      Settings config = configuration;
      String pool = Precedence.resolve("userPoolId", userPoolId, CognitoSettings.USER_POOL_ID,
          config);
      if (pool == null) {
        throw new IllegalStateException("userPoolId is not set; set albauth.cognito.user-pool-id"
            + " to the pool's id, e.g. eu-west-1_AbC123dEf");
      }
      String poolRegion = CognitoSettings.userPoolId(CognitoSettings.USER_POOL_ID.name(), pool);
      String regionName = Precedence.resolve("region", region, CognitoSettings.REGION_KEY, config);
      if (regionName != null && !regionName.equals(poolRegion)) {
        throw new IllegalStateException("region is " + regionName + ", but user pool " + pool
            + " is in " + poolRegion + "; leave the region out (it is taken from the pool id)");
      }
      URI url = ConnectorKeys.resolve("endpoint", endpoint, CognitoSettings.ENDPOINT, config,
          CognitoSettings::endpoint);
      String id = Precedence.resolve("sourceId", sourceId, CognitoSettings.SOURCE_ID, config);
      List<String> groups = Precedence.resolve("groupsInScope",
          groupsInScope.isEmpty() ? null : List.copyOf(groupsInScope), CognitoSettings.GROUPS,
          config);
      Integer page = Precedence.resolve("pageSize", pageSize, CognitoSettings.PAGE_SIZE, config);
      String names = Precedence.resolve("groupNamesFromDescriptions", groupNames,
          CognitoSettings.GROUP_NAMES, config);
      Map<CognitoQuota, Double> rateTable = ConnectorKeys.resolve("rate",
          rates.isEmpty() ? null : Map.copyOf(rates), CognitoSettings.RATES, config,
          CognitoSettings::rates);
      String invite = Precedence.resolve("invitation", invitation, CognitoSettings.INVITATION,
          config);
      Boolean email = Precedence.resolve("markEmailVerified", emailVerified,
          CognitoSettings.EMAIL_VERIFIED, config);
      Boolean phone = Precedence.resolve("markPhoneVerified", phoneVerified,
          CognitoSettings.PHONE_VERIFIED, config);
      Boolean delete = Precedence.resolve("deleteUsers", deleteUsers, CognitoSettings.DELETE_USERS,
          config);
      Duration connect = Precedence.resolve("connectTimeout", connectTimeout,
          CognitoSettings.KEYS.connectTimeout(), config);
      Duration request = Precedence.resolve("requestTimeout", requestTimeout,
          CognitoSettings.KEYS.requestTimeout(), config);
      Integer attempts = Precedence.resolve("maxAttempts", maxAttempts,
          CognitoSettings.KEYS.maxAttempts(), config);
      Duration budget = Precedence.resolve("retryBudget", retryBudget,
          CognitoSettings.KEYS.retryBudget(), config);
      if (client != null && (regionName != null || url != null || credentials != null
          || connect != null || request != null || attempts != null || budget != null)) {
        throw new IllegalStateException("client was set, and region, endpoint, credentials,"
            + " timeouts or attempts too; these belong to your CognitoIdentityProviderClient:"
            + " configure them there, or leave client out");
      }
      return new CognitoConfig(this, pool, poolRegion, url, id != null ? id : "cognito",
          groups != null ? groups : List.of(), page != null ? page : MAX_PAGE,
          "description".equals(names), rateTable != null ? rateTable : Map.of(),
          invite == null ? Invitation.SUPPRESS
              : Invitation.valueOf(invite.toUpperCase(Locale.ROOT).replace('-', '_')),
          Boolean.TRUE.equals(email), Boolean.TRUE.equals(phone), Boolean.TRUE.equals(delete),
          connect != null ? connect : Duration.ofSeconds(10),
          request != null ? request : Duration.ofSeconds(30),
          attempts != null ? attempts : 5, budget != null ? budget : Duration.ofMinutes(2));
    }
  }
}
