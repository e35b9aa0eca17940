/**
 * Two directory sources that need no IdP: {@link io.github.albauth.usersync.source.JitSource} (the
 * claims of a login) and {@link io.github.albauth.usersync.source.FileSource} (a JSON or CSV
 * export, for bootstrapping, migrations and tests).
 */
@NullMarked
package io.github.albauth.usersync.source;

import org.jspecify.annotations.NullMarked;
