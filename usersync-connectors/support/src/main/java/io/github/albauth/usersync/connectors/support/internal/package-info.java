/** Implementation of the connector support; no compatibility promise. */
@NullMarked
package io.github.albauth.usersync.connectors.support.internal;

import org.jspecify.annotations.NullMarked;
