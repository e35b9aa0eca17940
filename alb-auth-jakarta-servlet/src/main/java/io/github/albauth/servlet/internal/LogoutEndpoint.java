package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbLogout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The logout step at {@code albauth.logout.path}: logs out on POST only, so that a link, an image
 * or a redirect from another site cannot log the user out. Any other method answers 405 with
 * {@code Allow: POST}; a POST that the browser marks as coming from another site
 * ({@code Sec-Fetch-Site: cross-site}, which every current browser sends) answers 403. Neither
 * touches the session or the cookies.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogoutEndpoint {

  /** What the step did with a request. */
  public enum Outcome {
    /** Logged out: the session is invalidated, the cookies expired, the browser redirected. */
    LOGGED_OUT,
    /** Not a POST: 405. */
    NOT_POST,
    /** A POST from another site: 403. */
    CROSS_SITE
  }

  private final AlbLogout logout;

  /**
   * Creates the step.
   *
   * @param logout what logging out does
   */
  public LogoutEndpoint(AlbLogout logout) {
    this.logout = logout;
  }

  /**
   * Decides what to do with a request to the logout path (before anything is written, so that the
   * caller can log a refusal first).
   *
   * @param request the request
   * @return what {@link #answer} will do
   */
  public Outcome check(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return Outcome.NOT_POST;
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && site.strip().toLowerCase(Locale.ROOT).equals("cross-site")) {
      return Outcome.CROSS_SITE;
    }
    return Outcome.LOGGED_OUT;
  }

  /**
   * Answers a request to the logout path as {@link #check} decided: logs out, or refuses.
   *
   * @param outcome what {@link #check} returned for this request
   * @param request the request
   * @param response the response, written completely here
   * @throws IOException when the response cannot be written
   */
  public void answer(Outcome outcome, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (outcome) {
      case NOT_POST -> {
        response.setHeader("Allow", "POST");
        Responses.plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed");
      }
      case CROSS_SITE -> Responses.plain(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
      case LOGGED_OUT -> logout.logout(request, response);
    }
  }
}
