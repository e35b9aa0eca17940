package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.servlet.AlbAuthFailure;

/** Verify: the ALB token's signature, signer and claims, and the identity header. */
public final class VerifyStep implements LoginStep {
  private final AlbTokenVerifier verifier;
  private final String identityHeader;

  /**
   * The step.
   *
   * @param verifier the ALB token verifier
   * @param identityHeader the header whose value must equal the token's {@code sub}
   */
  public VerifyStep(AlbTokenVerifier verifier, String identityHeader) {
    this.verifier = verifier;
    this.identityHeader = identityHeader;
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    try {
      attempt.identity(verifier.verify(attempt.token(),
          attempt.request().getHeader(identityHeader)));
    } catch (AlbTokenException e) {
      throw TokenRefusals.of(AlbAuthFailure.INVALID_TOKEN, e);
    }
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.INVALID_TOKEN;
  }
}
