package io.github.albauth.spring.security;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbFailureHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers Spring Security's access denials of a signed-in user ({@code @PreAuthorize}, {@code
 * hasRole}, a missing CSRF token) as albauth answers its own 403s ({@link
 * AlbAuthFailure#ACCESS_DENIED}): the same short body, JSON on {@code albauth.json-error-paths}.
 * {@link AlbAuthConfigurer} makes it the chain's default; a handler the application sets replaces
 * it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbAccessDeniedHandler implements AccessDeniedHandler {

  private final AlbFailureHandler answer;

  /**
   * A handler.
   *
   * @param answer writes the answer, e.g. {@link AlbFailureHandler#standard}
   */
  public AlbAccessDeniedHandler(AlbFailureHandler answer) {
    this.answer = Objects.requireNonNull(answer, "answer");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException accessDeniedException) throws IOException {
    answer.onFailure(request, response, AlbAuthFailure.ACCESS_DENIED);
  }
}
