/**
 * The Keycloak directory connector: {@link
 * io.github.albauth.usersync.connectors.keycloak.KeycloakSource}, a {@link
 * io.github.albauth.usersync.DirectorySource} that reads a realm's users, groups and memberships
 * through the Admin REST API with a confidential client's service account.
 */
@NullMarked
package io.github.albauth.usersync.connectors.keycloak;

import org.jspecify.annotations.NullMarked;
