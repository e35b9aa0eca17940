/** Tests of the test kit's internals. */
@NullMarked
package io.github.albauth.testkit.internal;

import org.jspecify.annotations.NullMarked;
