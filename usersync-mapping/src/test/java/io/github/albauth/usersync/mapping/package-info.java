/** Tests of the mapping DSL. */
@NullMarked
package io.github.albauth.usersync.mapping;

import org.jspecify.annotations.NullMarked;
