package io.github.albauth.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Receives what an {@link AlbAuthenticationFilter} decided about each request it judged, for
 * metrics or an audit log; add one with {@link AlbFilterBuilder#listener}. The decisions are the
 * ones {@link AlbAuthenticationFilter#statistics()} counts: requests excluded from authentication
 * and logout requests are not reported.
 *
 * <p>Called on the request thread, after the decision was counted and before the request goes on
 * (or is answered). Implementations must be fast and thread-safe, and must not use what the token
 * or the principal holds as a metric tag (usernames and subjects are unbounded). An exception
 * thrown by a listener is logged (the first one of each listener at WARN, later ones at DEBUG) and
 * ignored: the request is answered as if there were no listener. Every method defaults to doing
 * nothing.
 */
public interface AlbFilterListener {

  /**
   * A request reached the application with a principal.
   *
   * @param request the request (not yet wrapped)
   * @param principal the signed-in user
   */
  default void authenticated(HttpServletRequest request, AlbPrincipal principal) {}

  /**
   * A request was refused: 401 or 403, or 503 when a dependency of ours was down ({@link
   * AlbAuthFailure#status()} tells which).
   *
   * @param request the request
   * @param failure why
   */
  default void refused(HttpServletRequest request, AlbAuthFailure failure) {}
}
