package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbAuthFailure;
import java.util.Collections;
import java.util.Set;

/**
 * Gate: the user must be in one of the required groups. Placed before provisioning, it judges the
 * IdP's groups only, so a refused user is never written to the store; placed after (an explicit
 * option), groups the store grants count too.
 */
public final class GateStep implements LoginStep {
  private final Set<String> required;

  /**
   * The step.
   *
   * @param required the groups of which the user needs one; not empty
   */
  public GateStep(Set<String> required) {
    this.required = Set.copyOf(required);
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    if (Collections.disjoint(required, attempt.groups())) {
      throw new Refusal(AlbAuthFailure.NOT_IN_REQUIRED_GROUP,
          attempt.provisioned() ? "store groups included" : "IdP groups");
    }
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.INTERNAL_ERROR;
  }
}
