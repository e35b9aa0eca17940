package io.github.albauth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Path patterns in the style of {@code web.xml} url-patterns: an exact path ({@code /health}), a
 * prefix ending in {@code /*} ({@code /actuator/*}, which also matches {@code /actuator} itself), or
 * an extension within a prefix ({@code /static/*.css}: a name ending in {@code .css} anywhere under
 * {@code /static/}). An extension on its own ({@code *.css}, or {@code /*.css}) is refused: it would
 * exclude {@code /api/secret.css} along with the style sheets.
 *
 * <p>Matched case-sensitively against the container's decoded, normalised path within the
 * application ({@link #pathWithinApplication}), never the raw request URI, so {@code
 * /public/../admin} and {@code /public/%2e%2e/admin} are {@code /admin} by the time they are
 * matched. A path that is still not in canonical form after the container is done with it (an
 * empty segment, a segment of dots, or a {@code ;}, {@code %}, {@code \} or control character,
 * which Tomcat leaves in for {@code %3b} and {@code %2500}) matches no pattern: such requests are
 * authenticated.
 *
 * <p>Immutable and thread-safe.
 */
public final class PathPatterns {

  private static final PathPatterns NONE =
      new PathPatterns(List.of(), List.of(), List.of(), "");
  private static final String VALID_FORMS = "use an exact path (/health), a prefix (/actuator/*)"
      + " or an extension within a prefix (/static/*.css)";

  private final List<String> exact;
  private final List<String> prefixes;
  private final List<ScopedExtension> extensions;
  private final String description;

  private PathPatterns(List<String> exact, List<String> prefixes, List<ScopedExtension> extensions,
      String description) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.extensions = extensions;
    this.description = description;
  }

  /** An extension within a prefix: {@code prefix} ends in '/', {@code extension} starts with '.'. */
  private record ScopedExtension(String prefix, String extension) {}

  /**
   * Returns patterns that match nothing.
   *
   * @return the empty patterns
   */
  public static PathPatterns none() {
    return NONE;
  }

  /**
   * Parses a comma-separated list of patterns.
   *
   * @param commaSeparated for example {@code /health, /actuator/*, /static/*.css}; blank means none
   * @return the patterns
   * @throws IllegalArgumentException naming the bad pattern and what a valid one looks like
   */
  public static PathPatterns parse(String commaSeparated) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<ScopedExtension> extensions = new ArrayList<>();
    for (String raw : commaSeparated.split(",", -1)) {
      String pattern = raw.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      int star = pattern.indexOf('*');
      int lastSlash = pattern.lastIndexOf('/');
      boolean extension = star >= 0 && star == lastSlash + 1 && pattern.startsWith("*.", star)
          && pattern.length() > star + 2 && pattern.indexOf('*', star + 1) < 0;
      if (extension && lastSlash <= 0) {
        String suffix = pattern.substring(star + 1);
        throw new IllegalArgumentException("path pattern '" + pattern + "' would exclude every "
            + suffix + " path, including protected ones such as /api/secret" + suffix
            + "; scope the extension to a directory, e.g. /static/*" + suffix);
      }
      if (!pattern.startsWith("/")) {
        throw invalid(pattern);
      }
      if (star < 0) {
        requireCanonical(pattern, pattern);
        exact.add(pattern);
      } else if (star == pattern.length() - 1 && pattern.endsWith("/*")) {
        String prefix = pattern.substring(0, pattern.length() - 2);
        if (!prefix.isEmpty()) {
          requireCanonical(prefix + "/x", pattern);
        }
        prefixes.add(prefix);
      } else if (extension) {
        String prefix = pattern.substring(0, lastSlash + 1);
        String suffix = pattern.substring(star + 1);
        requireCanonical(prefix + "x" + suffix, pattern);
        extensions.add(new ScopedExtension(prefix, suffix));
      } else {
        throw invalid(pattern);
      }
    }
    if (exact.isEmpty() && prefixes.isEmpty() && extensions.isEmpty()) {
      return NONE;
    }
    return new PathPatterns(
        List.copyOf(exact), List.copyOf(prefixes), List.copyOf(extensions), commaSeparated.strip());
  }

  private static IllegalArgumentException invalid(String pattern) {
    return new IllegalArgumentException(
        "path pattern '" + pattern + "' is not valid; " + VALID_FORMS);
  }

  private static void requireCanonical(String path, String pattern) {
    if (!canonical(path)) {
      throw new IllegalArgumentException("path pattern '" + pattern + "' can never match: the"
          + " container normalises paths, so write it without '//', '.' or '..' segments, ';', '%',"
          + " '\\' and control characters");
    }
  }

  /**
   * Returns whether a path within the application matches any pattern.
   *
   * @param path the decoded, normalised path (servlet path plus path info), starting with '/'
   * @return true only for a canonical path that a pattern matches
   */
  public boolean matches(String path) {
    if (this == NONE || !canonical(path)) {
      return false;
    }
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (prefix.isEmpty() || path.equals(prefix)
          || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    for (ScopedExtension scoped : extensions) {
      if (path.startsWith(scoped.prefix())) {
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (lastSegment.endsWith(scoped.extension())
            && lastSegment.length() > scoped.extension().length()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns whether a decoded path is in the form a container leaves a normalised path: starts with
   * '/', no empty segment (a trailing '/' aside), no segment made of dots only, and none of
   * {@code ; % \} or control characters.
   *
   * @param path the decoded path
   * @return whether it is canonical
   */
  static boolean canonical(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    int segmentStart = 1;
    boolean onlyDots = true;
    for (int i = 1; i <= path.length(); i++) {
      char c = i < path.length() ? path.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        if ((length == 0 && i < path.length()) || (length > 0 && onlyDots)) {
          return false;
        }
        segmentStart = i + 1;
        onlyDots = true;
      } else if (c == ';' || c == '%' || c == '\\' || Character.isISOControl(c)) {
        return false;
      } else if (c != '.') {
        onlyDots = false;
      }
    }
    return true;
  }

  /**
   * Returns the path the container dispatched the request on: servlet path plus path info, both
   * decoded and normalised by the container ({@code /} when both are empty).
   *
   * @param request the request
   * @return the path within the application
   */
  public static String pathWithinApplication(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Returns whether no pattern was given.
   *
   * @return whether these patterns match nothing
   */
  public boolean isEmpty() {
    return this == NONE;
  }

  @Override
  public String toString() {
    return description;
  }
}
