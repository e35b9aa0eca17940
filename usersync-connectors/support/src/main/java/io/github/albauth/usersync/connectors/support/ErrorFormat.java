package io.github.albauth.usersync.connectors.support;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a vendor's error body keeps its error code and message, as dotted paths into the JSON
 * object: Okta {@code errorCode}/{@code errorSummary}, Microsoft Graph {@code error.code}/{@code
 * error.message}, OAuth 2.0 token endpoints {@code error}/{@code error_description}, Google APIs
 * {@code error.errors.0.reason}/{@code error.message} (a part that is a number picks that element
 * of an array).
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
   * @param codePath dotted path of the error code (e.g. {@code error.code}; a number picks an array
   *     element, e.g. {@code error.errors.0.reason})
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
      if (value instanceof Map<?, ?> map) {
        value = map.get(part);
      } else if (value instanceof List<?> list && part.matches("\\d{1,9}")) {
        int index = Integer.parseInt(part);
        value = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString() : null;
  }
}
