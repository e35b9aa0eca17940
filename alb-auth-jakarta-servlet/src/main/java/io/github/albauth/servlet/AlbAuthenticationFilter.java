package io.github.albauth.servlet;

import io.github.albauth.core.AccessToken;
import io.github.albauth.core.AccessTokenVerifier;
import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.servlet.internal.AuthenticatedRequest;
import io.github.albauth.servlet.internal.ExcludedRequests;
import io.github.albauth.servlet.internal.LogoutEndpoint;
import io.github.albauth.servlet.internal.PathPatterns;
import io.github.albauth.servlet.internal.ProvisioningCache;
import io.github.albauth.servlet.internal.RateLimitedLog;
import io.github.albauth.servlet.internal.Responses;
import io.github.albauth.servlet.internal.SessionBinding;
import io.github.albauth.servlet.internal.SingleValuedHeaders;
import io.github.albauth.servlet.internal.StepFailures;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The servlet filter for applications behind an AWS Application Load Balancer with ALB
 * authentication: it verifies the ALB's token, maps its claims to a local user, optionally
 * provisions that user, and calls the rest of the chain with the user as the request's principal
 * ({@code getUserPrincipal()} is an {@link AlbPrincipal}, {@code getRemoteUser()} its name,
 * {@code isUserInRole} its groups after role mapping, {@code getAuthType()} {@code "ALB"}), the
 * principal also as the request attribute {@link AlbPrincipal#REQUEST_ATTRIBUTE}, and the username in
 * the slf4j MDC under {@link #MDC_USER} while the request runs.
 *
 * <p>Refusals: 401 when the token is missing or does not verify, 403 when it verifies but the user
 * is not allowed (not in a required group, deactivated in the store, skipped by the mapping), 503
 * when the user store fails; short bodies that reveal nothing; never a 500 for bad input. The reason
 * is the request attribute {@link AlbAuthFailure#REQUEST_ATTRIBUTE} and one rate-limited log line
 * (never the token).
 *
 * <p>Configuration: with the no-argument constructor (web.xml, {@code @WebFilter}), from filter
 * init-params, system properties and {@code ALBAUTH_*} environment variables (see
 * {@link AlbFilterProperties}); or programmatically with {@link #builder()} (Spring's
 * {@code FilterRegistrationBean}). A misconfiguration fails {@code init} with a message that says
 * what to fix.
 *
 * <p><b>Security warning:</b> the filter is only as good as the network path: the ALB must be the
 * only way to reach the application (security groups allowing the ALB only). The token itself cannot
 * be forged, since it is signed by the ALB and the {@code signer} is checked, but a captured token
 * can be replayed until it expires (the ALB issues them for a short time).
 *
 * <p>Thread-safe once initialised.
 */
public final class AlbAuthenticationFilter implements Filter {

  /** The MDC key that holds the username while the request runs. */
  public static final String MDC_USER = "albauth.user";

  /**
   * The HTTP session attribute that binds a session to the user it belongs to: a {@code String}
   * {@code "<iss> <sub>"}. The filter never creates a session. On an authenticated request it
   * changes the id of a session that is not bound yet ({@code changeSessionId()}, against session
   * fixation) and binds it, invalidates a session bound to another subject, and binds a session
   * the application creates.
   */
  public static final String SESSION_SUBJECT_ATTRIBUTE = "io.github.albauth.servlet.subject";

  private static final Logger LOG = LoggerFactory.getLogger(AlbAuthenticationFilter.class);
  private static final Duration DEFAULT_PROVISIONING_CACHE_TTL = Duration.ofMinutes(1);
  private static final int PROVISIONING_CACHE_SIZE = 10_000;
  private static final int DEFAULT_FAILURE_LOG_PER_MINUTE = 20;
  private static final int LOGGED_PATH_LENGTH = 200;

  private volatile @Nullable Pipeline runtime;

  /** For containers: configured in {@link #init} from init-params, system properties, environment. */
  public AlbAuthenticationFilter() {}

  private AlbAuthenticationFilter(Pipeline runtime) {
    this.runtime = runtime;
  }

  /** {@return a builder for a programmatically configured filter} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (runtime != null) {
      return;
    }
    Map<String, String> settings = new LinkedHashMap<>(
        AlbFilterProperties.collect(System.getenv(), System.getProperties()));
    Enumeration<String> names = filterConfig.getInitParameterNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      if (name.startsWith("albauth.")) {
        settings.put(name, filterConfig.getInitParameter(name));
      }
    }
    Builder builder = builder().configure(settings);
    Object provisioner =
        filterConfig.getServletContext().getAttribute(LoginProvisioner.CONTEXT_ATTRIBUTE);
    if (provisioner instanceof LoginProvisioner p) {
      builder.provisioner(p);
    }
    try {
      runtime = builder.buildRuntime();
    } catch (RuntimeException e) {
      throw new ServletException("albauth filter '" + filterConfig.getFilterName()
          + "' is misconfigured: " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Pipeline active = runtime;
    if (active == null) {
      throw new ServletException("albauth filter used before init");
    }
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
      active.filter(http, out, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  /**
   * Closes the verifiers this filter built from its configuration (their HTTP clients and threads);
   * verifiers given to the {@link Builder} belong to the caller and stay open.
   */
  @Override
  public void destroy() {
    Pipeline active = runtime;
    if (active != null) {
      active.close();
    }
  }

  /** The configured, immutable request processing. */
  private static final class Pipeline {
    private final AlbTokenVerifier verifier;
    private final @Nullable AccessTokenVerifier accessTokenVerifier;
    private final boolean accessTokenSubjectMustMatch;
    private final UserAttributeMapper mapper;
    private final @Nullable LoginProvisioner provisioner;
    private final ProvisioningCache<ProvisionedUser> provisioned;
    private final String tokenHeader;
    private final String identityHeader;
    private final SingleValuedHeaders singleValued;
    private final ExcludedRequests excluded;
    private final PathPatterns jsonErrors;
    private final Set<String> requiredGroups;
    private final Map<String, String> roleMapping;
    private final @Nullable String logoutPath;
    private final @Nullable LogoutEndpoint logout;
    private final RateLimitedLog failures;
    /** The verifiers built from configuration, which this filter closes. */
    private final List<AutoCloseable> owned;

    Pipeline(Builder b, AlbTokenVerifier verifier, UserAttributeMapper mapper,
        @Nullable AlbLogout logout, List<AutoCloseable> owned) {
      this.owned = List.copyOf(owned);
      this.verifier = verifier;
      this.accessTokenVerifier = b.accessTokenVerifier;
      this.accessTokenSubjectMustMatch = b.accessTokenSubjectMustMatch;
      this.mapper = mapper;
      this.provisioner = b.provisioner;
      this.provisioned = new ProvisioningCache<>(b.clock, b.provisioningCacheTtl,
          PROVISIONING_CACHE_SIZE);
      this.tokenHeader = b.tokenHeader;
      this.identityHeader = b.identityHeader;
      this.singleValued = new SingleValuedHeaders(List.of(tokenHeader, identityHeader,
          IdpPreset.TOKEN_HEADER, IdpPreset.IDENTITY_HEADER, IdpPreset.ACCESS_TOKEN_HEADER));
      this.jsonErrors = b.jsonErrors;
      this.requiredGroups = Set.copyOf(b.requiredGroups);
      this.roleMapping = Map.copyOf(b.roleMapping);
      this.logoutPath = b.logoutPath;
      this.logout = logout == null ? null : new LogoutEndpoint(logout);
      this.failures = new RateLimitedLog(LOG, b.clock, Duration.ofMinutes(1), b.failureLogPerMinute);
      AlbRequestMatcher exclusions = b.excludedRequests;
      if (exclusions == null) {
        PathPatterns paths = b.excluded;
        exclusions = request -> paths.matches(PathPatterns.pathWithinApplication(request));
      }
      this.excluded = new ExcludedRequests(exclusions, failures, LOG);
    }

    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String path = PathPatterns.pathWithinApplication(request);
      if (logout != null && path.equals(logoutPath)) {
        logout(logout, request, response, path);
        return;
      }
      if (excluded.matches(request, path)) {
        chain.doFilter(request, response);
        return;
      }
      AlbPrincipal principal;
      String subject;
      try {
        principal = authenticate(request);
        subject = SessionBinding.subjectOf(Objects.requireNonNull(principal.identity()));
        if (SessionBinding.bind(request, subject) == SessionBinding.Outcome.INVALIDATED) {
          LOG.debug("albauth invalidated an HTTP session that belongs to another subject");
        }
      } catch (Refusal refusal) {
        refuse(request, response, path, refusal);
        return;
      } catch (Throwable unexpected) {
        // a failure outside the steps that handle their own: our bug, never a 500
        refuse(request, response, path, unexpected(AlbAuthFailure.INTERNAL_ERROR, unexpected));
        return;
      }
      request.setAttribute(AlbPrincipal.REQUEST_ATTRIBUTE, principal);
      MDC.put(MDC_USER, principal.getName());
      try {
        chain.doFilter(new AuthenticatedRequest(request, principal, subject), response);
      } finally {
        MDC.remove(MDC_USER);
      }
    }

    private void logout(LogoutEndpoint endpoint, HttpServletRequest request,
        HttpServletResponse response, String path) throws IOException {
      try {
        LogoutEndpoint.Outcome outcome = endpoint.check(request);
        if (outcome != LogoutEndpoint.Outcome.LOGGED_OUT) {
          failures.warn("albauth refused {} {} from {}: {}",
              Responses.forLog(request.getMethod(), 16), Responses.forLog(path, LOGGED_PATH_LENGTH),
              request.getRemoteAddr(), outcome == LogoutEndpoint.Outcome.NOT_POST
                  ? "logout needs POST" : "cross-site logout");
        }
        endpoint.answer(outcome, request, response);
      } catch (IOException clientGone) {
        throw clientGone;
      } catch (Throwable e) {
        refuse(request, response, path, unexpected(AlbAuthFailure.INTERNAL_ERROR, e));
      }
    }

    void close() {
      for (AutoCloseable resource : owned) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("albauth could not close {}: {}", resource.getClass().getSimpleName(), e.toString());
        }
      }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path,
        Refusal refusal) throws IOException {
      request.setAttribute(AlbAuthFailure.REQUEST_ATTRIBUTE, refusal.failure);
      failures.warn("albauth refused {} {} from {}: {}{}", Responses.forLog(request.getMethod(), 16),
          Responses.forLog(path, LOGGED_PATH_LENGTH), request.getRemoteAddr(), refusal.failure,
          refusal.detail.isEmpty() ? "" : " (" + refusal.detail + ")");
      Responses.refuse(response, refusal.failure, jsonErrors.matches(path));
    }

    /**
     * The refusal for a step's unexpected failure (any Throwable but a fatal VirtualMachineError,
     * which is rethrown): the step's own reason, the failure's class in the WARN line, its stack
     * trace at DEBUG.
     */
    private static Refusal unexpected(AlbAuthFailure failure, Throwable cause) {
      StepFailures.rethrowIfFatal(cause);
      LOG.debug("albauth {}: unexpected failure", failure, cause);
      return new Refusal(failure, StepFailures.describe(cause));
    }

    /**
     * A token that was judged and refused is the client's problem (401); a key or JWKS endpoint
     * that could not be asked is ours (503 with Retry-After), logged with what failed.
     */
    private static Refusal tokenRefusal(AlbAuthFailure refused, AlbTokenException e) {
      if (e.reason().serviceUnavailable()) {
        return new Refusal(AlbAuthFailure.KEY_UNAVAILABLE, e.reason() + ": " + e.getMessage());
      }
      return new Refusal(refused, e.reason().name());
    }

    private AlbPrincipal authenticate(HttpServletRequest request) throws Refusal {
      String repeated = singleValued.firstRepeated(request);
      if (repeated != null) {
        throw new Refusal(AlbAuthFailure.MALFORMED, repeated + " header sent twice");
      }
      String token = request.getHeader(tokenHeader);
      if (token == null || token.isEmpty()) {
        throw new Refusal(AlbAuthFailure.MISSING_TOKEN, "");
      }
      AlbIdentity identity;
      try {
        identity = verifier.verify(token, request.getHeader(identityHeader));
      } catch (AlbTokenException e) {
        throw tokenRefusal(AlbAuthFailure.INVALID_TOKEN, e);
      } catch (Throwable e) {
        throw unexpected(AlbAuthFailure.INVALID_TOKEN, e);
      }
      AccessToken accessToken = null;
      if (accessTokenVerifier != null) {
        try {
          accessToken = accessTokenVerifier.verify(request.getHeader(IdpPreset.ACCESS_TOKEN_HEADER));
        } catch (AlbTokenException e) {
          throw tokenRefusal(AlbAuthFailure.INVALID_ACCESS_TOKEN, e);
        } catch (Throwable e) {
          throw unexpected(AlbAuthFailure.INVALID_ACCESS_TOKEN, e);
        }
        if (accessTokenSubjectMustMatch && !identity.subject().equals(accessToken.subject())) {
          // one user's ALB token with another user's access token: never merge those groups
          throw new Refusal(AlbAuthFailure.INVALID_ACCESS_TOKEN, "SUBJECT_MISMATCH");
        }
      }
      MappingResult mapped;
      try {
        mapped = Objects.requireNonNull(mapper.map(AttributeSource.of(identity.claims())),
            "the mapper returned null");
      } catch (MappingException e) {
        throw new Refusal(AlbAuthFailure.MAPPING_FAILED,
            e.reason() + (e.attribute() == null ? "" : " in " + e.attribute()));
      } catch (Throwable e) {
        throw unexpected(AlbAuthFailure.MAPPING_FAILED, e);
      }
      if (mapped.isSkipped()) {
        throw new Refusal(AlbAuthFailure.USER_SKIPPED, "");
      }
      String mappedName = mapped.string("username");
      String username = mappedName == null || mappedName.isBlank() ? identity.username() : mappedName;
      Set<String> groups = new LinkedHashSet<>(strings(mapped.attributes().get("groups")));
      if (accessToken != null) {
        groups.addAll(accessToken.groups());
      }
      if (provisioner != null) {
        ProvisionedUser user = provision(identity, mapped);
        if (!user.active()) {
          throw new Refusal(AlbAuthFailure.USER_DEACTIVATED, "");
        }
        username = user.username();
        groups.addAll(user.groups());
      }
      if (!requiredGroups.isEmpty() && Collections.disjoint(requiredGroups, groups)) {
        throw new Refusal(AlbAuthFailure.NOT_IN_REQUIRED_GROUP, "");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String group : groups) {
        roles.add(roleMapping.getOrDefault(group, group));
      }
      return new AlbPrincipal(username, groups, roles, mapped.attributes(), identity, accessToken);
    }

    private ProvisionedUser provision(AlbIdentity identity, MappingResult mapped) throws Refusal {
      LoginProvisioner store = Objects.requireNonNull(provisioner);
      try {
        return provisioned.get(identity.issuer() + "\n" + identity.subject(),
            () -> Objects.requireNonNull(store.provision(identity, mapped),
                "the provisioner returned null"));
      } catch (LoginRefusedException e) {
        throw new Refusal(AlbAuthFailure.PROVISIONING_REFUSED, Responses.forLog(e.getMessage(), 200));
      } catch (Throwable e) {
        throw unexpected(AlbAuthFailure.PROVISIONING_FAILED, e);
      }
    }

    private static List<String> strings(@Nullable Object value) {
      if (value instanceof String s) {
        return s.isBlank() ? List.of() : List.of(s);
      }
      if (value instanceof Collection<?> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
          if (v instanceof String s && !s.isBlank()) {
            out.add(s);
          }
        }
        return out;
      }
      return List.of();
    }
  }

  /** A refusal on its way to the response; cheap, no stack trace. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final AlbAuthFailure failure;
    final String detail;

    Refusal(AlbAuthFailure failure, String detail) {
      super(failure.name(), null, false, false);
      this.failure = failure;
      this.detail = detail;
    }
  }

  /**
   * Configures an {@link AlbAuthenticationFilter}. Options given in code win over
   * {@link #configure(Map)} settings. Not thread-safe.
   */
  public static final class Builder {

    private final Map<String, String> settings = new LinkedHashMap<>();
    /** Filter keys whose option was set in code; their settings are ignored. */
    private final Set<String> setInCode = new java.util.HashSet<>();
    private @Nullable AlbTokenVerifier verifier;
    private @Nullable AccessTokenVerifier accessTokenVerifier;
    private boolean accessTokenSubjectMustMatch = true;
    private @Nullable UserAttributeMapper mapper;
    private @Nullable LoginProvisioner provisioner;
    private @Nullable AlbLogout logoutOverride;
    private Duration provisioningCacheTtl = DEFAULT_PROVISIONING_CACHE_TTL;
    private String tokenHeader = IdpPreset.TOKEN_HEADER;
    private String identityHeader = IdpPreset.IDENTITY_HEADER;
    private PathPatterns excluded = PathPatterns.none();
    private boolean excludePathsInCode;
    private @Nullable AlbRequestMatcher excludedRequests;
    private PathPatterns jsonErrors = PathPatterns.none();
    private Set<String> requiredGroups = Set.of();
    private Map<String, String> roleMapping = Map.of();
    private @Nullable String logoutPath;
    private Clock clock = Clock.systemUTC();
    private int failureLogPerMinute = DEFAULT_FAILURE_LOG_PER_MINUTE;

    private Builder() {}

    /**
     * Applies {@code albauth.*} settings: alb-auth-core's keys build the token verifier (unless
     * {@link #verifier} is given), {@code albauth.idp} and {@code albauth.mapping.*} the mapping
     * (unless {@link #mapper} is given), and the keys of {@link AlbFilterProperties} the filter.
     *
     * @param albauthSettings key to value
     * @return this builder
     */
    public Builder configure(Map<String, String> albauthSettings) {
      albauthSettings.forEach((key, value) -> settings.put(key, Objects.requireNonNull(value, key)));
      return this;
    }

    /**
     * Uses this verifier instead of building one from the settings.
     *
     * @param tokenVerifier the ALB token verifier
     * @return this builder
     */
    public Builder verifier(AlbTokenVerifier tokenVerifier) {
      this.verifier = Objects.requireNonNull(tokenVerifier, "tokenVerifier");
      return this;
    }

    /**
     * Verifies the IdP access token ({@code x-amzn-oidc-accesstoken}) with this verifier and
     * merges its groups into the user's.
     *
     * @param accessTokens the access token verifier
     * @return this builder
     */
    public Builder accessTokenVerifier(AccessTokenVerifier accessTokens) {
      this.accessTokenVerifier = Objects.requireNonNull(accessTokens, "accessTokens");
      return this;
    }

    /**
     * Sets whether the access token's {@code sub} must equal the ALB token's
     * ({@code albauth.access-token.match-subject}, default true). Cognito and Keycloak use the same
     * subject in both; Okta (the login) and Entra (a per-application id) do not, so turn it off
     * for them.
     *
     * @param required whether to require the same subject
     * @return this builder
     */
    public Builder accessTokenSubjectMustMatch(boolean required) {
      setInCode.add(AlbFilterProperties.ACCESS_TOKEN_MATCH_SUBJECT);
      this.accessTokenSubjectMustMatch = required;
      return this;
    }

    /**
     * Maps claims with this mapper instead of the preset plus {@code albauth.mapping.*}.
     *
     * @param attributeMapper a compiled mapping or any mapper
     * @return this builder
     */
    public Builder mapper(UserAttributeMapper attributeMapper) {
      this.mapper = Objects.requireNonNull(attributeMapper, "attributeMapper");
      return this;
    }

    /**
     * Provisions users at login with this provisioner.
     *
     * @param loginProvisioner for example {@link UserSyncProvisioner}
     * @return this builder
     */
    public Builder provisioner(LoginProvisioner loginProvisioner) {
      this.provisioner = Objects.requireNonNull(loginProvisioner, "loginProvisioner");
      return this;
    }

    /**
     * Sets how long a provisioning outcome is reused per user ({@code albauth.provisioning.cache-ttl}).
     * A user deactivated in the store is refused at the latest this long after.
     *
     * @param ttl zero provisions on every request
     * @return this builder
     */
    public Builder provisioningCacheTtl(Duration ttl) {
      setInCode.add(AlbFilterProperties.PROVISIONING_CACHE_TTL);
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("provisioning cache ttl must not be negative, was " + ttl);
      }
      this.provisioningCacheTtl = ttl;
      return this;
    }

    /**
     * Serves these path patterns without authentication ({@code albauth.exclude-paths}); see
     * {@link AlbRequestMatcher#paths} for how they match.
     *
     * @param patterns exact ({@code /health}), prefix ({@code /actuator/*}) or extension within a
     *     prefix ({@code /static/*.css})
     * @return this builder
     * @throws IllegalArgumentException for a pattern that is not valid, or an unscoped extension
     *     ({@code *.css})
     */
    public Builder excludePaths(String... patterns) {
      setInCode.add(AlbFilterProperties.EXCLUDE_PATHS);
      this.excluded = PathPatterns.parse(String.join(",", patterns));
      this.excludePathsInCode = true;
      return this;
    }

    /**
     * Serves the requests this matcher selects without authentication, instead of path patterns
     * (so {@code albauth.exclude-paths} is ignored). Start from {@link AlbRequestMatcher#paths} to
     * add a condition of your own.
     *
     * @param matcher decides which requests skip authentication; must be thread-safe
     * @return this builder
     * @throws IllegalStateException when a matcher was already set
     */
    public Builder excludeRequests(AlbRequestMatcher matcher) {
      Objects.requireNonNull(matcher, "matcher");
      if (excludedRequests != null) {
        throw new IllegalStateException("exclude request matcher was already set to "
            + excludedRequests);
      }
      setInCode.add(AlbFilterProperties.EXCLUDE_PATHS);
      this.excludedRequests = matcher;
      return this;
    }

    /**
     * Answers refusals on these paths with a JSON body ({@code albauth.json-error-paths}).
     *
     * @param patterns servlet-style patterns, e.g. {@code /api/*}
     * @return this builder
     */
    public Builder jsonErrorPaths(String... patterns) {
      setInCode.add(AlbFilterProperties.JSON_ERROR_PATHS);
      this.jsonErrors = PathPatterns.parse(String.join(",", patterns));
      return this;
    }

    /**
     * Lets in only users in at least one of these groups ({@code albauth.required-groups}).
     *
     * @param groups group names as mapped
     * @return this builder
     */
    public Builder requireGroups(String... groups) {
      setInCode.add(AlbFilterProperties.REQUIRED_GROUPS);
      this.requiredGroups = new LinkedHashSet<>(List.of(groups));
      return this;
    }

    /**
     * Renames groups to roles for {@code isUserInRole} ({@code albauth.role-mapping}).
     *
     * @param groupToRole group name to role name; unmapped groups are roles as they are
     * @return this builder
     */
    public Builder roleMapping(Map<String, String> groupToRole) {
      setInCode.add(AlbFilterProperties.ROLE_MAPPING);
      this.roleMapping = new LinkedHashMap<>(groupToRole);
      return this;
    }

    /**
     * Reads the token from this header instead of {@code x-amzn-oidc-data}.
     *
     * @param header the header name
     * @return this builder
     */
    public Builder tokenHeader(String header) {
      setInCode.add(AlbFilterProperties.TOKEN_HEADER);
      this.tokenHeader = requireText(header, "token header");
      return this;
    }

    /**
     * Handles logout at this path with this helper, before authentication: on POST only (any other
     * method is 405 with {@code Allow: POST}; a POST marked {@code Sec-Fetch-Site: cross-site} is
     * 403); it invalidates the HTTP session, expires the ALB cookies and redirects to the IdP.
     *
     * @param path the exact path, e.g. {@code /logout}
     * @param albLogout the logout helper
     * @return this builder
     */
    public Builder logout(String path, AlbLogout albLogout) {
      setInCode.add(AlbFilterProperties.LOGOUT_PATH);
      this.logoutPath = requireText(path, "logout path");
      this.logoutOverride = Objects.requireNonNull(albLogout, "albLogout");
      return this;
    }

    /**
     * Uses this clock for caches and log rate limits (the verifier has its own).
     *
     * @param time the clock
     * @return this builder
     */
    public Builder clock(Clock time) {
      this.clock = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a filter ready to register; its {@code init} does nothing more
     * @throws IllegalArgumentException or IllegalStateException saying what to fix
     */
    public AlbAuthenticationFilter build() {
      return new AlbAuthenticationFilter(buildRuntime());
    }

    private Pipeline buildRuntime() {
      if (excludePathsInCode && excludedRequests != null) {
        throw new IllegalStateException("both excludePaths and excludeRequests are set; use one:"
            + " excludeRequests(AlbRequestMatcher.paths(...)) combines patterns with a matcher");
      }
      applyFilterSettings();
      List<AutoCloseable> owned = new ArrayList<>();
      AlbTokenVerifier tokenVerifier = verifier;
      if (tokenVerifier == null) {
        tokenVerifier = AlbTokenVerifier.builder().configure(settings).build();
        owned.add(tokenVerifier);
      }
      UserAttributeMapper attributeMapper = mapper != null ? mapper : mappingFromSettings();
      String accessTokenGroups = setting(AlbFilterProperties.ACCESS_TOKEN_GROUPS);
      if (accessTokenVerifier == null && accessTokenGroups != null
          && keyed(AlbFilterProperties.ACCESS_TOKEN_GROUPS, () -> bool(accessTokenGroups))) {
        AccessTokenVerifier fromSettings = accessTokenVerifierFromSettings();
        owned.add(fromSettings);
        accessTokenVerifier = fromSettings;
      }
      return new Pipeline(this, tokenVerifier, attributeMapper, logoutFromSettings(), owned);
    }

    private void applyFilterSettings() {
      String value;
      if ((value = setting(AlbFilterProperties.TOKEN_HEADER)) != null) {
        tokenHeader = value;
      }
      if ((value = setting(AlbFilterProperties.IDENTITY_HEADER)) != null) {
        identityHeader = value;
      }
      if ((value = setting(AlbFilterProperties.EXCLUDE_PATHS)) != null) {
        String paths = value;
        excluded = keyed(AlbFilterProperties.EXCLUDE_PATHS, () -> PathPatterns.parse(paths));
      }
      if ((value = setting(AlbFilterProperties.JSON_ERROR_PATHS)) != null) {
        String paths = value;
        jsonErrors = keyed(AlbFilterProperties.JSON_ERROR_PATHS, () -> PathPatterns.parse(paths));
      }
      if ((value = setting(AlbFilterProperties.REQUIRED_GROUPS)) != null) {
        requiredGroups = new LinkedHashSet<>(split(value));
      }
      if ((value = setting(AlbFilterProperties.ROLE_MAPPING)) != null) {
        String roles = value;
        roleMapping = keyed(AlbFilterProperties.ROLE_MAPPING, () -> pairs(roles));
      }
      if ((value = setting(AlbFilterProperties.PROVISIONING_CACHE_TTL)) != null) {
        String ttl = value;
        provisioningCacheTtl = keyed(AlbFilterProperties.PROVISIONING_CACHE_TTL, () -> {
          Duration parsed = duration(ttl);
          if (parsed.isNegative()) {
            throw new IllegalArgumentException("must not be negative, was " + ttl);
          }
          return parsed;
        });
      }
      if ((value = setting(AlbFilterProperties.FAILURE_LOG_PER_MINUTE)) != null) {
        String perMinute = value;
        failureLogPerMinute = keyed(AlbFilterProperties.FAILURE_LOG_PER_MINUTE,
            () -> nonNegative(perMinute));
      }
      if ((value = setting(AlbFilterProperties.ACCESS_TOKEN_MATCH_SUBJECT)) != null) {
        String mustMatch = value;
        accessTokenSubjectMustMatch = keyed(AlbFilterProperties.ACCESS_TOKEN_MATCH_SUBJECT,
            () -> bool(mustMatch));
      }
      if ((value = setting(AlbFilterProperties.LOGOUT_PATH)) != null) {
        if (!value.startsWith("/")) {
          throw new IllegalArgumentException(AlbFilterProperties.LOGOUT_PATH + ": '" + value
              + "' must be a path starting with '/', e.g. /logout");
        }
        logoutPath = value;
      }
    }

    private UserAttributeMapper mappingFromSettings() {
      return AlbFilterProperties.claimMapping(settings);
    }

    private AccessTokenVerifier accessTokenVerifierFromSettings() {
      AccessTokenVerifier.Builder b = AccessTokenVerifier.builder();
      String idp = setting(AlbAuthProperties.IDP);
      if (idp != null) {
        b.idp(IdpPreset.fromConfigName(idp));
      }
      String issuer = setting(AlbFilterProperties.ACCESS_TOKEN_ISSUER);
      if (issuer == null) {
        List<String> issuers = split(settings.getOrDefault(AlbAuthProperties.EXPECTED_ISSUERS, ""));
        if (issuers.size() != 1) {
          throw new IllegalArgumentException(AlbFilterProperties.ACCESS_TOKEN_GROUPS + " needs the"
              + " access token's issuer: set " + AlbFilterProperties.ACCESS_TOKEN_ISSUER
              + " (or exactly one " + AlbAuthProperties.EXPECTED_ISSUERS + ")");
        }
        issuer = issuers.get(0);
      }
      b.requireIssuer(issuer);
      String audiences = setting(AlbFilterProperties.ACCESS_TOKEN_AUDIENCES);
      List<String> audienceList = split(audiences != null ? audiences
          : settings.getOrDefault(AlbAuthProperties.EXPECTED_CLIENT_IDS, ""));
      if (!audienceList.isEmpty()) {
        b.requireAudience(audienceList.toArray(String[]::new));
      }
      String jwks = setting(AlbFilterProperties.ACCESS_TOKEN_JWKS_URL);
      if (jwks != null) {
        b.jwksUri(jwks);
      }
      return b.build();
    }

    private @Nullable AlbLogout logoutFromSettings() {
      if (logoutOverride != null || logoutPath == null) {
        return logoutOverride;
      }
      AlbLogout.Builder b = AlbLogout.builder();
      String value;
      if ((value = setting(AlbAuthProperties.IDP)) != null) {
        b.idp(value);
      }
      List<String> issuers = split(settings.getOrDefault(AlbAuthProperties.EXPECTED_ISSUERS, ""));
      if (!issuers.isEmpty()) {
        b.issuer(issuers.get(0));
      }
      List<String> clients =
          split(settings.getOrDefault(AlbAuthProperties.EXPECTED_CLIENT_IDS, ""));
      if (!clients.isEmpty()) {
        b.clientId(clients.get(0));
      }
      if ((value = setting(AlbFilterProperties.LOGOUT_RETURN_TO)) != null) {
        b.returnTo(value);
      }
      if ((value = setting(AlbFilterProperties.LOGOUT_URL)) != null) {
        b.logoutUrlTemplate(value);
      }
      if ((value = setting(AlbFilterProperties.LOGOUT_COGNITO_DOMAIN)) != null) {
        b.cognitoDomain(value);
      }
      if ((value = setting(AlbFilterProperties.SESSION_COOKIE_NAME)) != null) {
        b.sessionCookieName(value);
      }
      return b.build();
    }

    private @Nullable String setting(String key) {
      if (setInCode.contains(key)) {
        return null;
      }
      String value = settings.get(key);
      return value == null || value.isBlank() ? null : value.strip();
    }

    private static <T> T keyed(String key, java.util.function.Supplier<T> parse) {
      try {
        return parse.get();
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
      }
    }

    private static List<String> split(String commaSeparated) {
      List<String> out = new ArrayList<>();
      for (String part : commaSeparated.split(",", -1)) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }

    private static Map<String, String> pairs(String commaSeparated) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String pair : split(commaSeparated)) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
          throw new IllegalArgumentException("'" + pair + "' is not group=role; write e.g."
              + " 'Admins=admin, Staff=user'");
        }
        out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return out;
    }

    private static Duration duration(String iso) {
      try {
        return Duration.parse(iso.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + iso + "' is not an ISO-8601 duration such as PT1M",
            e);
      }
    }

    private static boolean bool(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
      throw new IllegalArgumentException("'" + value + "' is not true or false");
    }

    private static int nonNegative(String number) {
      int value;
      try {
        value = Integer.parseInt(number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + number + "' is not a whole number", e);
      }
      if (value < 0) {
        throw new IllegalArgumentException("must not be negative, was " + value);
      }
      return value;
    }

    private static String requireText(String value, String what) {
      if (Objects.requireNonNull(value, what).isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value.strip();
    }
  }
}
