/** Implementation of alb-auth-core; no compatibility promise. */
@NullMarked
package io.github.albauth.core.internal;

import org.jspecify.annotations.NullMarked;
