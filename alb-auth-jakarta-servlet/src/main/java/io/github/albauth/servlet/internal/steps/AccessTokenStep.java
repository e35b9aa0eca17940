package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AccessToken;
import io.github.albauth.core.AccessTokenVerifier;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.servlet.AlbAuthFailure;
import java.util.Map;

/**
 * Access token: verify {@code x-amzn-oidc-accesstoken} and bind it to the ALB token — the same
 * {@code sub}, and every configured claim pair equal — before its groups count.
 */
public final class AccessTokenStep implements LoginStep {
  private final AccessTokenVerifier verifier;
  private final boolean subjectMustMatch;
  private final Map<String, String> bindClaims;

  /**
   * The step.
   *
   * @param verifier the access-token verifier
   * @param subjectMustMatch whether the access token's {@code sub} must equal the ALB token's
   * @param bindClaims ALB-token claim to access-token claim; each pair must hold equal strings
   */
  public AccessTokenStep(AccessTokenVerifier verifier, boolean subjectMustMatch,
      Map<String, String> bindClaims) {
    if (!subjectMustMatch && bindClaims.isEmpty()) {
      throw new IllegalArgumentException("an access token that need not share the ALB token's sub"
          + " must be bound by a claim pair (albauth.access-token.bind-claims, e.g. sub=uid for"
          + " Okta); without one, one user's ALB token could carry another user's access token");
    }
    this.verifier = verifier;
    this.subjectMustMatch = subjectMustMatch;
    this.bindClaims = Map.copyOf(bindClaims);
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
      throw new Refusal(AlbAuthFailure.ACCESS_TOKEN_MISMATCH, "sub differs");
    }
    for (Map.Entry<String, String> pair : bindClaims.entrySet()) {
      Object alb = attempt.identity().claim(pair.getKey());
      Object access = token.claims().get(pair.getValue());
      if (!(alb instanceof String) || !alb.equals(access)) {
        throw new Refusal(AlbAuthFailure.ACCESS_TOKEN_MISMATCH,
            pair.getKey() + " differs from the access token's " + pair.getValue());
      }
    }
    attempt.accessToken(token);
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.INVALID_ACCESS_TOKEN;
  }
}
