package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.internal.SingleValuedHeaders;

/** Headers: each ALB header at most once, and a token present. */
public final class HeaderStep implements LoginStep {
  private final SingleValuedHeaders singleValued;
  private final String tokenHeader;

  /**
   * The step.
   *
   * @param singleValued the headers an ALB sends at most once
   * @param tokenHeader the header that carries the token
   */
  public HeaderStep(SingleValuedHeaders singleValued, String tokenHeader) {
    this.singleValued = singleValued;
    this.tokenHeader = tokenHeader;
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    String repeated = singleValued.firstRepeated(attempt.request());
    if (repeated != null) {
      // an ALB sends each of its headers once: two mean a client added one
      throw new Refusal(AlbAuthFailure.MALFORMED, repeated + " header sent twice");
    }
    String token = attempt.request().getHeader(tokenHeader);
    if (token == null || token.isEmpty()) {
      throw new Refusal(AlbAuthFailure.MISSING_TOKEN, "");
    }
    attempt.token(token);
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.MALFORMED;
  }
}
