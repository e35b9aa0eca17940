/** The declarations of the connector's {@code albauth.entra.*} keys; not part of the API. */
@NullMarked
package io.github.albauth.usersync.connectors.entra.internal;

import org.jspecify.annotations.NullMarked;
