package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbFilterListener;
import io.github.albauth.servlet.AlbPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code albauth.verifications}: the requests the filter judged, by {@code outcome} ({@code
 * authenticated}, {@code refused} for 401 and 403, {@code unavailable} for 503) and {@code
 * reason} (the {@link AlbAuthFailure} code, {@code none} when authenticated). Every combination is
 * registered up front, at zero, so that a rate over it exists before the first refusal. Thread-safe.
 */
public final class VerificationMeters implements AlbFilterListener {

  /** The counter's name. */
  public static final String VERIFICATIONS = "albauth.verifications";

  private final Counter authenticated;
  private final Map<AlbAuthFailure, Counter> refused = new EnumMap<>(AlbAuthFailure.class);

  /**
   * Registers the counters.
   *
   * @param registry where
   */
  public VerificationMeters(MeterRegistry registry) {
    authenticated = counter(registry, "authenticated", "none");
    for (AlbAuthFailure failure : AlbAuthFailure.values()) {
      refused.put(failure, counter(registry, failure.status() == 503 ? "unavailable" : "refused",
          failure.name()));
    }
  }

  private static Counter counter(MeterRegistry registry, String outcome, String reason) {
    return Counter.builder(VERIFICATIONS)
        .description("Requests the albauth filter judged, by outcome and reason")
        .tag("outcome", outcome).tag("reason", reason)
        .register(registry);
  }

  @Override
  public void authenticated(HttpServletRequest request, AlbPrincipal principal) {
    authenticated.increment();
  }

  @Override
  public void refused(HttpServletRequest request, AlbAuthFailure failure) {
    Objects.requireNonNull(refused.get(failure), "a counter per reason").increment();
  }
}
