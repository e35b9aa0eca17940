package io.github.albauth.examples.springboot;

import io.github.albauth.servlet.AlbPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the application serves to the ALB's users. */
@RestController
class Endpoints {

  /**
   * The signed-in user.
   *
   * @param user the ALB's user, as albauth signed it in
   * @return username, subject, groups (from the store, after provisioning), roles, attributes
   */
  @GetMapping("/whoami")
  Map<String, Object> whoami(@AuthenticationPrincipal AlbPrincipal user) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("username", user.getName());
    me.put("subject", user.subject());
    me.put("groups", user.groups());
    me.put("roles", user.roles());
    me.put("attributes", user.attributes());
    return me;
  }

  /**
   * For administrators only: the IdP group {@code Admins} is the role {@code admin}.
   *
   * @param user the ALB's user
   * @return a greeting
   */
  @GetMapping("/admin/report")
  @PreAuthorize("hasRole('admin')")
  Map<String, Object> report(@AuthenticationPrincipal AlbPrincipal user) {
    return Map.of("report", "for administrators", "readBy", user.getName());
  }
}
