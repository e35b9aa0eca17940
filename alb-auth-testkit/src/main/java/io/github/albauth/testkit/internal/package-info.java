/**
 * Implementation of the test kit: JSON writing, base64url segments, signing, key encodings. No
 * compatibility promise.
 */
@NullMarked
package io.github.albauth.testkit.internal;

import org.jspecify.annotations.NullMarked;
