/**
 * UserSync: the user/group model, the SPI that a host application implements ({@link
 * io.github.albauth.usersync.UserStore} and its capabilities) and that a connector implements
 * ({@link io.github.albauth.usersync.DirectorySource} and its capabilities), and the {@link
 * io.github.albauth.usersync.SyncEngine} that keeps the store in step with the source (just in
 * time at login, login-time lookup, full and delta directory sync).
 */
@NullMarked
package io.github.albauth.usersync;

import org.jspecify.annotations.NullMarked;
