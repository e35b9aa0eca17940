package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The steps, in order, that turn a request into a principal or a refusal. A step's unforeseen
 * failure (any Throwable but a fatal VM error) becomes a refusal with the step's own reason, never
 * a 500. Immutable and thread-safe.
 */
public final class LoginPipeline {
  private final List<LoginStep> steps;

  /**
   * A pipeline.
   *
   * @param steps the steps, in order; the last makes the principal
   */
  public LoginPipeline(List<LoginStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Runs the steps.
   *
   * @param request the request
   * @return the signed-in user
   * @throws Refusal when a step refuses the request
   */
  public AlbPrincipal authenticate(HttpServletRequest request) throws Refusal {
    LoginAttempt attempt = new LoginAttempt(request);
    for (LoginStep step : steps) {
      try {
        step.apply(attempt);
      } catch (Refusal refusal) {
        throw refusal;
      } catch (Throwable unexpected) {
        throw Refusal.unexpected(step.unexpectedFailure(), unexpected);
      }
    }
    return attempt.principal();
  }

  @Override
  public String toString() {
    StringBuilder names = new StringBuilder("LoginPipeline[");
    for (LoginStep step : steps) {
      names.append(names.length() > 14 ? ", " : "").append(step.getClass().getSimpleName());
    }
    return names.append(']').toString();
  }
}
