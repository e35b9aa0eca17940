package io.github.albauth.servlet;

import io.github.albauth.servlet.internal.AuthenticatedRequest;
import io.github.albauth.servlet.internal.FilterRuntime;
import io.github.albauth.servlet.internal.LogoutEndpoint;
import io.github.albauth.servlet.internal.PathPatterns;
import io.github.albauth.servlet.internal.Responses;
import io.github.albauth.servlet.internal.SessionBinding;
import io.github.albauth.servlet.internal.steps.Refusal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 * is not allowed (not in a required group, deactivated in the store, skipped by the mapping, no
 * valid username), 503 when a dependency of ours is down (key or JWKS endpoint, user store); short bodies that reveal nothing; never a 500 for bad input. The reason
 * is the request attribute {@link AlbAuthFailure#REQUEST_ATTRIBUTE} and one rate-limited log line
 * (never the token).
 *
 * <p>Configuration: with the no-argument constructor (web.xml, {@code @WebFilter}), from filter
 * init-params, system properties and {@code ALBAUTH_*} environment variables (see
 * {@link AlbFilterProperties}); or programmatically with {@link #builder()} (Spring's
 * {@code FilterRegistrationBean}). A misconfiguration, an unknown {@code albauth.*} key included,
 * fails {@code init} with a message that says what to fix.
 *
 * <p>The work is a pipeline of named steps: headers, verify, access token, map, gate, provision,
 * principal. The application can replace the matcher of excluded requests ({@link
 * AlbFilterBuilder#excludeRequests}) and the answer to refusals ({@link
 * AlbFilterBuilder#failureHandler}); {@link #statistics()} counts what happened.
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

  private volatile @Nullable FilterRuntime runtime;

  /** For containers: configured in {@link #init} from init-params, system properties, environment. */
  public AlbAuthenticationFilter() {}

  AlbAuthenticationFilter(FilterRuntime runtime) {
    this.runtime = runtime;
  }

  /** {@return a builder for a programmatically configured filter} */
  public static AlbFilterBuilder builder() {
    return new AlbFilterBuilder();
  }

  /**
   * Configures the filter from {@code ALBAUTH_*} environment variables, {@code albauth.*} system
   * properties and init-params (each winning over the one before), and a {@link LoginProvisioner}
   * in the servlet context attribute {@link LoginProvisioner#CONTEXT_ATTRIBUTE}. Does nothing for a
   * filter made by {@link #builder()}.
   *
   * @throws ServletException naming the filter and what to fix, for any misconfiguration
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (runtime != null) {
      return;
    }
    try {
      Map<String, String> settings = new LinkedHashMap<>(
          AlbFilterProperties.collect(System.getenv(), System.getProperties()));
      Enumeration<String> names = filterConfig.getInitParameterNames();
      while (names.hasMoreElements()) {
        String name = names.nextElement();
        if (name.startsWith("albauth.")) {
          settings.put(name, filterConfig.getInitParameter(name));
        }
      }
      AlbFilterBuilder builder = builder().configure(settings);
      Object provisioner =
          filterConfig.getServletContext().getAttribute(LoginProvisioner.CONTEXT_ATTRIBUTE);
      if (provisioner instanceof LoginProvisioner p) {
        builder.provisioner(p);
      }
      runtime = builder.assemble();
    } catch (RuntimeException e) {
      throw new ServletException("albauth filter '" + filterConfig.getFilterName()
          + "' is misconfigured: " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    FilterRuntime active = runtime;
    if (active == null) {
      throw new ServletException("albauth filter used before init");
    }
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
      filter(active, http, out, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static void filter(FilterRuntime active, HttpServletRequest request,
      HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
    String path = PathPatterns.pathWithinApplication(request);
    LogoutEndpoint logout = active.logout();
    if (logout != null && path.equals(active.logoutPath())) {
      logout(active, logout, request, response, path);
      return;
    }
    if (active.excluded().matches(request, path)) {
      chain.doFilter(request, response);
      return;
    }
    AlbPrincipal principal;
    String subject;
    try {
      principal = active.pipeline().authenticate(request);
      subject = SessionBinding.subjectOf(Objects.requireNonNull(principal.identity()));
      if (SessionBinding.bind(request, subject) == SessionBinding.Outcome.INVALIDATED) {
        LOG.debug("albauth invalidated an HTTP session that belongs to another subject");
      }
    } catch (Refusal refusal) {
      active.refusals().refuse(request, response, path, refusal);
      return;
    } catch (Throwable unexpected) {
      // the session store, or our bug: never a 500
      active.refusals().refuse(request, response, path,
          Refusal.unexpected(AlbAuthFailure.INTERNAL_ERROR, unexpected));
      return;
    }
    active.refusals().authenticated(request, principal);
    request.setAttribute(AlbPrincipal.REQUEST_ATTRIBUTE, principal);
    MDC.put(MDC_USER, Responses.forLog(principal.getName(), 256));
    try {
      chain.doFilter(new AuthenticatedRequest(request, principal, subject), response);
    } finally {
      MDC.remove(MDC_USER);
    }
  }

  private static void logout(FilterRuntime active, LogoutEndpoint endpoint,
      HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    try {
      LogoutEndpoint.Outcome outcome = endpoint.check(request);
      if (outcome != LogoutEndpoint.Outcome.LOGGED_OUT) {
        active.refusals().logoutRefused(request, path,
            outcome == LogoutEndpoint.Outcome.NOT_POST ? "logout needs POST" : "cross-site logout");
      }
      endpoint.answer(outcome, request, response);
    } catch (IOException clientGone) {
      throw clientGone;
    } catch (Throwable e) {
      active.refusals().refuse(request, response, path,
          Refusal.unexpected(AlbAuthFailure.INTERNAL_ERROR, e));
    }
  }

  /**
   * Counts of authenticated, refused (401/403) and unavailable (503) requests since the filter
   * started, and per reason.
   *
   * @return a snapshot; all zero before {@code init}
   */
  public AlbFilterStatistics statistics() {
    FilterRuntime active = runtime;
    return active == null ? new AlbFilterStatistics(0, 0, 0, Map.of()) : active.refusals().statistics();
  }

  /**
   * Closes the verifiers this filter built from its configuration (their HTTP clients and threads);
   * verifiers given to the builder belong to the caller and stay open.
   */
  @Override
  public void destroy() {
    FilterRuntime active = runtime;
    if (active != null) {
      active.close(LOG);
    }
  }
}
