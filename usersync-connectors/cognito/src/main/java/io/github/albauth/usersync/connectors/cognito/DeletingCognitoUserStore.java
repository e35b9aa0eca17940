package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.connectors.cognito.internal.Operation;

/**
 * The store when the configuration lets the engine delete users ({@code
 * albauth.cognito.delete-users}): {@code AdminDeleteUser}, which also ends the memberships.
 * Thread-safe.
 */
final class DeletingCognitoUserStore extends CognitoUserStore implements UserDeletion {

  DeletingCognitoUserStore(CognitoConfig config, PasswordProvider passwords) {
    super(config, passwords);
  }

  @Override
  public void delete(String username) {
    resolve(username).ifPresent(account -> calls.call(Operation.AdminDeleteUser, () -> calls
        .client().adminDeleteUser(r -> r.userPoolId(calls.userPoolId())
            .username(account.cognitoUsername()))));
  }
}
