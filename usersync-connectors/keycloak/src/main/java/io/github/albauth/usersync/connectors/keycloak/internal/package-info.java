/**
 * Implementation of the Keycloak connector: offset paging that survives items shifting between
 * pages, and the Admin REST API calls. No compatibility promise.
 */
@NullMarked
package io.github.albauth.usersync.connectors.keycloak.internal;

import org.jspecify.annotations.NullMarked;
