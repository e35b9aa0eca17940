package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.servlet.AlbAuthFailure;

/** How a token verifier's exception becomes a refusal. Stateless. */
final class TokenRefusals {
  private TokenRefusals() {}

  /**
   * A token that was judged and refused is the client's problem (401); a key or JWKS endpoint
   * that could not be asked is ours (503 with Retry-After), logged with what failed.
   */
  static Refusal of(AlbAuthFailure refused, AlbTokenException e) {
    if (e.reason().serviceUnavailable()) {
      return new Refusal(AlbAuthFailure.KEY_UNAVAILABLE, e.reason() + ": " + e.getMessage());
    }
    return new Refusal(refused, e.reason().name());
  }
}
