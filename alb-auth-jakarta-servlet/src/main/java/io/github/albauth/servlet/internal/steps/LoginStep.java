package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbAuthFailure;

/** One step of the login pipeline. Implementations are immutable and thread-safe. */
public interface LoginStep {

  /**
   * Does this step's part for one request.
   *
   * @param attempt what earlier steps learnt; this step adds to it
   * @throws Refusal when the request must be refused
   */
  void apply(LoginAttempt attempt) throws Refusal;

  /** {@return the reason code when this step fails in a way it did not foresee} */
  AlbAuthFailure unexpectedFailure();
}
