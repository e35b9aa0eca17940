package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbAuthFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The short refusal bodies: they name the status and nothing else (no reason, no token echo), as
 * plain text, or as JSON on API paths.
 */
public final class Responses {

  private Responses() {}

  /**
   * Writes the refusal for a failure, unless the response is already committed.
   *
   * @param response the response
   * @param failure why the request is refused
   * @param json whether to answer with a JSON body
   * @throws IOException when writing fails
   */
  public static void refuse(HttpServletResponse response, AlbAuthFailure failure, boolean json)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    int status = failure.status();
    String text = switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      default -> "unavailable";
    };
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    if (status == 503) {
      response.setHeader("Retry-After", "5");
    }
    byte[] body;
    if (json) {
      response.setContentType("application/json");
      body = ("{\"error\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    } else {
      response.setContentType("text/plain;charset=UTF-8");
      body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Writes a short plain-text answer that is not an authentication refusal (e.g. 405 at the logout
   * path), unless the response is already committed.
   *
   * @param response the response
   * @param status the status
   * @param text the body, without the trailing newline
   * @throws IOException when writing fails
   */
  public static void plain(HttpServletResponse response, int status, String text)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Makes a request-supplied text safe for one log line: control characters (C0, C1, DEL), line
   * and paragraph separators, and format characters (bidi overrides and isolates, zero-width
   * characters) become '?', and long values are cut, so a hostile path cannot forge, disguise or
   * flood log lines.
   *
   * @param value the text, may be null
   * @param max the longest kept
   * @return the sanitized text
   */
  public static String forLog(@Nullable String value, int max) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 3);
    for (int i = 0; i < value.length() && i < max; i++) {
      char c = value.charAt(i);
      int type = Character.getType(c);
      boolean unsafe = Character.isISOControl(c) || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || (Character.isSurrogate(c) && !paired(value, i));
      out.append(unsafe ? '?' : c);
    }
    if (value.length() > max) {
      out.append("...");
    }
    return out.toString();
  }

  private static boolean paired(String value, int i) {
    char c = value.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
