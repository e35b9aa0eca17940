/** The connector's {@code albauth.onelogin.*} keys and its reading of user records; not part of the API. */
@NullMarked
package io.github.albauth.usersync.connectors.onelogin.internal;

import org.jspecify.annotations.NullMarked;
