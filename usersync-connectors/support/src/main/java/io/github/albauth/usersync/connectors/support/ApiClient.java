package io.github.albauth.usersync.connectors.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.support.RateLimitHeaders.RateLimit;
import io.github.albauth.usersync.connectors.support.internal.Json;
import io.github.albauth.usersync.connectors.support.internal.LogSafe;
import io.github.albauth.usersync.connectors.support.internal.Pacer;
import io.github.albauth.usersync.connectors.support.internal.Retries;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an IdP's JSON API: every request has a timeout; {@code 429}, {@code 500}, {@code 502},
 * {@code 503}, {@code 504}, timeouts, broken connections and the vendor's own throttling codes
 * ({@link Builder#retryOn}) are retried with exponential backoff and jitter, or after the {@code Retry-After} (or rate-limit reset) the server gives, bounded by
 * {@link HttpSettings#maxAttempts()} and {@link HttpSettings#retryBudget()}; a {@code 401} makes
 * the {@link Authorization} fetch a new token once; calls slow down when the vendor's rate-limit
 * headers say the window is nearly spent. A failure throws a {@link SourceCallException} naming the
 * call, the status and the vendor's error code, and what to do ({@link Builder#advice}), never a
 * secret.
 *
 * <p>Bodies are read with a streaming parser, one item at a time.
 *
 * <p>Thread-safe: one client serves a connector's listings, prefetches and lookups at once.
 */
public final class ApiClient {

  private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpSettings settings;
  private final @Nullable Authorization authorization;
  private final ErrorFormat errorFormat;
  private final RateLimitHeaders rateLimitHeaders;
  private final Map<String, String> headers;
  private final Map<Integer, Set<String>> retryCodes;
  private final @Nullable Advice advice;
  private final Pacer pacer;

  private ApiClient(Builder b) {
    this.settings = b.settings;
    this.authorization = b.authorization;
    this.errorFormat = b.errorFormat;
    this.rateLimitHeaders = b.rateLimitHeaders;
    this.headers = Map.copyOf(b.headers);
    this.retryCodes = Map.copyOf(b.retryCodes);
    this.advice = b.advice;
    this.pacer = new Pacer(settings.paceBelow());
  }

  /**
   * Starts a client.
   *
   * @param settings timeouts, retries and pacing
   * @param errorFormat where the vendor's error bodies keep code and message
   * @return a builder
   */
  public static Builder builder(HttpSettings settings, ErrorFormat errorFormat) {
    return new Builder(settings, errorFormat);
  }

  /** {@return the settings this client calls with} */
  public HttpSettings settings() {
    return settings;
  }

  /**
   * Fetches one page of a listing.
   *
   * @param call what the call does, for messages and pacing (e.g. {@code "list users"})
   * @param uri the page's address
   * @param extraHeaders headers for this call only (e.g. {@code ConsistencyLevel})
   * @param itemsField the top-level field holding the items, or null when the body is an array
   * @param item maps each item's JSON object; a runtime exception from it fails the call as a
   *     malformed response
   * @param <T> the item type
   * @return the page
   * @throws SourceCallException when the call fails
   */
  public <T> JsonPage<T> getPage(String call, URI uri, Map<String, String> extraHeaders,
      @Nullable String itemsField, Function<Map<String, @Nullable Object>, T> item) {
    return getPage(call, uri, extraHeaders, itemsField, true, item);
  }

  /** {@link #getPage}, where {@code itemsRequired = false} reads a missing items field as none. */
  <T> JsonPage<T> getPage(String call, URI uri, Map<String, String> extraHeaders,
      @Nullable String itemsField, boolean itemsRequired,
      Function<Map<String, @Nullable Object>, T> item) {
    return send(call, uri, () -> HttpRequest.newBuilder(uri).GET(), extraHeaders, (in, h) -> {
      Json.Body<T> body = Json.readPage(in, itemsField, itemsRequired, item);
      return new JsonPage<>(body.items(), body.fields(), h);
    });
  }

  /**
   * Fetches one JSON object.
   *
   * @param call what the call does
   * @param uri the object's address
   * @param extraHeaders headers for this call only
   * @return the object
   * @throws SourceCallException when the call fails
   */
  public Map<String, @Nullable Object> getObject(String call, URI uri,
      Map<String, String> extraHeaders) {
    return send(call, uri, () -> HttpRequest.newBuilder(uri).GET(), extraHeaders,
        (in, h) -> Json.readObject(in));
  }

  /**
   * Fetches one JSON object that may not exist.
   *
   * @param call what the call does
   * @param uri the object's address
   * @param extraHeaders headers for this call only
   * @return the object, or empty on {@code 404}
   * @throws SourceCallException when the call fails otherwise
   */
  public Optional<Map<String, @Nullable Object>> findObject(String call, URI uri,
      Map<String, String> extraHeaders) {
    try {
      return Optional.of(getObject(call, uri, extraHeaders));
    } catch (SourceCallException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Posts a form ({@code application/x-www-form-urlencoded}) and reads the JSON object answered,
   * as OAuth 2.0 token endpoints need. The form may hold secrets: it is never logged or put in a
   * message.
   *
   * @param call what the call does
   * @param uri the address
   * @param form the form fields, in order
   * @return the object
   * @throws SourceCallException when the call fails
   */
  public Map<String, @Nullable Object> postForm(String call, URI uri, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(call, uri, () -> HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of(), (in, h) -> Json.readObject(in));
  }

  /**
   * Posts a JSON body and reads the JSON object answered (e.g. Graph's {@code checkMemberGroups}).
   *
   * @param call what the call does
   * @param uri the address
   * @param body a map, list or scalar to send as JSON
   * @return the object
   * @throws SourceCallException when the call fails
   */
  public Map<String, @Nullable Object> postJson(String call, URI uri, Object body) {
    String json = Json.write(body);
    return send(call, uri, () -> HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), Map.of(), (in, h) -> Json.readObject(in));
  }

  /**
   * Fetches a count that the body holds as a bare number ({@code 42}): Keycloak's {@code
   * /users/count}, Microsoft Graph's {@code /users/$count}.
   *
   * @param call what the call does
   * @param uri the count's address
   * @param extraHeaders headers for this call only (Graph: {@code ConsistencyLevel: eventual})
   * @return the count, 0 or more
   * @throws SourceCallException when the call fails or the body is not a count
   */
  public long getCount(String call, URI uri, Map<String, String> extraHeaders) {
    return send(call, uri, () -> HttpRequest.newBuilder(uri).GET(), extraHeaders,
        (in, h) -> Json.readCount(in));
  }

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(InputStream in, HttpHeaders headers) throws IOException;
  }

  /** Why the last attempt failed, for the next decision and the final message. */
  private record Failure(int status, @Nullable String vendorCode, @Nullable String vendorMessage,
      String problem, @Nullable Duration serverWait, @Nullable Throwable cause, boolean timeout) {}

  private <T> T send(String call, URI uri, java.util.function.Supplier<HttpRequest.Builder> request,
      Map<String, String> extraHeaders, BodyReader<T> reader) {
    String what = call + " (" + describe(uri) + ")";
    Instant start = settings.clock().instant();
    Instant deadline = start.plus(settings.retryBudget());
    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      attempt++;
      waitFor(pacer.delay(call, settings.clock().instant()), deadline, what);
      HttpRequest.Builder rb = request.get().timeout(settings.requestTimeout());
      headers.forEach(rb::setHeader);
      extraHeaders.forEach(rb::setHeader);
      String auth = authorization == null ? null : authorization.header();
      if (auth != null) {
        rb.header("Authorization", auth);
      }
      Failure failure;
      try {
        HttpResponse<InputStream> response =
            settings.httpClient().send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpHeaders h = response.headers();
        Instant now = settings.clock().instant();
        Optional<RateLimit> limit = rateLimitHeaders.read(h, now);
        limit.ifPresent(l -> pacer.update(call, l));
        int status = response.statusCode();
        if (status / 100 == 2) {
          try (InputStream in = response.body()) {
            return reader.read(in, h);
          } catch (JsonProcessingException e) {
            throw fail(Reason.SOURCE_FAILED, what, attempt, start, new Failure(status, null, null,
                "the response is not the JSON expected (" + LogSafe.escape(
                    String.valueOf(e.getOriginalMessage())) + ")", null, e, false),
                "the IdP or a proxy in between answered something else; check the base URL");
          }
        }
        Failure f = errorOf(response, now, limit);
        if (status == 401 && auth != null && !refreshed
            && Objects.requireNonNull(authorization).rejected(auth)) {
          refreshed = true; // a token that expired early: fetch a new one and try once more
          attempt--;
          LOG.debug("{}: HTTP 401, retrying once with a new access token", what);
          continue;
        }
        if (!Retries.retryable(status) && !retryableCode(f)) {
          throw fail(Reason.SOURCE_FAILED, what, attempt, start, f, adviceOn(f));
        }
        failure = f;
      } catch (HttpTimeoutException e) {
        failure = new Failure(0, null, null, "no response within " + settings.requestTimeout()
            + " (requestTimeout)", null, e, true);
      } catch (IOException e) {
        failure = new Failure(0, null, null, "I/O error " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + LogSafe.escape(e.getMessage())), null, e, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceCallException(Reason.SOURCE_FAILED, call, 0, null,
            what + " was interrupted", e);
      }
      Reason reason = failure.timeout() ? Reason.SOURCE_TIMEOUT : Reason.SOURCE_FAILED;
      if (attempt >= settings.maxAttempts()) {
        throw fail(reason, what, attempt, start, failure, "gave up after maxAttempts "
            + settings.maxAttempts() + "; the IdP may be down or throttling: try later, or raise"
            + " maxAttempts / retryBudget");
      }
      Duration wait = failure.serverWait() != null ? Retries.jitterAbove(failure.serverWait())
          : Retries.backoff(attempt, settings.initialBackoff(), settings.maxBackoff());
      Instant now = settings.clock().instant();
      if (now.plus(wait).isAfter(deadline)) {
        throw fail(reason, what, attempt, start, failure, "the next attempt, in " + wait
            + ", would end past the retryBudget of " + settings.retryBudget()
            + "; try later, or raise retryBudget");
      }
      LOG.info("{}: {}; attempt {} of {} in {}", what, failure.problem(), attempt + 1,
          settings.maxAttempts(), wait);
      sleep(wait, what);
    }
  }

  private Failure errorOf(HttpResponse<InputStream> response, Instant now,
      Optional<RateLimit> limit) {
    int status = response.statusCode();
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      body = new byte[0];
    }
    Map<String, @Nullable Object> json = Json.readObjectOrNull(body);
    String code = json == null ? null : errorFormat.code(json);
    String message = json == null ? null : errorFormat.message(json);
    StringBuilder problem = new StringBuilder("HTTP ").append(status);
    if (code != null || message != null) {
      problem.append(" (");
      if (code != null) {
        problem.append(LogSafe.escape(code));
      }
      if (message != null) {
        problem.append(code != null ? ": " : "").append(LogSafe.escape(message));
      }
      problem.append(')');
    }
    Duration serverWait = Retries.retryAfter(response.headers(), now);
    if (serverWait == null && status == 429 && limit.isPresent()
        && limit.get().reset().isAfter(now)) {
      serverWait = Duration.between(now, limit.get().reset());
    }
    return new Failure(status, code == null ? null : LogSafe.escape(code),
        message == null ? null : LogSafe.escape(message), problem.toString(), serverWait, null, false);
  }

  private boolean retryableCode(Failure f) {
    Set<String> codes = retryCodes.get(f.status());
    String code = f.vendorCode();
    return codes != null && code != null && codes.contains(code);
  }

  private String adviceOn(Failure f) {
    String vendorAdvice = advice == null ? null
        : advice.advise(f.status(), f.vendorCode(), f.vendorMessage());
    return vendorAdvice != null ? vendorAdvice : switch (f.status()) {
      case 400 -> "the IdP refused the request; check the connector's settings (filters, ids)";
      case 401 -> "the IdP refused the credentials; check the API token or client credentials";
      case 403 -> "the credentials lack a permission this call needs; grant the scopes the"
          + " connector's documentation lists";
      case 404 -> "not found; check the base URL and the ids in the settings";
      default -> "see the IdP's error code";
    };
  }

  /**
   * What a connector tells its user to do about a call that failed for good, from the vendor's
   * status and error: which permission to grant, which setting to fix (Google's {@code 403
   * forbidden}: the admin role the impersonated user needs).
   *
   * <p>Implementations must be thread-safe.
   */
  @FunctionalInterface
  public interface Advice {

    /**
     * Advises on a failed call; the text follows the failure in the exception's message.
     *
     * @param status the HTTP status of the last response
     * @param vendorCode the vendor's error code, or null
     * @param vendorMessage the vendor's error message (control characters escaped), or null
     * @return what to do, or null for the generic advice by status
     */
    @Nullable String advise(int status, @Nullable String vendorCode, @Nullable String vendorMessage);
  }

  private SourceCallException fail(Reason reason, String what, int attempts, Instant start,
      Failure f, String advice) {
    Duration took = Duration.between(start, settings.clock().instant());
    String message = what + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        + " in " + took + ": " + f.problem() + "; " + advice;
    return new SourceCallException(reason, what, f.status(), f.vendorCode(), message, f.cause());
  }

  private void waitFor(Duration wait, Instant deadline, String what) {
    if (wait.isZero()) {
      return;
    }
    Duration left = Duration.between(settings.clock().instant(), deadline);
    Duration pause = wait.compareTo(left) > 0 ? left : wait;
    if (!pause.isNegative() && !pause.isZero()) {
      LOG.debug("{}: pacing {} (rate limit nearly spent)", what, pause);
      sleep(pause, what);
    }
  }

  private void sleep(Duration wait, String what) {
    try {
      settings.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceCallException(Reason.SOURCE_FAILED, what, 0, null,
          what + " was interrupted while waiting to retry", e);
    }
  }

  /** The method-free, query-free address: queries can hold filters with people's names. */
  private static String describe(URI uri) {
    return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
  }

  /**
   * Builds an {@link ApiClient}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final HttpSettings settings;
    private final ErrorFormat errorFormat;
    private @Nullable Authorization authorization;
    private RateLimitHeaders rateLimitHeaders = RateLimitHeaders.NONE;
    private boolean rateLimitHeadersSet;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> retryCodes = new HashMap<>();
    private @Nullable Advice advice;

    private Builder(HttpSettings settings, ErrorFormat errorFormat) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.errorFormat = Objects.requireNonNull(errorFormat, "errorFormat");
      headers.put("Accept", "application/json");
      headers.put("User-Agent", "albauth-usersync");
    }

    /**
     * Sends this {@code Authorization} with every call (default: none).
     *
     * @param authorization the authorization
     * @return this builder
     */
    public Builder authorization(Authorization authorization) {
      if (this.authorization != null) {
        throw new IllegalStateException("authorization was already set");
      }
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      return this;
    }

    /**
     * Reads the vendor's rate-limit headers (default {@link RateLimitHeaders#NONE}).
     *
     * @param format the vendor's headers
     * @return this builder
     */
    public Builder rateLimitHeaders(RateLimitHeaders format) {
      if (rateLimitHeadersSet) {
        throw new IllegalStateException("rateLimitHeaders was already set");
      }
      rateLimitHeaders = Objects.requireNonNull(format, "format");
      rateLimitHeadersSet = true;
      return this;
    }

    /**
     * Sends a header with every call.
     *
     * @param name the header name (not {@code Authorization}: use {@link #authorization})
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("set the Authorization header with authorization(…),"
            + " which refreshes tokens and keeps them out of logs");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Also retries, with backoff, responses with this status whose vendor error code is one of
     * these: vendors that answer throttling with another status than {@code 429} (Google: {@code
     * 403} with {@code rateLimitExceeded} or {@code userRateLimitExceeded}). Other responses with
     * the status still fail at once.
     *
     * @param status the HTTP status
     * @param vendorCodes the error codes, as {@link ErrorFormat#code} reads them
     * @return this builder
     */
    public Builder retryOn(int status, String... vendorCodes) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status " + status + " is not an error; give 400 to 599");
      }
      if (retryCodes.containsKey(status)) {
        throw new IllegalStateException("retryOn(" + status + ", …) was already set");
      }
      retryCodes.put(status, Set.of(vendorCodes));
      return this;
    }

    /**
     * Says what to do about calls that fail for good, in the vendor's terms (default: generic
     * advice by status).
     *
     * @param vendorAdvice the advice; where it returns null, the generic advice is given
     * @return this builder
     */
    public Builder advice(Advice vendorAdvice) {
      if (advice != null) {
        throw new IllegalStateException("advice was already set");
      }
      advice = Objects.requireNonNull(vendorAdvice, "vendorAdvice");
      return this;
    }

    /** {@return the client} */
    public ApiClient build() {
      return new ApiClient(this);
    }
  }
}
