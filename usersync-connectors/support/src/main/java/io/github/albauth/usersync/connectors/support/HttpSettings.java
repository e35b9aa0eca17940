package io.github.albauth.usersync.connectors.support;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a connector talks to its IdP: timeouts, the retry budget and pacing. Every call has a timeout;
 * every call's retries are bounded both in attempts and in total time, and honour {@code
 * Retry-After}.
 *
 * <pre>{@code
 * HttpSettings http = HttpSettings.builder()
 *     .requestTimeout(Duration.ofSeconds(20))
 *     .maxAttempts(6)
 *     .retryBudget(Duration.ofMinutes(3))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpSettings {

  private final HttpClient httpClient;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration retryBudget;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double paceBelow;
  private final Clock clock;
  private final Sleeper sleeper;

  private HttpSettings(Builder b, HttpClient httpClient) {
    this.httpClient = httpClient;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.retryBudget = b.retryBudget;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.paceBelow = b.paceBelow;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** {@return the defaults: 10 s to connect, 30 s per request, 5 attempts within 2 minutes} */
  public static HttpSettings defaults() {
    return builder().build();
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the HTTP client (given, or built with the connect timeout)} */
  public HttpClient httpClient() {
    return httpClient;
  }

  /** {@return how long to wait for a connection} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return how long one request may take until its response headers arrive} */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** {@return how many times one call is tried at most (the first try included)} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return how long one call may take in total, its retries and waits included} */
  public Duration retryBudget() {
    return retryBudget;
  }

  /** {@return the wait before the second attempt; it doubles per attempt, with jitter} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest wait between attempts that backoff computes} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * {@return the share of a rate limit's budget below which calls are spread over the time left
   * until the limit resets (0 turns pacing off)}
   */
  public double paceBelow() {
    return paceBelow;
  }

  /** {@return the clock for retry budgets, token expiry and rate-limit resets} */
  public Clock clock() {
    return clock;
  }

  /** {@return how the connector waits} */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "HttpSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", maxAttempts=" + maxAttempts + ", retryBudget=" + retryBudget + ", initialBackoff="
        + initialBackoff + ", maxBackoff=" + maxBackoff + ", paceBelow=" + paceBelow + "]";
  }

  /**
   * Builds {@link HttpSettings}. Each option may be set once.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean connectTimeoutSet;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private boolean requestTimeoutSet;
    private int maxAttempts = 5;
    private boolean maxAttemptsSet;
    private Duration retryBudget = Duration.ofMinutes(2);
    private boolean retryBudgetSet;
    private Duration initialBackoff = Duration.ofMillis(500);
    private boolean initialBackoffSet;
    private Duration maxBackoff = Duration.ofSeconds(30);
    private boolean maxBackoffSet;
    private double paceBelow = 0.1;
    private boolean paceBelowSet;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean sleeperSet;

    private Builder() {}

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private static Duration requirePositive(Duration d, String option) {
      Objects.requireNonNull(d, option);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " is " + d + "; give a positive duration");
      }
      return d;
    }

    /**
     * Uses this HTTP client (for a proxy, TLS settings or an executor of your own); it then keeps
     * its own connect timeout, so do not also set {@link #connectTimeout}.
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      requireUnset(httpClient != null, "httpClient");
      httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets how long to wait for a connection (default 10 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      requireUnset(connectTimeoutSet, "connectTimeout");
      connectTimeout = requirePositive(timeout, "connectTimeout");
      connectTimeoutSet = true;
      return this;
    }

    /**
     * Sets how long one request may take until its response headers arrive (default 30 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      requireUnset(requestTimeoutSet, "requestTimeout");
      requestTimeout = requirePositive(timeout, "requestTimeout");
      requestTimeoutSet = true;
      return this;
    }

    /**
     * Sets how many times one call is tried at most, the first try included (default 5).
     *
     * @param attempts 1 (no retries) or more
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      requireUnset(maxAttemptsSet, "maxAttempts");
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts is " + attempts + "; give 1 or more");
      }
      maxAttempts = attempts;
      maxAttemptsSet = true;
      return this;
    }

    /**
     * Sets how long one call may take in total, retries and waits included (default 2 minutes). A
     * {@code Retry-After} that would end past it fails the call at once.
     *
     * @param budget a positive duration
     * @return this builder
     */
    public Builder retryBudget(Duration budget) {
      requireUnset(retryBudgetSet, "retryBudget");
      retryBudget = requirePositive(budget, "retryBudget");
      retryBudgetSet = true;
      return this;
    }

    /**
     * Sets the wait before the second attempt (default 500 ms); it doubles per attempt up to
     * {@link #maxBackoff}, and each wait is drawn at random below it (full jitter).
     *
     * @param backoff a positive duration
     * @return this builder
     */
    public Builder initialBackoff(Duration backoff) {
      requireUnset(initialBackoffSet, "initialBackoff");
      initialBackoff = requirePositive(backoff, "initialBackoff");
      initialBackoffSet = true;
      return this;
    }

    /**
     * Sets the longest wait that backoff computes (default 30 s); a server's {@code Retry-After}
     * may ask for longer, within the retry budget.
     *
     * @param backoff a positive duration
     * @return this builder
     */
    public Builder maxBackoff(Duration backoff) {
      requireUnset(maxBackoffSet, "maxBackoff");
      maxBackoff = requirePositive(backoff, "maxBackoff");
      maxBackoffSet = true;
      return this;
    }

    /**
     * Sets the share of a rate limit's budget below which calls slow down (default 0.1: when
     * fewer than 10% of the window's requests are left, the rest are spread evenly over the time
     * until the window resets, so the limit is never hit). 0 turns pacing off.
     *
     * @param share from 0 (inclusive) to 1 (exclusive)
     * @return this builder
     */
    public Builder paceBelow(double share) {
      requireUnset(paceBelowSet, "paceBelow");
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("paceBelow is " + share + "; give a share from 0 to below 1");
      }
      paceBelow = share;
      paceBelowSet = true;
      return this;
    }

    /**
     * Sets the clock (default: the system clock in UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      requireUnset(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * Sets how to wait (default {@link Sleeper#SYSTEM}).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      requireUnset(sleeperSet, "sleeper");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      sleeperSet = true;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalStateException when options conflict
     */
    public HttpSettings build() {
      if (httpClient != null && connectTimeoutSet) {
        throw new IllegalStateException("connectTimeout and httpClient were both set; set the"
            + " connect timeout on your HttpClient, or let the settings build the client");
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
            + initialBackoff + "; raise maxBackoff or lower initialBackoff");
      }
      HttpClient client = httpClient != null ? httpClient
          : HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new HttpSettings(this, client);
    }
  }
}
