/** A reference {@link io.github.albauth.usersync.UserStore} kept in memory, for tests and prototypes. */
@NullMarked
package io.github.albauth.usersync.store;

import org.jspecify.annotations.NullMarked;
