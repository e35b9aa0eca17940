package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbPrincipal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Principal: the user, groups and roles (groups renamed by the role mapping) the app sees. */
public final class PrincipalStep implements LoginStep {
  private final Map<String, String> roleMapping;

  /**
   * The step.
   *
   * @param roleMapping group name to role name; unmapped groups are roles as they are
   */
  public PrincipalStep(Map<String, String> roleMapping) {
    this.roleMapping = Map.copyOf(roleMapping);
  }

  @Override
  public void apply(LoginAttempt attempt) {
    Set<String> roles = new LinkedHashSet<>();
    for (String group : attempt.groups()) {
      roles.add(roleMapping.getOrDefault(group, group));
    }
    attempt.principal(new AlbPrincipal(attempt.username(), attempt.groups(), roles,
        attempt.mapped().attributes(), attempt.identity(), attempt.accessToken()));
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.INTERNAL_ERROR;
  }
}
