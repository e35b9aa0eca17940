package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AccessToken;
import io.github.albauth.core.AccessTokenVerifier;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.servlet.AlbAuthFailure;

/** Access token: verify {@code x-amzn-oidc-accesstoken}, bind it to the ALB token, take its groups. */
public final class AccessTokenStep implements LoginStep {
  private final AccessTokenVerifier verifier;
  private final boolean subjectMustMatch;

  /**
   * The step.
   *
   * @param verifier the access-token verifier
   * @param subjectMustMatch whether the access token's {@code sub} must equal the ALB token's
   */
  public AccessTokenStep(AccessTokenVerifier verifier, boolean subjectMustMatch) {
    this.verifier = verifier;
    this.subjectMustMatch = subjectMustMatch;
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    AccessToken token;
    try {
      token = verifier.verify(attempt.request().getHeader(IdpPreset.ACCESS_TOKEN_HEADER));
    } catch (AlbTokenException e) {
      throw TokenRefusals.of(AlbAuthFailure.INVALID_ACCESS_TOKEN, e);
    }
    if (subjectMustMatch && !attempt.identity().subject().equals(token.subject())) {
      // one user's ALB token with another user's access token: never merge those groups
      throw new Refusal(AlbAuthFailure.INVALID_ACCESS_TOKEN, "SUBJECT_MISMATCH");
    }
    attempt.accessToken(token);
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.INVALID_ACCESS_TOKEN;
  }
}
