package io.github.albauth.testkit;

import java.time.Clock;
import java.time.Duration;

/**
 * The options every minter of the test kit has; each may be set once. Not thread-safe.
 *
 * @param <B> the builder type each option returns
 * @param <M> the minter it builds
 */
public interface MinterBuilder<B extends MinterBuilder<B, M>, M> {
  /** The IdP issuer ({@code iss}); default {@code https://idp.example.test}. */
  B issuer(String iss);

  /** The OIDC client id; default {@code test-client}. */
  B clientId(String client);

  /** The clock for {@code exp} (and {@code iat}); default {@link Clock#systemUTC()}. */
  B clock(Clock clock);

  /** How long minted tokens are valid. */
  B tokenLifetime(Duration lifetime);

  /**
   * The minter.
   *
   * @throws IllegalArgumentException when an option is invalid
   */
  M build();
}
