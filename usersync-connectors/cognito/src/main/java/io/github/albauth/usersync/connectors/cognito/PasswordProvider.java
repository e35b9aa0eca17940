package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the first password of each user {@link CognitoUserStore} creates, from the host's
 * password policy or generator. Without one (or when it returns null) Cognito generates a
 * temporary password, which the invitation delivers ({@code albauth.cognito.invitation}); with the
 * invitation suppressed the user gets in through the pool's forgot-password flow or an
 * administrator's reset.
 *
 * <pre>{@code
 * CognitoUserStore store = CognitoUserStore.create(config,
 *     user -> InitialPassword.temporary(passwordGenerator.next()));
 * }</pre>
 *
 * <p>Implementations must be thread-safe: the engine creates users from several threads.
 */
@FunctionalInterface
public interface PasswordProvider {

  /** No password from the host: Cognito generates a temporary one. */
  PasswordProvider NONE = user -> null;

  /**
   * Chooses a new user's password.
   *
   * @param user the user about to be created
   * @return the password, or null to let Cognito generate a temporary one
   */
  @Nullable InitialPassword initialPassword(StoredUser user);
}
