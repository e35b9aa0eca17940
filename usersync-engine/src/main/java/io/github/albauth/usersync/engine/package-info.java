/**
 * The UserSync engine: the {@link io.github.albauth.usersync.engine.SyncEngine} that keeps a host's
 * {@link io.github.albauth.usersync.UserStore} in step with a {@link
 * io.github.albauth.usersync.DirectorySource} (just in time at login, login-time lookup, full and
 * delta directory sync), its scheduler, reports and in-JVM defaults for the lock and the state
 * store.
 */
@NullMarked
package io.github.albauth.usersync.engine;

import org.jspecify.annotations.NullMarked;
