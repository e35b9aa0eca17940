package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbRequestMatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;

/**
 * The exclusion step: asks the configured {@link AlbRequestMatcher} whether a request skips
 * authentication. A matcher that throws fails closed: the request is authenticated, and the failure
 * is logged (rate-limited at WARN with the method, path and failure class; the stack trace at
 * DEBUG).
 *
 * <p>Thread-safe when the matcher is.
 */
public final class ExcludedRequests {

  private static final int LOGGED_PATH_LENGTH = 200;

  private final AlbRequestMatcher matcher;
  private final RateLimitedLog warnings;
  private final Logger logger;

  /**
   * Creates the step.
   *
   * @param matcher decides which requests are excluded
   * @param warnings the filter's rate-limited log
   * @param logger the filter's logger, for stack traces at DEBUG
   */
  public ExcludedRequests(AlbRequestMatcher matcher, RateLimitedLog warnings, Logger logger) {
    this.matcher = matcher;
    this.warnings = warnings;
    this.logger = logger;
  }

  /**
   * Returns whether the request is served without authentication.
   *
   * @param request the request
   * @param path the path within the application, for the log line
   * @return the matcher's answer, or false when it failed
   */
  public boolean matches(HttpServletRequest request, String path) {
    try {
      return matcher.matches(request);
    } catch (Throwable failure) {
      StepFailures.rethrowIfFatal(failure);
      warnings.warn("albauth exclusion matcher failed on {} {} from {}: {}; authenticating the"
              + " request", Responses.forLog(request.getMethod(), 16),
          Responses.forLog(path, LOGGED_PATH_LENGTH), request.getRemoteAddr(),
          StepFailures.describe(failure));
      logger.debug("albauth exclusion matcher failed", failure);
      return false;
    }
  }

  @Override
  public String toString() {
    return matcher.toString();
  }
}
