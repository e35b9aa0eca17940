package io.github.albauth.spring.security;

import io.github.albauth.servlet.AlbLogout;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.servlet.AlbRequestMatcher;
import io.github.albauth.settings.Precedence;
import io.github.albauth.spring.boot.autoconfigure.internal.AlbLogoutSuccessHandler;
import io.github.albauth.spring.boot.autoconfigure.internal.AlbSecurityFilter;
import io.github.albauth.spring.boot.autoconfigure.internal.AlbSecuritySupport;
import io.github.albauth.spring.boot.autoconfigure.internal.ExcludedRequestsPermitted;
import java.util.Collection;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Signs the ALB's user in on a {@code SecurityFilterChain}:
 *
 * <pre>{@code
 * http.with(albAuth(), withDefaults())
 *     .authorizeHttpRequests(a -> a.anyRequest().authenticated());
 * }</pre>
 *
 * <ul>
 *   <li>albauth's filter runs in the chain (after the {@code ExceptionTranslationFilter}) and
 *       nowhere else: the auto-configuration keeps it out of the servlet container's filters. A
 *       signed-in user becomes an {@link AlbAuthentication} in the security context (through the
 *       chain's {@code SecurityContextHolderStrategy}): principal the {@link AlbPrincipal},
 *       authorities its roles with the role prefix ({@code ROLE_}, or {@code
 *       albauth.security.role-prefix}, or a {@code GrantedAuthorityDefaults} bean) unless {@link
 *       #authorities} says otherwise. {@code request.getUserPrincipal()} stays the {@code
 *       AlbPrincipal}. The authentication is rebuilt from the token on every request and never
 *       stored in the HTTP session.
 *   <li>Refusals are thrown as {@link AlbAuthenticationException} to the chain's {@code
 *       AuthenticationEntryPoint}; the default one ({@link AlbAuthenticationEntryPoint}) answers
 *       with albauth's status (401, 403, 503 with {@code Retry-After}) and short body, and the
 *       default {@code AccessDeniedHandler} ({@link AlbAccessDeniedHandler}) answers denials by
 *       the chain's rules or method security with albauth's 403. Entry points and handlers the
 *       chain sets itself take precedence.
 *   <li>{@code albauth.exclude-paths} are permitted before the chain's {@code
 *       authorizeHttpRequests} rules are asked: declare them once, as the key.
 *   <li>With {@code albauth.logout.path}, Spring's logout serves that path (POST only, with the
 *       chain's CSRF protection) and ends by expiring the ALB's cookies and redirecting to the
 *       IdP's logout ({@link AlbLogout}).
 *   <li>It enables no other way to sign in ({@code httpBasic}, {@code formLogin}).
 * </ul>
 *
 * <p>Needs albauth's auto-configuration (albauth-spring-boot-starter). Not thread-safe; used once
 * while the chain is built.
 */
public final class AlbAuthConfigurer extends AbstractHttpConfigurer<AlbAuthConfigurer, HttpSecurity> {

  private @Nullable Function<AlbPrincipal, ? extends Collection<? extends GrantedAuthority>>
      authorities;
  private @Nullable AlbSecuritySupport support;

  private AlbAuthConfigurer() {}

  /**
   * A configurer for {@code http.with(albAuth(), c -> ...)}.
   *
   * @return a new configurer
   */
  public static AlbAuthConfigurer albAuth() {
    return new AlbAuthConfigurer();
  }

  /**
   * Gives the signed-in user these authorities instead of its roles with the role prefix.
   *
   * @param mapper the authorities of a user; called once per request, must be thread-safe
   * @return this configurer
   * @throws IllegalStateException when already set
   */
  public AlbAuthConfigurer authorities(
      Function<AlbPrincipal, ? extends Collection<? extends GrantedAuthority>> mapper) {
    authorities = Precedence.setOnce("authorities", authorities, mapper);
    return this;
  }

  @Override
  public void init(HttpSecurity http) throws Exception {
    AlbSecuritySupport albauth = support(http);
    http.exceptionHandling(e -> e
        .defaultAuthenticationEntryPointFor(albauth.entryPoint(), AnyRequestMatcher.INSTANCE)
        .defaultAccessDeniedHandlerFor(albauth.accessDeniedHandler(), AnyRequestMatcher.INSTANCE));
    String logoutPath = albauth.logoutPath();
    AlbLogout logout = albauth.logout();
    if (logoutPath != null && logout != null) {
      AlbRequestMatcher path = AlbRequestMatcher.paths(logoutPath);
      http.logout(l -> l
          .logoutRequestMatcher(request -> "POST".equals(request.getMethod()) && path.matches(request))
          .logoutSuccessHandler(new AlbLogoutSuccessHandler(logout)));
    }
    @SuppressWarnings("unchecked") // the configurer of HttpSecurity is of HttpSecurity
    AuthorizeHttpRequestsConfigurer<HttpSecurity> rules =
        http.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
    if (rules != null) {
      rules.addObjectPostProcessor(new ExcludedRequestsPermitted(albauth.excluded()));
    }
    albauth.applied();
  }

  @Override
  public void configure(HttpSecurity http) {
    @SuppressWarnings("unchecked") // the configurer of HttpSecurity is of HttpSecurity
    ExceptionHandlingConfigurer<HttpSecurity> exceptionHandling =
        http.getConfigurer(ExceptionHandlingConfigurer.class);
    if (exceptionHandling == null) {
      throw new IllegalStateException("albAuth() answers refusals through the chain's exception"
          + " handling, which this chain disabled; keep exceptionHandling() on");
    }
    AlbSecuritySupport albauth = support(http);
    http.addFilterAfter(new AlbSecurityFilter(albauth.filter(), getSecurityContextHolderStrategy(),
        authorities != null ? authorities : albauth.roleAuthorities()),
        ExceptionTranslationFilter.class);
  }

  private AlbSecuritySupport support(HttpSecurity http) {
    AlbSecuritySupport found = support;
    if (found == null) {
      ApplicationContext context = http.getSharedObject(ApplicationContext.class);
      try {
        found = context.getBean(AlbSecuritySupport.class);
      } catch (NoSuchBeanDefinitionException e) {
        throw new IllegalStateException("albAuth() needs albauth's Spring Boot auto-configuration"
            + " (io.github.albauth:albauth-spring-boot-starter), which did not run", e);
      }
      support = found;
    }
    return found;
  }
}
