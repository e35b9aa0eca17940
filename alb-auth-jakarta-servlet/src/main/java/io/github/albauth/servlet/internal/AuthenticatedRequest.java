package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it after the filter: the ALB user is the principal, and
 * {@code isUserInRole} consults the user's roles ({@code **} is any signed-in user, as in the
 * Servlet specification).
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

  /** The value of {@code getAuthType()}. */
  public static final String AUTH_TYPE = "ALB";

  private final AlbPrincipal principal;

  /**
   * Wraps a request.
   *
   * @param request the container's request
   * @param principal the signed-in user
   */
  public AuthenticatedRequest(HttpServletRequest request, AlbPrincipal principal) {
    super(request);
    this.principal = principal;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public boolean isUserInRole(String role) {
    return role != null && ("**".equals(role) || principal.roles().contains(role));
  }

  @Override
  public String getAuthType() {
    return AUTH_TYPE;
  }
}
