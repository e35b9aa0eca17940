package io.github.albauth.usersync.engine;

/**
 * Receives events of sync runs and login-time provisioning, for audit logs and metrics. All
 * methods default to doing nothing. An exception thrown by a listener is logged and ignored.
 *
 * <p>Implementations must be thread-safe: logins call them from request threads.
 */
public interface SyncListener {

  /**
   * A user was processed (also in a dry run, and at login).
   *
   * @param source the source id
   * @param outcome what happened
   */
  default void userProcessed(String source, UserOutcome outcome) {}

  /**
   * A full or delta run finished (also when it failed or was refused).
   *
   * @param report the run's report
   */
  default void runFinished(SyncReport report) {}
}
