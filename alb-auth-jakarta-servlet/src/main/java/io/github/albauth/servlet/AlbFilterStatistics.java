package io.github.albauth.servlet;

import java.util.Map;

/**
 * Counts of what an {@link AlbAuthenticationFilter} did since it started, for metrics and health
 * checks ({@link AlbAuthenticationFilter#statistics()}). Refusals of the client (401, 403) and
 * answers while a dependency of ours was down (503) are counted apart, so an outage never looks
 * like an attack, nor an attack like an outage.
 *
 * <p>Immutable and thread-safe.
 *
 * @param authenticated requests that reached the application with a principal
 * @param refused requests refused with 401 or 403
 * @param unavailable requests answered 503 (key or JWKS endpoint, user store, an internal failure)
 * @param byFailure the count per reason, for the reasons that occurred
 */
public record AlbFilterStatistics(long authenticated, long refused, long unavailable,
    Map<AlbAuthFailure, Long> byFailure) {

  /**
   * A snapshot.
   *
   * @param authenticated requests that reached the application with a principal
   * @param refused requests refused with 401 or 403
   * @param unavailable requests answered 503
   * @param byFailure the count per reason
   */
  public AlbFilterStatistics {
    byFailure = Map.copyOf(byFailure);
  }
}
