package io.github.albauth.servlet;

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
}
