package io.github.albauth.servlet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Servlet-style path patterns, as in {@code web.xml} url-patterns: an exact path ({@code /health}),
 * a prefix ending in {@code /*} ({@code /actuator/*}, which also matches {@code /actuator} itself), or
 * an extension ({@code *.css}). Matched against the container's decoded, normalised path within the
 * application, so {@code /health/../admin} never matches {@code /health/*}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PathPatterns {

  private static final PathPatterns NONE = new PathPatterns(List.of(), List.of(), List.of(), "");

  private final List<String> exact;
  private final List<String> prefixes;
  private final List<String> extensions;
  private final String description;

  private PathPatterns(
      List<String> exact, List<String> prefixes, List<String> extensions, String description) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.extensions = extensions;
    this.description = description;
  }

  /** Returns patterns that match nothing. */
  public static PathPatterns none() {
    return NONE;
  }

  /**
   * Parses a comma-separated list of patterns.
   *
   * @param commaSeparated for example {@code /health, /actuator/*, *.css}; blank means none
   * @throws IllegalArgumentException naming the bad pattern and what a valid one looks like
   */
  public static PathPatterns parse(String commaSeparated) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<String> extensions = new ArrayList<>();
    for (String raw : commaSeparated.split(",", -1)) {
      String pattern = raw.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
          && pattern.indexOf('*', 1) < 0) {
        extensions.add(pattern.substring(1).toLowerCase(Locale.ROOT));
      } else if (pattern.startsWith("/") && pattern.endsWith("/*")
          && pattern.indexOf('*') == pattern.length() - 1) {
        prefixes.add(pattern.substring(0, pattern.length() - 2));
      } else if (pattern.startsWith("/") && pattern.indexOf('*') < 0) {
        exact.add(pattern);
      } else {
        throw new IllegalArgumentException(
            "path pattern '" + pattern + "' is not valid; use an exact path (/health), a prefix"
                + " (/actuator/*) or an extension (*.css)");
      }
    }
    if (exact.isEmpty() && prefixes.isEmpty() && extensions.isEmpty()) {
      return NONE;
    }
    return new PathPatterns(
        List.copyOf(exact), List.copyOf(prefixes), List.copyOf(extensions), commaSeparated.strip());
  }

  /**
   * Returns whether a path within the application matches any pattern.
   *
   * @param path the decoded, normalised path (servlet path plus path info), starting with '/'
   */
  public boolean matches(String path) {
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.equals(prefix)
          || (path.startsWith(prefix) && path.length() > prefix.length()
              && path.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    if (!extensions.isEmpty()) {
      int slash = path.lastIndexOf('/');
      String lastSegment = path.substring(slash + 1).toLowerCase(Locale.ROOT);
      for (String extension : extensions) {
        if (lastSegment.endsWith(extension) && lastSegment.length() > extension.length()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns whether no pattern was given. */
  public boolean isEmpty() {
    return this == NONE;
  }

  @Override
  public String toString() {
    return description;
  }
}
