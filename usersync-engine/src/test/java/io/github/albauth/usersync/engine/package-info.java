@NullMarked
package io.github.albauth.usersync.engine;

import org.jspecify.annotations.NullMarked;
