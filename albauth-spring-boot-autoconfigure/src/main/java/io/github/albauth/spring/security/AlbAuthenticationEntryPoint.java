package io.github.albauth.spring.security;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbFailureHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers albauth's refusals ({@link AlbAuthenticationException}) with albauth's status (401, 403,
 * or 503 with {@code Retry-After}) and short body, and any other authentication failure (a request
 * on an excluded path that a rule still protects) as a missing token, 401. {@link
 * AlbAuthConfigurer} makes it the chain's default entry point; an entry point the application sets
 * with {@code exceptionHandling(e -> e.authenticationEntryPoint(...))} replaces it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final AlbFailureHandler answer;

  /**
   * An entry point.
   *
   * @param answer writes the answer, e.g. {@link AlbFailureHandler#standard}
   */
  public AlbAuthenticationEntryPoint(AlbFailureHandler answer) {
    this.answer = Objects.requireNonNull(answer, "answer");
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException authException) throws IOException {
    answer.onFailure(request, response, authException instanceof AlbAuthenticationException refusal
        ? refusal.failure() : AlbAuthFailure.MISSING_TOKEN);
  }
}
