@NullMarked
package io.github.albauth.usersync.source;

import org.jspecify.annotations.NullMarked;
