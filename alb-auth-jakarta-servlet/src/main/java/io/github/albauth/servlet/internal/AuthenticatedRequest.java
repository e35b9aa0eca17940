package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The request as the application sees it after the filter: the ALB user is the principal,
 * {@code isUserInRole} consults the user's roles ({@code **} is any signed-in user, as in the
 * Servlet specification), and a session the application creates is bound to the user's subject
 * ({@link SessionBinding}).
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

  /** The value of {@code getAuthType()}. */
  public static final String AUTH_TYPE = "ALB";

  private final AlbPrincipal principal;
  private final String subject;

  /**
   * Wraps a request.
   *
   * @param request the container's request
   * @param principal the signed-in user
   * @param subject the value sessions are bound to, from {@link SessionBinding#subjectOf}
   */
  public AuthenticatedRequest(HttpServletRequest request, AlbPrincipal principal, String subject) {
    super(request);
    this.principal = principal;
    this.subject = subject;
  }

  @Override
  public @Nullable HttpSession getSession(boolean create) {
    HttpSession session = super.getSession(create);
    if (session != null) {
      SessionBinding.bindIfUnbound(session, subject);
    }
    return session;
  }

  @Override
  public HttpSession getSession() {
    HttpSession session = super.getSession();
    SessionBinding.bindIfUnbound(session, subject);
    return session;
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
