/** Implementation of the servlet filter; no compatibility promise. */
@NullMarked
package io.github.albauth.servlet.internal;

import org.jspecify.annotations.NullMarked;
