/**
 * The UserSync SPI: the user/group model, what a host application's store implements ({@link
 * io.github.albauth.usersync.UserStore} and its capabilities), what a directory connector
 * implements ({@link io.github.albauth.usersync.DirectorySource} and its capabilities), and the
 * values they exchange. Interfaces and records only: the sync engine lives in the {@code
 * usersync-engine} artifact, the attribute-mapping DSL in {@code usersync-mapping}.
 */
@NullMarked
package io.github.albauth.usersync;

import org.jspecify.annotations.NullMarked;
