/** The declarations of the connector's {@code albauth.okta.*} keys; not part of the API. */
@NullMarked
package io.github.albauth.usersync.connectors.okta.internal;

import org.jspecify.annotations.NullMarked;
