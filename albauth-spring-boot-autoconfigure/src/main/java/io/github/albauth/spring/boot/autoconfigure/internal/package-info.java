/** Implementation of the auto-configuration; no compatibility promise. */
@NullMarked
package io.github.albauth.spring.boot.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
