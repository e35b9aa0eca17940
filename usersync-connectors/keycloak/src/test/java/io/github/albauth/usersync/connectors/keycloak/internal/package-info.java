/** Tests of the Keycloak connector's implementation. */
@NullMarked
package io.github.albauth.usersync.connectors.keycloak.internal;

import org.jspecify.annotations.NullMarked;
