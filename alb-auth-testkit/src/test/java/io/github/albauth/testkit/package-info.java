/** Tests of the test kit's public API. */
@NullMarked
package io.github.albauth.testkit;

import org.jspecify.annotations.NullMarked;
