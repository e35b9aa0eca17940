package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.spring.security.AlbAuthentication;
import io.github.albauth.spring.security.AlbAuthenticationException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The albauth filter inside a Spring Security chain, right after the {@code
 * ExceptionTranslationFilter}: a signed-in user becomes an {@link AlbAuthentication} in the
 * security context (kept as a request attribute for error and async dispatches, never in the HTTP
 * session: the ALB sends the token with every request); a refusal is thrown as an {@link
 * AlbAuthenticationException} for the chain's entry point to answer. Runs once per request.
 * Thread-safe.
 */
public final class AlbSecurityFilter extends OncePerRequestFilter {

  private final AlbAuthenticationFilter filter;
  private final SecurityContextHolderStrategy contexts;
  private final Function<AlbPrincipal, ? extends Collection<? extends GrantedAuthority>> authorities;
  private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

  /**
   * The filter of one chain.
   *
   * @param filter albauth's filter, built with {@link AlbSecuritySupport#deferredFailures()}
   * @param contexts the chain's security context holder strategy
   * @param authorities the authorities of a signed-in user
   */
  public AlbSecurityFilter(AlbAuthenticationFilter filter, SecurityContextHolderStrategy contexts,
      Function<AlbPrincipal, ? extends Collection<? extends GrantedAuthority>> authorities) {
    this.filter = filter;
    this.contexts = contexts;
    this.authorities = authorities;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    AtomicBoolean passed = new AtomicBoolean();
    filter.doFilter(request, response, (req, res) -> {
      passed.set(true);
      if (req instanceof HttpServletRequest http && res instanceof HttpServletResponse out
          && http.getUserPrincipal() instanceof AlbPrincipal principal) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new AlbAuthentication(principal, authorities.apply(principal)));
        contexts.setContext(context);
        repository.saveContext(context, http, out);
      }
      chain.doFilter(req, res);
    });
    if (!passed.get()) {
      Object failure = request.getAttribute(AlbAuthFailure.REQUEST_ATTRIBUTE);
      throw new AlbAuthenticationException(failure instanceof AlbAuthFailure refused
          ? refused : AlbAuthFailure.INTERNAL_ERROR);
    }
  }
}
