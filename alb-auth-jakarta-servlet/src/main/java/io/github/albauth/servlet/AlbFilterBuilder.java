package io.github.albauth.servlet;

import io.github.albauth.core.AccessTokenVerifier;
import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.servlet.internal.ExcludedRequests;
import io.github.albauth.servlet.internal.FilterRuntime;
import io.github.albauth.servlet.internal.FilterSettings;
import io.github.albauth.servlet.internal.Listeners;
import io.github.albauth.servlet.internal.LogoutEndpoint;
import io.github.albauth.servlet.internal.PathPatterns;
import io.github.albauth.servlet.internal.ProvisioningCache;
import io.github.albauth.servlet.internal.Refusals;
import io.github.albauth.servlet.internal.SingleValuedHeaders;
import io.github.albauth.servlet.internal.StandardFailureHandler;
import io.github.albauth.servlet.internal.steps.AccessTokenStep;
import io.github.albauth.servlet.internal.steps.GateStep;
import io.github.albauth.servlet.internal.steps.HeaderStep;
import io.github.albauth.servlet.internal.steps.LoginPipeline;
import io.github.albauth.servlet.internal.steps.LoginStep;
import io.github.albauth.servlet.internal.steps.MappingStep;
import io.github.albauth.servlet.internal.steps.PrincipalStep;
import io.github.albauth.servlet.internal.steps.ProvisionStep;
import io.github.albauth.servlet.internal.steps.VerifyStep;
import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Configures an {@link AlbAuthenticationFilter} ({@link AlbAuthenticationFilter#builder()}).
 *
 * <p>Precedence: an option may be given in code or by an {@code albauth.*} key ({@link
 * #configure}); when both give it they must agree, or {@link #build()} fails naming both values. A
 * component given in code ({@link #verifier}, {@link #mapper}, {@link #accessTokenVerifier},
 * {@link #logout}, {@link #excludeRequests}, {@link #failureHandler}) replaces the keys that would
 * build it, and those keys given as well fail {@link #build()}. A method called twice fails at once
 * with an {@link IllegalStateException}; a bad value with an {@link IllegalArgumentException}.
 * Listeners ({@link #listener}, {@link #keySourceListener}) are the exception: each call adds one.
 *
 * <p>Not thread-safe.
 */
public final class AlbFilterBuilder {

  private static final int PROVISIONING_CACHE_SIZE = 10_000;

  private Settings configuration = Settings.empty();
  private @Nullable AlbTokenVerifier verifier;
  private @Nullable AccessTokenVerifier accessTokenVerifier;
  private @Nullable Boolean accessTokenSubjectMustMatch;
  private @Nullable Map<String, String> accessTokenBindClaims;
  private @Nullable UserAttributeMapper mapper;
  private @Nullable LoginProvisioner provisioner;
  private @Nullable Duration provisioningCacheTtl;
  private @Nullable List<String> excludePaths;
  private @Nullable AlbRequestMatcher excludeRequests;
  private @Nullable List<String> jsonErrorPaths;
  private @Nullable AlbFailureHandler failureHandler;
  private @Nullable List<String> requiredGroups;
  private @Nullable Boolean requiredGroupsFromStore;
  private @Nullable Map<String, String> roleMapping;
  private @Nullable String tokenHeader;
  private @Nullable String identityHeader;
  private @Nullable String logoutPath;
  private @Nullable AlbLogout logout;
  private @Nullable Clock clock;
  private final List<AlbFilterListener> listeners = new ArrayList<>();
  private final List<AlbPublicKeySource.Listener> keySourceListeners = new ArrayList<>();

  AlbFilterBuilder() {}

  /**
   * Applies {@code albauth.*} settings: alb-auth-core's keys build the token verifier, {@code
   * albauth.idp} and {@code albauth.mapping.*} the claim mapping, and the keys of {@link
   * AlbFilterProperties} the filter. Every {@code albauth.*} key must be declared by an albauth
   * module present: a typo fails here with the nearest valid key.
   *
   * @param albauthSettings key to value; keys outside {@code albauth.*} are ignored
   * @return this builder
   * @throws IllegalArgumentException for an unknown key or a bad value
   * @throws IllegalStateException when a key was configured before with another value
   */
  public AlbFilterBuilder configure(Map<String, String> albauthSettings) {
    configuration = Precedence.merge(configuration,
        SettingsRegistry.discover().read(Objects.requireNonNull(albauthSettings, "albauthSettings")));
    return this;
  }

  /**
   * Uses this verifier instead of building one from alb-auth-core's keys (which must then be
   * absent, but for {@code albauth.idp}). The caller keeps it: the filter does not close it.
   *
   * @param tokenVerifier the ALB token verifier
   * @return this builder
   */
  public AlbFilterBuilder verifier(AlbTokenVerifier tokenVerifier) {
    verifier = Precedence.setOnce("verifier", verifier, tokenVerifier);
    return this;
  }

  /**
   * Verifies the IdP access token ({@code x-amzn-oidc-accesstoken}) with this verifier and merges
   * its groups into the user's (instead of {@code albauth.access-token.*}).
   *
   * @param accessTokens the access token verifier; the caller keeps it
   * @return this builder
   */
  public AlbFilterBuilder accessTokenVerifier(AccessTokenVerifier accessTokens) {
    accessTokenVerifier = Precedence.setOnce("access token verifier", accessTokenVerifier, accessTokens);
    return this;
  }

  /**
   * Sets whether the access token's {@code sub} must equal the ALB token's ({@code
   * albauth.access-token.match-subject}, default true). Where the IdP's two subjects differ (Okta's
   * access-token {@code sub} is the login), turn it off and bind the tokens by a claim pair with
   * {@link #accessTokenBindClaim}; off without a pair fails {@link #build()}.
   *
   * @param required whether to require the same subject
   * @return this builder
   */
  public AlbFilterBuilder accessTokenSubjectMustMatch(boolean required) {
    accessTokenSubjectMustMatch = Precedence.setOnce("access token subject match",
        accessTokenSubjectMustMatch, required);
    return this;
  }

  /**
   * Binds the access token to the ALB token by a claim pair ({@code
   * albauth.access-token.bind-claims}): the ALB token's {@code albClaim} must be a string equal to
   * the access token's {@code accessTokenClaim}, else 403 {@link
   * AlbAuthFailure#ACCESS_TOKEN_MISMATCH}. Okta: {@code ("sub", "uid")}.
   *
   * @param albClaim a claim of the ALB token
   * @param accessTokenClaim the access token's claim that must equal it
   * @return this builder
   */
  public AlbFilterBuilder accessTokenBindClaim(String albClaim, String accessTokenClaim) {
    accessTokenBindClaims = Precedence.setOnce("access token bind claims", accessTokenBindClaims,
        Map.of(albClaim, accessTokenClaim));
    return this;
  }

  /**
   * Maps claims with this mapper instead of the preset plus {@code albauth.mapping.*} (which must
   * then be absent).
   *
   * @param attributeMapper a compiled mapping or any mapper
   * @return this builder
   */
  public AlbFilterBuilder mapper(UserAttributeMapper attributeMapper) {
    mapper = Precedence.setOnce("mapper", mapper, attributeMapper);
    return this;
  }

  /**
   * Provisions users at login with this provisioner.
   *
   * @param loginProvisioner for example {@link UserSyncProvisioner}
   * @return this builder
   */
  public AlbFilterBuilder provisioner(LoginProvisioner loginProvisioner) {
    provisioner = Precedence.setOnce("provisioner", provisioner, loginProvisioner);
    return this;
  }

  /**
   * Sets how long a provisioning outcome is reused for the same subject and the same mapped claims
   * ({@code albauth.provisioning.cache-ttl}, default {@code PT1M}). A user deactivated in the store
   * is refused at the latest this long after.
   *
   * @param ttl zero provisions on every request; at most a day
   * @return this builder
   */
  public AlbFilterBuilder provisioningCacheTtl(Duration ttl) {
    provisioningCacheTtl = Precedence.setOnce("provisioning cache ttl", provisioningCacheTtl,
        FilterSettings.PROVISIONING_CACHE_TTL.parse("provisioning cache ttl", ttl.toString()));
    return this;
  }

  /**
   * Serves these path patterns without authentication ({@code albauth.exclude-paths}); see
   * {@link AlbRequestMatcher#paths} for how they match.
   *
   * @param patterns exact ({@code /health}), prefix ({@code /actuator/*}) or extension within a
   *     prefix ({@code /static/*.css})
   * @return this builder
   * @throws IllegalArgumentException for an invalid pattern or an unscoped extension ({@code *.css})
   */
  public AlbFilterBuilder excludePaths(String... patterns) {
    PathPatterns.parse(String.join(",", patterns));
    excludePaths = Precedence.setOnce("exclude paths", excludePaths, List.of(patterns));
    return this;
  }

  /**
   * Serves the requests this matcher selects without authentication, instead of path patterns.
   * Start from {@link AlbRequestMatcher#paths} to add a condition of your own.
   *
   * @param matcher decides which requests skip authentication; must be thread-safe
   * @return this builder
   */
  public AlbFilterBuilder excludeRequests(AlbRequestMatcher matcher) {
    excludeRequests = Precedence.setOnce("exclude request matcher", excludeRequests, matcher);
    return this;
  }

  /**
   * Answers refusals on these paths with a JSON body ({@code albauth.json-error-paths}).
   *
   * @param patterns path patterns as for {@link #excludePaths}, e.g. {@code /api/*}
   * @return this builder
   */
  public AlbFilterBuilder jsonErrorPaths(String... patterns) {
    PathPatterns.parse(String.join(",", patterns));
    jsonErrorPaths = Precedence.setOnce("json error paths", jsonErrorPaths, List.of(patterns));
    return this;
  }

  /**
   * Answers refused requests with this handler instead of the filter's short bodies (then {@code
   * albauth.json-error-paths} does not apply and must be absent).
   *
   * @param handler the handler; must be thread-safe
   * @return this builder
   */
  public AlbFilterBuilder failureHandler(AlbFailureHandler handler) {
    failureHandler = Precedence.setOnce("failure handler", failureHandler, handler);
    return this;
  }

  /**
   * Lets in only users in at least one of these groups ({@code albauth.required-groups}), judged
   * on the groups the IdP gives (token, access token) before anything is written to the store.
   *
   * @param groups group names as mapped
   * @return this builder
   */
  public AlbFilterBuilder requireGroups(String... groups) {
    requiredGroups = Precedence.setOnce("required groups", requiredGroups, List.of(groups));
    return this;
  }

  /**
   * Lets groups the store grants satisfy {@link #requireGroups} ({@code
   * albauth.required-groups.from-store}, default false). Then the gate runs after provisioning,
   * so users outside the required groups are created in the store before they are refused.
   *
   * @param allowed whether store groups count
   * @return this builder
   */
  public AlbFilterBuilder requiredGroupsFromStore(boolean allowed) {
    requiredGroupsFromStore = Precedence.setOnce("required groups from store",
        requiredGroupsFromStore, allowed);
    return this;
  }

  /**
   * Renames groups to roles for {@code isUserInRole} ({@code albauth.role-mapping}).
   *
   * @param groupToRole group name to role name; unmapped groups are roles as they are
   * @return this builder
   */
  public AlbFilterBuilder roleMapping(Map<String, String> groupToRole) {
    roleMapping = Precedence.setOnce("role mapping", roleMapping, Map.copyOf(groupToRole));
    return this;
  }

  /**
   * Reads the token from this header instead of {@code x-amzn-oidc-data} ({@code
   * albauth.token-header}).
   *
   * @param header the header name
   * @return this builder
   */
  public AlbFilterBuilder tokenHeader(String header) {
    tokenHeader = Precedence.setOnce("token header", tokenHeader,
        FilterSettings.TOKEN_HEADER.parse("token header", header));
    return this;
  }

  /**
   * Compares the token's {@code sub} with this header instead of {@code x-amzn-oidc-identity}
   * ({@code albauth.identity-header}).
   *
   * @param header the header name
   * @return this builder
   */
  public AlbFilterBuilder identityHeader(String header) {
    identityHeader = Precedence.setOnce("identity header", identityHeader,
        FilterSettings.IDENTITY_HEADER.parse("identity header", header));
    return this;
  }

  /**
   * Handles logout at this path with this helper, before authentication (instead of {@code
   * albauth.logout.*}): on POST only (any other method is 405 with {@code Allow: POST}; a POST
   * marked {@code Sec-Fetch-Site: cross-site} is 403); it invalidates the HTTP session, expires the
   * ALB cookies and redirects to the IdP.
   *
   * @param path the exact path, e.g. {@code /logout}
   * @param albLogout the logout helper
   * @return this builder
   */
  public AlbFilterBuilder logout(String path, AlbLogout albLogout) {
    Objects.requireNonNull(albLogout, "albLogout");
    logoutPath = Precedence.setOnce("logout", logoutPath, logoutPath(path));
    logout = albLogout;
    return this;
  }

  /**
   * Adds a listener told of every request the filter authenticates or refuses, e.g. for metrics;
   * may be called several times (listeners are called in the order added).
   *
   * @param filterListener the listener; must be fast and thread-safe
   * @return this builder
   */
  public AlbFilterBuilder listener(AlbFilterListener filterListener) {
    listeners.add(Objects.requireNonNull(filterListener, "filterListener"));
    return this;
  }

  /**
   * Adds a listener told of the ALB key lookups of the verifier this filter builds from {@code
   * albauth.*} keys (cache hits and misses, fetches with their latency, failures with their
   * reason), e.g. for metrics or a health check; may be called several times. A verifier given
   * with {@link #verifier} has a key source of its own: set its listener on its builder instead
   * ({@link AlbTokenVerifier.Builder#keySourceListener}); both fail {@link #build()}.
   *
   * @param keyListener the listener; must be fast and thread-safe
   * @return this builder
   */
  public AlbFilterBuilder keySourceListener(AlbPublicKeySource.Listener keyListener) {
    keySourceListeners.add(Objects.requireNonNull(keyListener, "keyListener"));
    return this;
  }

  /**
   * Uses this clock for caches and log rate limits (the verifier has its own).
   *
   * @param time the clock
   * @return this builder
   */
  public AlbFilterBuilder clock(Clock time) {
    clock = Precedence.setOnce("clock", clock, time);
    return this;
  }

  /**
   * Builds the filter.
   *
   * @return a filter ready to register; its {@code init} does nothing more
   * @throws IllegalArgumentException or IllegalStateException saying what to fix
   */
  public AlbAuthenticationFilter build() {
    return new AlbAuthenticationFilter(assemble());
  }

  FilterRuntime assemble() {
    Settings config = configuration;
    refuseKeysReplacedInCode(config);
    Clock time = clock != null ? clock : Clock.systemUTC();
    String tokenHeaderName = orDefault(Precedence.resolve("token header", tokenHeader,
        FilterSettings.TOKEN_HEADER, config), IdpPreset.TOKEN_HEADER);
    String identityHeaderName = orDefault(Precedence.resolve("identity header", identityHeader,
        FilterSettings.IDENTITY_HEADER, config), IdpPreset.IDENTITY_HEADER);
    List<String> required = orDefault(Precedence.resolve("required groups", requiredGroups,
        FilterSettings.REQUIRED_GROUPS, config), List.of());
    boolean gateAfterStore = orDefault(Precedence.resolve("required groups from store",
        requiredGroupsFromStore, FilterSettings.REQUIRED_GROUPS_FROM_STORE, config), false);
    Map<String, String> roles = orDefault(Precedence.resolve("role mapping", roleMapping,
        FilterSettings.ROLE_MAPPING, config), Map.of());
    Duration ttl = orDefault(Precedence.resolve("provisioning cache ttl", provisioningCacheTtl,
        FilterSettings.PROVISIONING_CACHE_TTL, config), Duration.ofMinutes(1));
    boolean subjectMustMatch = orDefault(Precedence.resolve("access token subject match",
        accessTokenSubjectMustMatch, FilterSettings.ACCESS_TOKEN_MATCH_SUBJECT, config), true);
    Map<String, String> bindClaims = orDefault(Precedence.resolve("access token bind claims",
        accessTokenBindClaims, FilterSettings.ACCESS_TOKEN_BIND_CLAIMS, config), Map.of());
    boolean accessTokenGroups = orDefault(Precedence.resolve("access token groups",
        accessTokenVerifier == null ? null : Boolean.TRUE, FilterSettings.ACCESS_TOKEN_GROUPS,
        config), false);
    PathPatterns excluded = patterns(FilterSettings.EXCLUDE_PATHS, Precedence.resolve(
        "exclude paths", excludePaths, FilterSettings.EXCLUDE_PATHS, config));
    AlbRequestMatcher exclusions = excludeRequests != null ? excludeRequests
        : request -> excluded.matches(PathPatterns.pathWithinApplication(request));
    AlbFailureHandler standard = new StandardFailureHandler(patterns(FilterSettings.JSON_ERROR_PATHS,
        Precedence.resolve("json error paths", jsonErrorPaths, FilterSettings.JSON_ERROR_PATHS,
            config)));
    Refusals refusals = new Refusals(LoggerFactory.getLogger(AlbAuthenticationFilter.class), time,
        config.get(FilterSettings.FAILURE_LOG_PER_MINUTE).orElse(20),
        failureHandler != null ? failureHandler : standard, standard,
        new Listeners<>(listeners, LoggerFactory.getLogger(AlbAuthenticationFilter.class)));
    String logoutAt = Precedence.resolve("logout", logoutPath, FilterSettings.LOGOUT_PATH, config);
    if (logoutAt != null) {
      logoutAt = logoutPath(logoutAt);
    }
    UserAttributeMapper attributes = mapper != null ? mapper
        : AlbFilterProperties.claimMapping(config.asMap());
    // built last: nothing after them may fail, or their HTTP clients would be left open
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      AlbTokenVerifier tokens = verifier;
      if (tokens == null) {
        AlbTokenVerifier.Builder tokenVerifier = AlbTokenVerifier.builder().configure(config.asMap());
        if (!keySourceListeners.isEmpty()) {
          tokenVerifier.keySourceListener(Listeners.keySource(new Listeners<>(keySourceListeners,
              LoggerFactory.getLogger(AlbAuthenticationFilter.class))));
        }
        tokens = tokenVerifier.build();
        owned.add(tokens);
      }
      List<LoginStep> steps = new ArrayList<>();
      steps.add(new HeaderStep(new SingleValuedHeaders(new LinkedHashSet<>(List.of(tokenHeaderName,
          identityHeaderName, IdpPreset.TOKEN_HEADER, IdpPreset.IDENTITY_HEADER,
          IdpPreset.ACCESS_TOKEN_HEADER))), tokenHeaderName));
      steps.add(new VerifyStep(tokens, identityHeaderName));
      if (accessTokenGroups) {
        AccessTokenVerifier accessTokens = accessTokenVerifier;
        if (accessTokens == null) {
          accessTokens = accessTokenVerifierFrom(config);
          owned.add(accessTokens);
        }
        steps.add(new AccessTokenStep(accessTokens, subjectMustMatch, bindClaims));
      }
      steps.add(new MappingStep(attributes));
      GateStep gate = required.isEmpty() ? null : new GateStep(new LinkedHashSet<>(required));
      if (gate != null && !gateAfterStore) {
        steps.add(gate);
      }
      if (provisioner != null) {
        steps.add(new ProvisionStep(provisioner,
            new ProvisioningCache<>(time, ttl, PROVISIONING_CACHE_SIZE)));
      }
      if (gate != null && gateAfterStore) {
        steps.add(gate);
      }
      steps.add(new PrincipalStep(roles));
      AlbLogout logoutHelper = logoutAt == null ? null : logout != null ? logout : logoutFrom(config);
      return new FilterRuntime(new LoginPipeline(steps),
          new ExcludedRequests(exclusions, refusals.refusalLog(),
              LoggerFactory.getLogger(AlbAuthenticationFilter.class)),
          logoutAt,
          logoutHelper == null ? null : new LogoutEndpoint(logoutHelper), refusals, owned);
    } catch (RuntimeException e) {
      FilterRuntime.closeAll(owned, LoggerFactory.getLogger(AlbAuthenticationFilter.class));
      throw e;
    }
  }

  private void refuseKeysReplacedInCode(Settings config) {
    SettingsRegistry registry = SettingsRegistry.discover();
    if (verifier != null && !keySourceListeners.isEmpty()) {
      throw new IllegalStateException("keySourceListener(...) listens to the verifier the filter"
          + " builds from albauth.* keys, but verifier(...) gives one: set the listener on that"
          + " verifier's builder (AlbTokenVerifier.Builder.keySourceListener) instead");
    }
    if (verifier != null) {
      Precedence.refuseIgnored("verifier(...)", config, registry.settings().stream()
          .filter(s -> registry.moduleOf(s).equals("alb-auth-core"))
          .filter(s -> !s.name().equals(AlbAuthProperties.IDP))
          .toArray(Setting<?>[]::new));
    }
    if (mapper != null) {
      Precedence.refuseIgnored("mapper(...)", config, registry.settings().stream()
          .filter(s -> registry.moduleOf(s).equals("usersync-mapping"))
          .toArray(Setting<?>[]::new));
    }
    if (accessTokenVerifier != null) {
      Precedence.refuseIgnored("accessTokenVerifier(...)", config,
          FilterSettings.ACCESS_TOKEN_VERIFIER.toArray(Setting<?>[]::new));
    }
    if (logout != null) {
      Precedence.refuseIgnored("logout(...)", config, FilterSettings.LOGOUT.toArray(Setting<?>[]::new));
    }
    if (excludeRequests != null) {
      if (excludePaths != null) {
        throw new IllegalStateException("both excludePaths and excludeRequests are set; use one:"
            + " excludeRequests(AlbRequestMatcher.paths(...)) combines patterns with a matcher");
      }
      Precedence.refuseIgnored("excludeRequests(...)", config, FilterSettings.EXCLUDE_PATHS);
    }
    if (failureHandler != null) {
      if (jsonErrorPaths != null) {
        throw new IllegalStateException("both jsonErrorPaths and failureHandler are set; the"
            + " failure handler writes every refusal, so json error paths would be ignored");
      }
      Precedence.refuseIgnored("failureHandler(...)", config, FilterSettings.JSON_ERROR_PATHS);
    }
  }

  private static AccessTokenVerifier accessTokenVerifierFrom(Settings config) {
    AccessTokenVerifier.Builder b = AccessTokenVerifier.builder();
    config.get(FilterSettings.ACCESS_TOKEN_ISSUER).ifPresentOrElse(b::requireIssuer, () -> {
      List<String> issuers = configuredList(config, AlbAuthProperties.EXPECTED_ISSUERS);
      if (issuers.size() != 1) {
        throw new IllegalStateException(AlbFilterProperties.ACCESS_TOKEN_GROUPS + " needs the"
            + " access token's issuer: set " + AlbFilterProperties.ACCESS_TOKEN_ISSUER
            + " (or exactly one " + AlbAuthProperties.EXPECTED_ISSUERS + ")");
      }
      b.requireIssuer(issuers.get(0));
    });
    List<String> audiences = config.get(FilterSettings.ACCESS_TOKEN_AUDIENCES)
        .orElseGet(() -> configuredList(config, AlbAuthProperties.EXPECTED_CLIENT_IDS));
    if (!audiences.isEmpty()) {
      b.requireAudience(audiences.toArray(String[]::new));
    }
    configuredPreset(config).ifPresent(b::idp);
    config.get(FilterSettings.ACCESS_TOKEN_JWKS_URL).ifPresent(b::jwksUri);
    return b.build();
  }

  static AlbLogout logoutFrom(Settings config) {
    AlbLogout.Builder b = AlbLogout.builder();
    configuredPreset(config).ifPresent(preset -> b.idp(preset.configName()));
    List<String> issuers = configuredList(config, AlbAuthProperties.EXPECTED_ISSUERS);
    if (!issuers.isEmpty()) {
      b.issuer(issuers.get(0));
    }
    List<String> clients = configuredList(config, AlbAuthProperties.EXPECTED_CLIENT_IDS);
    if (!clients.isEmpty()) {
      b.clientId(clients.get(0));
    }
    config.get(FilterSettings.LOGOUT_RETURN_TO).ifPresent(b::returnTo);
    config.get(FilterSettings.LOGOUT_URL).ifPresent(b::logoutUrlTemplate);
    config.get(FilterSettings.LOGOUT_COGNITO_DOMAIN).ifPresent(b::cognitoDomain);
    config.get(FilterSettings.SESSION_COOKIE_NAME).ifPresent(b::sessionCookieName);
    return b.build();
  }

  /** A core list key, parsed by its registry declaration (the filter reads it, core owns it). */
  @SuppressWarnings("unchecked") // core declares its list keys as Setting<List<String>>
  private static List<String> configuredList(Settings config, String key) {
    return SettingsRegistry.discover().find(key)
        .flatMap(setting -> config.get((Setting<List<String>>) setting))
        .orElse(List.of());
  }

  @SuppressWarnings("unchecked") // core declares albauth.idp as a Setting<String>
  private static java.util.Optional<IdpPreset> configuredPreset(Settings config) {
    return SettingsRegistry.discover().find(AlbAuthProperties.IDP)
        .flatMap(setting -> config.get((Setting<String>) setting))
        .map(IdpPreset::fromConfigName);
  }

  /** Path patterns, a bad one named with its key. */
  private static PathPatterns patterns(Setting<List<String>> key, @Nullable List<String> values) {
    try {
      return values == null ? PathPatterns.none() : PathPatterns.parse(String.join(",", values));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key.name() + ": " + e.getMessage(), e);
    }
  }

  private static String logoutPath(String path) {
    String stripped = Objects.requireNonNull(path, "path").strip();
    if (!stripped.startsWith("/")) {
      throw new IllegalArgumentException(AlbFilterProperties.LOGOUT_PATH + ": \"" + path
          + "\" must be a path starting with '/', e.g. /logout");
    }
    return stripped;
  }

  private static <T> T orDefault(@Nullable T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
