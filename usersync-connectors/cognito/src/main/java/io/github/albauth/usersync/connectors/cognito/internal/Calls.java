package io.github.albauth.usersync.connectors.cognito.internal;

import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.cognito.CognitoCallException;
import io.github.albauth.usersync.connectors.cognito.CognitoQuota;
import io.github.albauth.usersync.connectors.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Every call the connector makes to Cognito: paced per request-rate category (each caller waits
 * for its own slot, so calls are spread evenly at the configured rate and never burst above it),
 * made through the SDK (whose retry strategy retries throttling and server errors, bounded in
 * attempts and time), and a failure translated into a {@link CognitoCallException} whose reason
 * tells the engine what it means for the source or the store side.
 *
 * <p>Thread-safe.
 */
public final class Calls implements AutoCloseable {

  /** Which SPI the calls serve: the reasons of failures differ. */
  public enum Side { SOURCE, STORE }

  /** The listing rate of a source by default: ListUsers pages are few and heavy. */
  static final double SOURCE_LIST_RATE = 5;

  private static final Set<String> CONFLICTS =
      Set.of("UsernameExistsException", "AliasExistsException", "GroupExistsException");
  private static final Set<String> DENIED = Set.of("NotAuthorizedException",
      "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
      "ExpiredTokenException", "MissingAuthenticationTokenException", "InvalidClientTokenId");
  private static final Set<Operation> GROUP_OPERATIONS = Set.of(Operation.GetGroup,
      Operation.AdminAddUserToGroup, Operation.AdminRemoveUserFromGroup,
      Operation.ListUsersInGroup, Operation.DeleteGroup);

  private final CognitoIdentityProviderClient client;
  private final boolean ownsClient;
  private final String userPoolId;
  private final Map<CognitoQuota, Double> rates;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Side side;
  private final Map<String, long[]> nextSlot = new ConcurrentHashMap<>();

  /**
   * Creates the calls.
   *
   * @param client the SDK client
   * @param ownsClient whether {@link #close()} closes the client (it was built from the config)
   * @param userPoolId the pool every call names
   * @param configured rates configured per category; the rest take the defaults
   * @param clock the clock pacing reads
   * @param sleeper how pacing waits
   * @param side the SPI the calls serve
   */
  public Calls(CognitoIdentityProviderClient client, boolean ownsClient, String userPoolId,
      Map<CognitoQuota, Double> configured, Clock clock, Sleeper sleeper, Side side) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.userPoolId = userPoolId;
    this.rates = Map.copyOf(configured);
    this.clock = clock;
    this.sleeper = sleeper;
    this.side = side;
  }

  /** {@return the SDK client} */
  public CognitoIdentityProviderClient client() {
    return client;
  }

  /** {@return the user pool id} */
  public String userPoolId() {
    return userPoolId;
  }

  /**
   * The rate an operation is paced at: the configured rate of its category, else the documented
   * quota (a source lists at {@value #SOURCE_LIST_RATE} per second), and at most {@link
   * CognitoQuota#PER_POOL_OPERATION_QUOTA} for operations with a per-pool limit.
   *
   * @param operation the operation
   * @return requests per second
   */
  public double rate(Operation operation) {
    CognitoQuota quota = operation.quota();
    double fallback = side == Side.SOURCE && quota == CognitoQuota.USER_LIST
        ? SOURCE_LIST_RATE : quota.documentedQuota();
    double rate = rates.getOrDefault(quota, fallback);
    return quota.perPoolOperationLimit()
        ? Math.min(rate, CognitoQuota.PER_POOL_OPERATION_QUOTA) : rate;
  }

  /**
   * Makes one call: waits for the operation's slot, calls, translates a failure.
   *
   * @param operation the operation (for pacing and messages)
   * @param call the SDK call
   * @param <T> the response type
   * @return the response
   * @throws CognitoCallException when the call fails for good
   */
  public <T> T call(Operation operation, Supplier<T> call) {
    pace(operation);
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(operation, e);
    }
  }

  private void pace(Operation operation) {
    long interval = (long) (1_000_000_000L / rate(operation));
    String bucket = operation.quota().perPoolOperationLimit() ? operation.name()
        : operation.quota().name();
    long[] next = nextSlot.computeIfAbsent(bucket, k -> new long[1]);
    long now = nanos(clock.instant());
    long slot;
    synchronized (next) {
      slot = Math.max(now, next[0]);
      next[0] = slot + interval;
    }
    if (slot > now) {
      try {
        sleeper.sleep(Duration.ofNanos(slot - now));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserSyncException(side == Side.SOURCE ? Reason.SOURCE_FAILED
            : Reason.STORE_UNAVAILABLE, "interrupted while pacing " + operation, e);
      }
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private CognitoCallException translate(Operation operation, SdkException e) {
    boolean timeout = e instanceof ApiCallTimeoutException
        || e instanceof ApiCallAttemptTimeoutException;
    int status = 0;
    String code = null;
    String awsMessage = null;
    if (e instanceof AwsServiceException service) {
      status = service.statusCode();
      if (service.awsErrorDetails() != null) {
        code = service.awsErrorDetails().errorCode();
        awsMessage = service.awsErrorDetails().errorMessage();
      }
    }
    Reason reason = side == Side.SOURCE
        ? (timeout ? Reason.SOURCE_TIMEOUT : Reason.SOURCE_FAILED)
        : storeReason(operation, status, code, timeout);
    StringBuilder message = new StringBuilder(operation.name()).append(" on user pool ")
        .append(userPoolId).append(" failed: ");
    if (timeout) {
      message.append("no answer within the configured timeouts");
    } else if (status == 0) {
      message.append("no response (").append(escape(String.valueOf(e.getMessage()))).append(')');
    } else {
      message.append("HTTP ").append(status);
      if (code != null) {
        message.append(' ').append(escape(code));
      }
      if (awsMessage != null) {
        message.append(": ").append(escape(awsMessage));
      }
    }
    String hint = hint(operation, code);
    if (hint != null) {
      message.append("; ").append(hint);
    }
    return new CognitoCallException(reason, operation.name(), status, code, message.toString(), e);
  }

  private static Reason storeReason(Operation operation, int status, @Nullable String code,
      boolean timeout) {
    if (code != null && CONFLICTS.contains(code)) {
      return Reason.CONFLICT;
    }
    if ("UserNotFoundException".equals(code)
        || ("ResourceNotFoundException".equals(code) && GROUP_OPERATIONS.contains(operation))) {
      return Reason.NOT_FOUND;
    }
    if ("InvalidParameterException".equals(code) || "InvalidPasswordException".equals(code)) {
      return Reason.INVALID_USER;
    }
    if ("TooManyRequestsException".equals(code) || "LimitExceededException".equals(code)) {
      return Reason.STORE_FAILED;
    }
    if (timeout || status == 0 || status >= 500 || (code != null && DENIED.contains(code))
        || "ResourceNotFoundException".equals(code)) {
      return Reason.STORE_UNAVAILABLE;
    }
    return Reason.STORE_FAILED;
  }

  private @Nullable String hint(Operation operation, @Nullable String code) {
    if (code == null) {
      return null;
    }
    if (DENIED.contains(code)) {
      return "the credentials need " + operation.iamAction() + " on the user pool's ARN (see the"
          + " IAM policies in docs/connectors/cognito.md)";
    }
    return switch (code) {
      case "TooManyRequestsException" -> "the SDK's retries are spent; lower albauth.cognito.rates"
          + " for " + operation.quota().category() + " (now " + rate(operation)
          + " per second) or raise the quota";
      case "ResourceNotFoundException" -> GROUP_OPERATIONS.contains(operation)
          ? "the group does not exist" : "check albauth.cognito.user-pool-id and the Region";
      case "InvalidParameterException" -> "check the attribute names and values against the"
          + " pool's schema (custom attributes must be added to the pool first)";
      case "InvalidPasswordException" -> "the password does not meet the pool's password policy";
      case "LimitExceededException" -> "a Cognito resource limit was reached (e.g. 100 groups"
          + " per user)";
      default -> null;
    };
  }

  /**
   * Makes text from Cognito or a directory safe for a message or a log line: control, format
   * (bidi, zero-width) and surrogate characters become {@code \}{@code uXXXX}, and long text is cut.
   *
   * @param text the text
   * @return the escaped text, at most about 200 characters
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(200).forEach(cp -> {
      int type = Character.getType(cp);
      boolean hidden = Character.isISOControl(cp) || type == Character.FORMAT
          || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED;
      if (hidden) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return text.codePointCount(0, text.length()) > 200 ? out + "…" : out.toString();
  }

  /** Closes the SDK client when the connector built it; an application's client stays open. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
