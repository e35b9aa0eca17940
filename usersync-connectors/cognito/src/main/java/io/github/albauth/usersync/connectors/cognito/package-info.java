/**
 * The Amazon Cognito connector, both ways: {@link
 * io.github.albauth.usersync.connectors.cognito.CognitoSource} reads a user pool for the sync
 * engine, {@link io.github.albauth.usersync.connectors.cognito.CognitoUserStore} provisions users
 * and groups into one; both are configured by {@link
 * io.github.albauth.usersync.connectors.cognito.CognitoConfig}.
 */
@NullMarked
package io.github.albauth.usersync.connectors.cognito;

import org.jspecify.annotations.NullMarked;
