package io.github.albauth.usersync.testkit;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Stands in for the HTTP client of the README's connector example. */
interface HrClient {

  /**
   * Fetches one page of users.
   *
   * @param cursor null for the first page
   * @param limit the page size
   */
  UserPage listUsers(@Nullable String cursor, int limit);

  /** One page: user records and the next page's cursor (null on the last page). */
  record UserPage(List<Map<String, Object>> users, @Nullable String next) {}
}
