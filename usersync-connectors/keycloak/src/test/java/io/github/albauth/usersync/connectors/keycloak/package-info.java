/** Tests of the Keycloak connector, and the real Keycloak server they run against. */
@NullMarked
package io.github.albauth.usersync.connectors.keycloak;

import org.jspecify.annotations.NullMarked;
