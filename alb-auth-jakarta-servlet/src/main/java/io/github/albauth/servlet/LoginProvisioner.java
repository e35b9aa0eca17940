package io.github.albauth.servlet;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.usersync.mapping.MappingResult;

/**
 * Creates or updates the signed-in user in the application's own store at login (just in time, or
 * after a login-time lookup in the IdP's directory), and tells the filter whether the user may
 * proceed. {@link AlbAuthenticationFilter} calls it once per user per
 * {@code albauth.provisioning.cache-ttl}, not on every request.
 *
 * <p>{@link UserSyncProvisioner} adapts the UserSync engine; applications can also implement this
 * directly. Register one with {@link AlbFilterBuilder#provisioner} or, for a filter
 * configured by init-params, as the servlet-context attribute {@link #CONTEXT_ATTRIBUTE}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LoginProvisioner {

  /** The servlet-context attribute where a filter created by the container looks for one. */
  String CONTEXT_ATTRIBUTE = LoginProvisioner.class.getName();

  /**
   * Provisions one user.
   *
   * @param identity the verified ALB token
   * @param mapping the claims mapped to local attributes (never a skipped result)
   * @return the user as the store now has it
   * @throws RuntimeException when the store fails; the filter answers 503 and logs the reason
   */
  ProvisionedUser provision(AlbIdentity identity, MappingResult mapping);
}
