@NullMarked
package io.github.albauth.usersync;

import org.jspecify.annotations.NullMarked;
