package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbRequestMatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;

/**
 * Grants the requests albauth serves without authentication ({@code albauth.exclude-paths}) before
 * the chain's own rules are asked, so that the paths are declared once: wraps the chain's request
 * authorization manager when {@code authorizeHttpRequests} builds it. Immutable and thread-safe.
 */
public final class ExcludedRequestsPermitted
    implements ObjectPostProcessor<AuthorizationManager<HttpServletRequest>> {

  private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

  private final AlbRequestMatcher excluded;

  /**
   * The post-processor.
   *
   * @param excluded the filter's excluded requests
   */
  public ExcludedRequestsPermitted(AlbRequestMatcher excluded) {
    this.excluded = excluded;
  }

  @Override
  @SuppressWarnings("unchecked") // O is AuthorizationManager<HttpServletRequest>, as the wrapper
  public <O extends AuthorizationManager<HttpServletRequest>> O postProcess(O manager) {
    return (O) new Manager(manager, excluded);
  }

  /** The chain's manager behind the excluded requests. */
  private record Manager(AuthorizationManager<HttpServletRequest> delegate,
      AlbRequestMatcher excluded) implements AuthorizationManager<HttpServletRequest> {

    @Override
    public @Nullable AuthorizationResult authorize(Supplier<Authentication> authentication,
        HttpServletRequest request) {
      return excluded.matches(request) ? GRANTED : delegate.authorize(authentication, request);
    }

    @Override
    @Deprecated // AuthorizationManager's own: Spring Security calls authorize
    @SuppressWarnings("deprecation")
    public @Nullable AuthorizationDecision check(Supplier<Authentication> authentication,
        HttpServletRequest request) {
      return excluded.matches(request) ? GRANTED : delegate.check(authentication, request);
    }
  }
}
