@NullMarked
package io.github.albauth.usersync.engine.internal;

import org.jspecify.annotations.NullMarked;
