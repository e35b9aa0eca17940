package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.AlbFailureHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter's own answer: a short body that reveals nothing ({@code unauthorized}, {@code
 * forbidden}, {@code unavailable} with {@code Retry-After}), JSON on the configured paths.
 * Immutable and thread-safe.
 */
public final class StandardFailureHandler implements AlbFailureHandler {
  private final PathPatterns jsonPaths;

  /**
   * The handler.
   *
   * @param jsonPaths the paths whose refusals have a JSON body
   */
  public StandardFailureHandler(PathPatterns jsonPaths) {
    this.jsonPaths = jsonPaths;
  }

  @Override
  public void onFailure(HttpServletRequest request, HttpServletResponse response,
      AlbAuthFailure failure) throws IOException {
    Responses.refuse(response, failure,
        jsonPaths.matches(PathPatterns.pathWithinApplication(request)));
  }

  @Override
  public String toString() {
    return "StandardFailureHandler[json=" + jsonPaths + "]";
  }
}
