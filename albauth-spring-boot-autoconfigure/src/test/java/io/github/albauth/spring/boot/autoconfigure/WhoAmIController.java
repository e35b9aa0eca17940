package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.servlet.AlbPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a controller of a secured application sees of the ALB's user. */
@RestController
class WhoAmIController {

  @GetMapping("/whoami")
  Map<String, Object> whoami(@AuthenticationPrincipal AlbPrincipal principal,
      Authentication authentication, Principal requestPrincipal, HttpServletRequest request) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("name", principal.getName());
    me.put("subject", principal.subject());
    me.put("groups", principal.groups());
    me.put("displayName", Objects.toString(principal.attribute("displayName")));
    me.put("authentication", authentication.getClass().getName());
    me.put("authorities", authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).sorted().toList());
    me.put("requestPrincipal", Objects.requireNonNull(request.getUserPrincipal()).getClass().getName());
    me.put("principalParameter", requestPrincipal.getClass().getName());
    me.put("remoteUser", Objects.toString(request.getRemoteUser()));
    me.put("isUserInRoleAdmin", request.isUserInRole("admin"));
    return me;
  }

  @GetMapping("/admin/report")
  @PreAuthorize("hasRole('admin')")
  String adminReport() {
    return "report";
  }

  @GetMapping("/health")
  String health() {
    return "ok";
  }

  @GetMapping("/csrf")
  String csrf(CsrfToken token) {
    return token.getHeaderName() + ":" + token.getToken();
  }
}
