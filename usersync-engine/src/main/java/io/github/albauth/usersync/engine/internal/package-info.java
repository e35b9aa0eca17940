/** Implementation of UserSync; no compatibility promise. */
@NullMarked
package io.github.albauth.usersync.engine.internal;

import org.jspecify.annotations.NullMarked;
