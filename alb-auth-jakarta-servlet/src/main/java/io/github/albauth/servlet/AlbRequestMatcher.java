package io.github.albauth.servlet;

import io.github.albauth.servlet.internal.PathPatterns;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides which requests {@link AlbAuthenticationFilter} lets through without authentication
 * ({@link AlbFilterBuilder#excludeRequests}); the default is {@link #paths} of
 * {@code albauth.exclude-paths}.
 *
 * <p>A matcher decides who may skip authentication, so write it as carefully as an access rule:
 * match on what the container dispatches on, the decoded and normalised
 * {@code getServletPath() + getPathInfo()}, never on {@code getRequestURI()} (raw, undecoded,
 * with {@code ;} parameters and {@code ..} segments that the container removes before it picks the
 * servlet), and compare case-sensitively. A matcher that throws is treated as "not excluded": the
 * request is authenticated and the failure logged.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AlbRequestMatcher {

  /**
   * Returns whether the request is served without authentication.
   *
   * @param request the request as the container dispatches it
   * @return true to skip authentication for this request
   */
  boolean matches(HttpServletRequest request);

  /**
   * Returns the filter's own matcher for path patterns, to use as is or to combine with a check of
   * your own (for example {@code paths("/health").matches(r) && "GET".equals(r.getMethod())}).
   * Patterns: an exact path ({@code /health}), a prefix ({@code /actuator/*}, which also matches
   * {@code /actuator}) or an extension within a prefix ({@code /static/*.css}); matched
   * case-sensitively on the container's decoded, normalised path; a path that is not canonical
   * even after the container normalised it (an empty or dots-only segment, {@code ;}, {@code %},
   * {@code \}, control characters) matches nothing.
   *
   * @param patterns the patterns; each may also be a comma-separated list
   * @return an immutable, thread-safe matcher
   * @throws IllegalArgumentException for a pattern that is not valid, naming it and the valid
   *     forms; for an unscoped extension ({@code *.css}), saying how to scope it
   */
  static AlbRequestMatcher paths(String... patterns) {
    PathPatterns parsed = PathPatterns.parse(String.join(",", patterns));
    return new AlbRequestMatcher() {
      @Override
      public boolean matches(HttpServletRequest request) {
        return parsed.matches(PathPatterns.pathWithinApplication(request));
      }

      @Override
      public String toString() {
        return "paths(" + parsed + ")";
      }
    };
  }
}
