/** Tests of the Google Workspace connector. */
@NullMarked
package io.github.albauth.usersync.connectors.google;

import org.jspecify.annotations.NullMarked;
