/**
 * The connector's {@code albauth.google.*} keys, the service-account key file and Google's error
 * advice; not part of the API.
 */
@NullMarked
package io.github.albauth.usersync.connectors.google.internal;

import org.jspecify.annotations.NullMarked;
