package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbFailureHandler;
import io.github.albauth.servlet.AlbLogout;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.servlet.AlbRequestMatcher;
import io.github.albauth.spring.security.AlbAccessDeniedHandler;
import io.github.albauth.spring.security.AlbAuthenticationEntryPoint;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What {@code albAuth()} takes from the auto-configuration: the filter (built to leave refusals to
 * Spring Security), the answers, the excluded requests, the logout and the default authorities.
 * Thread-safe.
 */
public final class AlbSecuritySupport {

  private final AlbAuthenticationFilter filter;
  private final AlbFailureHandler answer;
  private final AlbRequestMatcher excluded;
  private final @Nullable String logoutPath;
  private final @Nullable AlbLogout logout;
  private final String rolePrefix;
  private final AtomicBoolean applied = new AtomicBoolean();

  /**
   * The support of one application.
   *
   * @param filter the filter, built with {@link #deferredFailures()}
   * @param answer writes albauth's answers (JSON on the json error paths)
   * @param excludedPaths {@code albauth.exclude-paths}
   * @param logoutPath {@code albauth.logout.path}, or null
   * @param logout the logout for that path, or null
   * @param rolePrefix the prefix of the authority made of each role
   */
  public AlbSecuritySupport(AlbAuthenticationFilter filter, AlbFailureHandler answer,
      List<String> excludedPaths, @Nullable String logoutPath, @Nullable AlbLogout logout,
      String rolePrefix) {
    this.filter = filter;
    this.answer = answer;
    this.excluded = excludedPaths.isEmpty() ? request -> false
        : AlbRequestMatcher.paths(excludedPaths.toArray(String[]::new));
    this.logoutPath = logoutPath;
    this.logout = logoutPath == null ? null : Objects.requireNonNull(logout, "logout");
    this.rolePrefix = rolePrefix;
  }

  /**
   * The failure handler of a filter inside a Spring Security chain: it writes nothing, so that
   * {@link AlbSecurityFilter} can throw the refusal (the filter has stored it as a request
   * attribute) into Spring's exception handling.
   *
   * @return the handler
   */
  public static AlbFailureHandler deferredFailures() {
    return (request, response, failure) -> { };
  }

  /** {@return the filter} */
  public AlbAuthenticationFilter filter() {
    return filter;
  }

  /** {@return the default entry point} */
  public AlbAuthenticationEntryPoint entryPoint() {
    return new AlbAuthenticationEntryPoint(answer);
  }

  /** {@return the default access-denied handler} */
  public AlbAccessDeniedHandler accessDeniedHandler() {
    return new AlbAccessDeniedHandler(answer);
  }

  /** {@return the requests served without authentication ({@code albauth.exclude-paths})} */
  public AlbRequestMatcher excluded() {
    return excluded;
  }

  /** {@return the logout path, or null when Spring's logout is left as the chain has it} */
  public @Nullable String logoutPath() {
    return logoutPath;
  }

  /** {@return the logout for {@link #logoutPath()}, or null} */
  public @Nullable AlbLogout logout() {
    return logout;
  }

  /** {@return the default authorities: each role with the role prefix, for {@code hasRole}} */
  public Function<AlbPrincipal, Collection<? extends GrantedAuthority>> roleAuthorities() {
    String prefix = rolePrefix;
    return principal -> principal.roles().stream()
        .map(role -> new SimpleGrantedAuthority(prefix + role))
        .toList();
  }

  /** Notes that a chain applied {@code albAuth()}. */
  public void applied() {
    applied.set(true);
  }

  /** {@return whether any chain applied {@code albAuth()}} */
  public boolean isApplied() {
    return applied.get();
  }
}
