package io.github.albauth.usersync.connectors.support;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a vendor's error body keeps its error code and message, as dotted paths into the JSON
 * object: Okta {@code errorCode}/{@code errorSummary}, Microsoft Graph {@code error.code}/{@code
 * error.message}, OAuth 2.0 token endpoints {@code error}/{@code error_description}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorFormat {

  /** OAuth 2.0 token endpoint errors (RFC 6749 section 5.2). */
  public static final ErrorFormat OAUTH2 = fields("error", "error_description");

  private final String codePath;
  private final String messagePath;

  private ErrorFormat(String codePath, String messagePath) {
    this.codePath = codePath;
    this.messagePath = messagePath;
  }

  /**
   * An error format.
   *
   * @param codePath dotted path of the error code (e.g. {@code error.code})
   * @param messagePath dotted path of the message (e.g. {@code error.message})
   * @return the format
   */
  public static ErrorFormat fields(String codePath, String messagePath) {
    return new ErrorFormat(Objects.requireNonNull(codePath, "codePath"),
        Objects.requireNonNull(messagePath, "messagePath"));
  }

  /**
   * Reads the code from an error body.
   *
   * @param body the parsed body
   * @return the code, or null when absent or not a scalar
   */
  public @Nullable String code(Map<String, ?> body) {
    return scalar(body, codePath);
  }

  /**
   * Reads the message from an error body.
   *
   * @param body the parsed body
   * @return the message, or null when absent or not a scalar
   */
  public @Nullable String message(Map<String, ?> body) {
    return scalar(body, messagePath);
  }

  private static @Nullable String scalar(Map<String, ?> body, String path) {
    Object value = body;
    for (String part : path.split("\\.", -1)) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(part);
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString() : null;
  }
}
