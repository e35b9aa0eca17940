package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import java.util.List;

/**
 * The declarations of the Spring Boot integration's own {@code albauth.*} keys. Spring-free, so
 * that the registry can load it wherever the jar is. Stateless and thread-safe.
 */
public final class SpringSettings implements SettingsProvider {

  /**
   * The filter's default order: after Spring Boot's character-encoding, observation and
   * form-content filters, so that they see (and measure) refusals, and before its {@code
   * RequestContextFilter} (-105) and Spring Security's chain (-100), so that both see the user.
   */
  public static final int DEFAULT_FILTER_ORDER = -110;

  /** {@code albauth.filter.order}. */
  public static final Setting<Integer> FILTER_ORDER = Setting.integer("albauth.filter.order",
      Integer.MIN_VALUE, Integer.MAX_VALUE, String.valueOf(DEFAULT_FILTER_ORDER),
      "Spring Boot without Spring Security: the filter's order among the servlet filters");
  /** {@code albauth.filter.url-patterns}. */
  public static final Setting<List<String>> FILTER_URL_PATTERNS = Setting.list(
      "albauth.filter.url-patterns", "/*",
      "Spring Boot without Spring Security: the URL patterns the filter is mapped to");
  /** {@code albauth.filter.dispatcher-types}. */
  public static final Setting<List<String>> FILTER_DISPATCHER_TYPES = Setting.list(
      "albauth.filter.dispatcher-types", "REQUEST, ASYNC, ERROR",
      "Spring Boot without Spring Security: the dispatcher types the filter runs on (REQUEST,"
          + " ASYNC, ERROR, FORWARD, INCLUDE)");
  /** {@code albauth.security.role-prefix}. */
  public static final Setting<String> ROLE_PREFIX = Setting.text("albauth.security.role-prefix",
      "ROLE_", "Spring Security: the prefix of the authority made of each role, for `hasRole`");

  private static final List<Setting<?>> ALL = List.of(FILTER_ORDER, FILTER_URL_PATTERNS,
      FILTER_DISPATCHER_TYPES, ROLE_PREFIX);

  /** For {@link java.util.ServiceLoader}. */
  public SpringSettings() {}

  @Override
  public String module() {
    return "albauth-spring-boot-autoconfigure";
  }

  @Override
  public List<Setting<?>> settings() {
    return ALL;
  }
}
