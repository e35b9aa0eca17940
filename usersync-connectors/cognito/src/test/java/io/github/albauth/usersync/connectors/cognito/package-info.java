/** Tests of the Cognito connector. */
@NullMarked
package io.github.albauth.usersync.connectors.cognito;

import org.jspecify.annotations.NullMarked;
