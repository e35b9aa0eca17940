package io.github.albauth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The headers an ALB sends exactly once ({@code x-amzn-oidc-data}, {@code -identity},
 * {@code -accesstoken}, and the configured token and identity header names). A request that
 * carries one of them twice did not come from the ALB as it is (a client added a copy that the ALB
 * passed on, or a proxy in between), and {@code getHeader} would silently pick one copy: such a
 * request is refused before any of them is read.
 *
 * <p>Counted with {@code getHeaders(name)}, one element per header line. Jetty 12 and Tomcat 10.1
 * both return each line as it came and never split a line at commas; a proxy that folds repeated
 * lines into one comma-joined value makes a single value that does not verify (a token contains no
 * comma, an identity is compared whole).
 *
 * <p>Immutable and thread-safe.
 */
public final class SingleValuedHeaders {

  private final List<String> names;

  /**
   * Creates the check.
   *
   * @param headerNames the header names to check; case does not matter, duplicates are dropped
   */
  public SingleValuedHeaders(Collection<String> headerNames) {
    Set<String> unique = new LinkedHashSet<>();
    for (String name : headerNames) {
      unique.add(name.toLowerCase(Locale.ROOT));
    }
    this.names = List.copyOf(unique);
  }

  /**
   * Returns the first checked header the request carries more than once.
   *
   * @param request the request
   * @return the header name as configured (lower case), or null when each is there at most once
   */
  public @Nullable String firstRepeated(HttpServletRequest request) {
    for (String name : names) {
      Enumeration<String> values = request.getHeaders(name);
      if (values != null && values.hasMoreElements()) {
        values.nextElement();
        if (values.hasMoreElements()) {
          return name;
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
