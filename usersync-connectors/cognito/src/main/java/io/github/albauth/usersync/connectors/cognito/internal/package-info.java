/** The Cognito connector's implementation: calls, pacing, records, keys; not part of the API. */
@NullMarked
package io.github.albauth.usersync.connectors.cognito.internal;

import org.jspecify.annotations.NullMarked;
