package io.github.albauth.servlet;

import io.github.albauth.servlet.internal.PathPatterns;
import io.github.albauth.servlet.internal.StandardFailureHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the response for a request {@link AlbAuthenticationFilter} refuses, in place of the
 * filter's own short body ({@code unauthorized}, {@code forbidden} or {@code unavailable}, JSON on
 * {@code albauth.json-error-paths}). Set it with {@link AlbFilterBuilder#failureHandler}; Spring
 * Security's {@code AuthenticationFailureHandler} is the model.
 *
 * <p>The filter has already logged the refusal (rate-limited, never the token), counted it, and set
 * the request attribute {@link AlbAuthFailure#REQUEST_ATTRIBUTE}. Answer with {@link
 * AlbAuthFailure#status()}, reveal nothing of the reason to the client, and send {@code
 * Retry-After} with a 503. A handler that throws is logged and the filter's own answer is sent
 * instead, if the response is not yet committed.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AlbFailureHandler {

  /**
   * Answers a refused request.
   *
   * @param request the refused request
   * @param response its response, not yet committed
   * @param failure why it was refused
   * @throws IOException when writing the response fails
   */
  void onFailure(HttpServletRequest request, HttpServletResponse response, AlbAuthFailure failure)
      throws IOException;

  /**
   * Returns the filter's own answer: {@code unauthorized}, {@code forbidden} or {@code unavailable}
   * (with {@code Retry-After}) by the failure's status, as plain text or as {@code
   * {"error":"…"}} on the JSON paths, with {@code Cache-Control: no-store}; nothing when the
   * response is already committed. For a handler that answers some refusals itself and leaves the
   * rest to the filter's answer, and for integrations that answer refusals outside the filter
   * (the Spring Security entry point).
   *
   * @param jsonErrorPaths path patterns as for {@link AlbFilterBuilder#jsonErrorPaths}; none for
   *     plain text everywhere
   * @return an immutable, thread-safe handler
   * @throws IllegalArgumentException for a pattern that is not valid
   */
  static AlbFailureHandler standard(String... jsonErrorPaths) {
    return new StandardFailureHandler(PathPatterns.parse(String.join(",", jsonErrorPaths)));
  }
}
