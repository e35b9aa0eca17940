package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbLogout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Ends Spring Security's logout the ALB way, after Spring's own handlers (security context, CSRF
 * token, HTTP session): expires the ALB's session cookies and redirects to the IdP's logout.
 * Without the IdP redirect the ALB would sign the user straight back in. Immutable and thread-safe.
 */
public final class AlbLogoutSuccessHandler implements LogoutSuccessHandler {

  private final AlbLogout logout;

  /**
   * The handler.
   *
   * @param logout the ALB logout
   */
  public AlbLogoutSuccessHandler(AlbLogout logout) {
    this.logout = logout;
  }

  @Override
  public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
      @Nullable Authentication authentication) throws IOException {
    logout.logout(request, response);
  }
}
