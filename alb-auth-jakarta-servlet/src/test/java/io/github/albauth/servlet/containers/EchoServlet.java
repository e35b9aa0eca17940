package io.github.albauth.servlet.containers;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.TreeMap;
import org.slf4j.MDC;

/**
 * The application under test: answers what it sees of the signed-in user, one {@code key=value}
 * per line, and {@code inRole:<role>=<bool>} for each {@code role} query parameter. With
 * {@code session=create} it creates an HTTP session; it reports the session it sees
 * ({@code session=<id>} or {@code null}) and the subject the filter bound to it.
 */
public final class EchoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    StringBuilder out = new StringBuilder();
    Principal principal = request.getUserPrincipal();
    out.append("path=").append(request.getRequestURI()).append('\n');
    out.append("servletPath=").append(request.getServletPath()).append('\n');
    out.append("pathInfo=").append(request.getPathInfo()).append('\n');
    HttpSession session = request.getSession("create".equals(request.getParameter("session")));
    out.append("session=").append(session == null ? null : session.getId()).append('\n');
    if (session != null) {
      out.append("sessionSubject=")
          .append(session.getAttribute(AlbAuthenticationFilter.SESSION_SUBJECT_ATTRIBUTE))
          .append('\n');
    }
    out.append("remoteUser=").append(request.getRemoteUser()).append('\n');
    out.append("principal=").append(principal == null ? null : principal.getName()).append('\n');
    out.append("authType=").append(request.getAuthType()).append('\n');
    out.append("mdc=").append(MDC.get("albauth.user")).append('\n');
    out.append("failure=").append(request.getAttribute(AlbAuthFailure.REQUEST_ATTRIBUTE))
        .append('\n');
    if (principal instanceof AlbPrincipal alb) {
      out.append("attributePrincipal=")
          .append(request.getAttribute(AlbPrincipal.REQUEST_ATTRIBUTE) == alb).append('\n');
      out.append("subject=").append(alb.subject()).append('\n');
      out.append("groups=").append(alb.groups()).append('\n');
      out.append("roles=").append(alb.roles()).append('\n');
      out.append("attributes=").append(new TreeMap<>(alb.attributes())).append('\n');
    }
    String[] roles = request.getParameterValues("role");
    if (roles != null) {
      for (String role : roles) {
        out.append("inRole:").append(role).append('=').append(request.isUserInRole(role))
            .append('\n');
      }
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(out.toString());
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    doGet(request, response);
  }
}
