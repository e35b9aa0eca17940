/** Tests of the connector support. */
@NullMarked
package io.github.albauth.usersync.connectors.support;

import org.jspecify.annotations.NullMarked;
