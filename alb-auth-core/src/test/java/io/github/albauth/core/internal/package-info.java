/** Tests of alb-auth-core internals. */
@NullMarked
package io.github.albauth.core.internal;

import org.jspecify.annotations.NullMarked;
