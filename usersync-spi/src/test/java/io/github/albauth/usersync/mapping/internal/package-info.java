/** Tests of the mapping DSL. */
@NullMarked
package io.github.albauth.usersync.mapping.internal;

import org.jspecify.annotations.NullMarked;
