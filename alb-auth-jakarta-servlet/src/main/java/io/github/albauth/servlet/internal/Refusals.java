package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbFailureHandler;
import io.github.albauth.servlet.AlbFilterListener;
import io.github.albauth.servlet.AlbFilterStatistics;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.servlet.internal.steps.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * What happens to a refused request: the log line (refusals and outages rate-limited apart, every
 * client value escaped), the counters, the listeners, the request attribute, and the answer through
 * the failure handler; and the count and listeners of an authenticated one. Thread-safe.
 */
public final class Refusals {
  private static final int LOGGED_PATH_LENGTH = 200;

  private final Logger log;
  private final RateLimitedLog refusalLog;
  private final RateLimitedLog outageLog;
  private final AlbFailureHandler handler;
  private final AlbFailureHandler standard;
  private final Listeners<AlbFilterListener> listeners;
  private final LongAdder authenticated = new LongAdder();
  /** One counter per reason, all present from the start. */
  private final Map<AlbAuthFailure, LongAdder> counts = new EnumMap<>(AlbAuthFailure.class);

  /**
   * The refusal handling of one filter.
   *
   * @param log the filter's logger
   * @param clock for the log rate limits
   * @param perMinute refusals (and, apart, outages) logged at WARN per minute
   * @param handler answers refused requests
   * @param standard the filter's own answer, used when {@code handler} throws
   * @param listeners told of every authenticated and refused request
   */
  public Refusals(Logger log, Clock clock, int perMinute, AlbFailureHandler handler,
      AlbFailureHandler standard, Listeners<AlbFilterListener> listeners) {
    this.log = log;
    this.refusalLog = new RateLimitedLog(log, clock, Duration.ofMinutes(1), perMinute);
    this.outageLog = new RateLimitedLog(log, clock, Duration.ofMinutes(1), perMinute);
    this.handler = handler;
    this.standard = standard;
    this.listeners = listeners;
    for (AlbAuthFailure failure : AlbAuthFailure.values()) {
      counts.put(failure, new LongAdder());
    }
  }

  /**
   * Counts a request that reaches the application with a principal, and tells the listeners.
   *
   * @param request the request
   * @param principal the signed-in user
   */
  public void authenticated(HttpServletRequest request, AlbPrincipal principal) {
    authenticated.increment();
    listeners.each(listener -> listener.authenticated(request, principal));
  }

  /**
   * Logs, counts, reports to the listeners and answers a refusal.
   *
   * @param request the request
   * @param response its response
   * @param path the path within the application
   * @param refusal why
   * @throws IOException when the answer cannot be written
   */
  public void refuse(HttpServletRequest request, HttpServletResponse response, String path,
      Refusal refusal) throws IOException {
    AlbAuthFailure failure = refusal.failure();
    counter(failure).increment();
    request.setAttribute(AlbAuthFailure.REQUEST_ATTRIBUTE, failure);
    listeners.each(listener -> listener.refused(request, failure));
    boolean outage = failure.status() == 503;
    (outage ? outageLog : refusalLog).warn(
        outage ? "albauth could not judge {} {} from {}: {}{}" : "albauth refused {} {} from {}: {}{}",
        Responses.forLog(request.getMethod(), 16), Responses.forLog(path, LOGGED_PATH_LENGTH),
        Responses.forLog(request.getRemoteAddr(), 64), failure,
        refusal.detail().isEmpty() ? "" : " (" + Responses.forLog(refusal.detail(), 300) + ")");
    try {
      handler.onFailure(request, response, failure);
    } catch (IOException clientGone) {
      throw clientGone;
    } catch (RuntimeException e) {
      log.warn("albauth failure handler {} threw {}; answering with the filter's own response",
          handler.getClass().getName(), StepFailures.describeWithMessage(e));
      standard.onFailure(request, response, failure);
    }
  }

  /**
   * Logs a refused logout (wrong method, cross-site) at the refusal rate.
   *
   * @param request the request
   * @param path the path
   * @param why what was wrong
   */
  public void logoutRefused(HttpServletRequest request, String path, String why) {
    refusalLog.warn("albauth refused {} {} from {}: {}", Responses.forLog(request.getMethod(), 16),
        Responses.forLog(path, LOGGED_PATH_LENGTH), Responses.forLog(request.getRemoteAddr(), 64), why);
  }

  /** {@return the counts so far} */
  public AlbFilterStatistics statistics() {
    long refused = 0;
    long unavailable = 0;
    Map<AlbAuthFailure, Long> byFailure = new EnumMap<>(AlbAuthFailure.class);
    for (AlbAuthFailure failure : AlbAuthFailure.values()) {
      long count = counter(failure).sum();
      if (count > 0) {
        byFailure.put(failure, count);
        if (failure.status() == 503) {
          unavailable += count;
        } else {
          refused += count;
        }
      }
    }
    return new AlbFilterStatistics(authenticated.sum(), refused, unavailable, byFailure);
  }

  private LongAdder counter(AlbAuthFailure failure) {
    return Objects.requireNonNull(counts.get(failure), "a counter per reason");
  }

  /** {@return the rate-limited log for refusals, which also reports failing request matchers} */
  public RateLimitedLog refusalLog() {
    return refusalLog;
  }
}
