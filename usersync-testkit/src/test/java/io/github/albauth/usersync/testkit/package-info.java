@NullMarked
package io.github.albauth.usersync.testkit;

import org.jspecify.annotations.NullMarked;
