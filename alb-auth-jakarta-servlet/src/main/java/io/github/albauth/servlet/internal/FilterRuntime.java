package io.github.albauth.servlet.internal;

import io.github.albauth.servlet.internal.steps.LoginPipeline;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Everything a configured filter holds: the login pipeline, the exclusions, the logout endpoint,
 * the refusal handling, and the resources it built itself and must close. Immutable and
 * thread-safe.
 *
 * @param pipeline the login steps
 * @param excluded the requests served without authentication
 * @param logoutPath the logout path, or null for none
 * @param logout the logout endpoint, or null for none
 * @param refusals logging, counting and answering refusals
 * @param owned what the filter built from configuration and closes on destroy
 */
public record FilterRuntime(LoginPipeline pipeline, ExcludedRequests excluded,
    @Nullable String logoutPath, @Nullable LogoutEndpoint logout, Refusals refusals,
    List<AutoCloseable> owned) {

  /**
   * Checks the parts.
   *
   * @param pipeline the login steps
   * @param excluded the requests served without authentication
   * @param logoutPath the logout path, or null for none
   * @param logout the logout endpoint, or null for none
   * @param refusals logging, counting and answering refusals
   * @param owned what the filter closes on destroy
   */
  public FilterRuntime {
    owned = List.copyOf(owned);
  }

  /**
   * Closes what the filter built (verifiers: their HTTP clients and threads).
   *
   * @param log where a failure to close is reported
   */
  public void close(Logger log) {
    closeAll(owned, log);
  }

  /**
   * Closes resources, each even when another fails.
   *
   * @param resources what to close
   * @param log where a failure to close is reported
   */
  public static void closeAll(List<AutoCloseable> resources, Logger log) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("albauth could not close {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
