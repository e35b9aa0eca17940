package io.github.albauth.usersync.connectors.support;

import java.util.Objects;

/**
 * Supplies the {@code Authorization} header of API calls: a fixed API token (Okta {@code SSWS}),
 * or {@link ClientCredentials} that fetch and cache OAuth 2.0 access tokens.
 *
 * <p>Implementations must be thread-safe. The header value is a secret: never log it.
 */
public interface Authorization {

  /**
   * Returns the header value for the next call, fetching a token first if needed.
   *
   * @return the value of the {@code Authorization} header
   * @throws SourceCallException when a token cannot be obtained
   */
  String header();

  /**
   * Tells that the IdP answered {@code 401} to a call made with {@code rejected}, so that the next
   * {@link #header()} fetches a new token. The {@link ApiClient} calls it at most once per call,
   * and retries that call once when it returns true.
   *
   * @param rejected the header value the IdP rejected
   * @return whether the next {@link #header()} differs, so that a retry can succeed
   */
  boolean rejected(String rejected);

  /**
   * A fixed header value, such as {@code "SSWS " + apiToken} for Okta. A {@code 401} cannot be
   * healed by refreshing it.
   *
   * @param headerValue the whole header value, scheme included
   * @return the authorization
   */
  static Authorization fixed(String headerValue) {
    Objects.requireNonNull(headerValue, "headerValue");
    if (headerValue.isBlank()) {
      throw new IllegalArgumentException("the Authorization header value is blank; pass the API token");
    }
    return new Authorization() {
      @Override
      public String header() {
        return headerValue;
      }

      @Override
      public boolean rejected(String rejected) {
        return false; // a fixed token cannot be refreshed: the call reports the 401
      }

      @Override
      public String toString() {
        return "Authorization.fixed(****)";
      }
    };
  }
}
