package io.github.albauth.usersync.connectors.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Small helpers every connector needs: the id of a JSON record, a path segment, an https base URL.
 *
 * <p>Thread-safe (stateless).
 */
public final class Records {

  private Records() {}

  /**
   * Reads a record's {@code id}.
   *
   * @param record a JSON object from the IdP
   * @return the id
   * @throws IllegalArgumentException when the id is missing, blank or not a string (inside a
   *     page mapping, this fails the call as a malformed response)
   */
  public static String id(Map<String, ?> record) {
    Object id = record.get("id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("a record without an \"id\"");
    }
    return s;
  }

  /**
   * Encodes a value as one URL path segment (an id, a user principal name with {@code #}).
   *
   * @param value the value
   * @return the encoded segment
   */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Checks that a base URL is https (http only for localhost, for tests) and drops a trailing
   * slash.
   *
   * @param url the URL
   * @param what what the URL is, for the message (e.g. {@code "orgUrl"})
   * @return the URL without a trailing slash
   * @throws IllegalArgumentException when it is not an https URL with a host
   */
  public static URI requireHttps(URI url, String what) {
    Objects.requireNonNull(url, what);
    boolean local = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost());
    if (url.getHost() == null
        || !("https".equals(url.getScheme()) || ("http".equals(url.getScheme()) && local))) {
      throw new IllegalArgumentException(what + " " + url + " is not an https URL; credentials"
          + " are only sent over https (http is allowed for localhost only)");
    }
    String s = url.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }
}
