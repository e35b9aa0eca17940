/**
 * The Google Workspace connector: {@link io.github.albauth.usersync.connectors.google.GoogleSource},
 * configured by {@link io.github.albauth.usersync.connectors.google.GoogleConfig}.
 */
@NullMarked
package io.github.albauth.usersync.connectors.google;

import org.jspecify.annotations.NullMarked;
