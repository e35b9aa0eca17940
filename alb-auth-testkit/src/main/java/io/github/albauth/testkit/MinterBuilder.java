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
  /**
   * Sets the IdP issuer ({@code iss}); default {@code https://idp.example.test}.
   *
   * @param iss the issuer URL tokens carry
   * @return this builder
   */
  B issuer(String iss);

  /**
   * Sets the OIDC client id; default {@code test-client}.
   *
   * @param client the client id tokens carry
   * @return this builder
   */
  B clientId(String client);

  /**
   * Sets the clock for {@code exp} (and {@code iat}); default {@link Clock#systemUTC()}.
   *
   * @param clock the clock; a fixed or mutable one makes expiry tests deterministic
   * @return this builder
   */
  B clock(Clock clock);

  /**
   * Sets how long minted tokens are valid; the default depends on the minter (the ALB's 2
   * minutes, an IdP's one hour).
   *
   * @param lifetime the time from minting to {@code exp}
   * @return this builder
   */
  B tokenLifetime(Duration lifetime);

  /**
   * Builds the minter.
   *
   * @return the minter, configured with these options
   * @throws IllegalArgumentException when an option is invalid
   */
  M build();
}
