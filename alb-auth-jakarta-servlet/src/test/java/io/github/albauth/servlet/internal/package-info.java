@NullMarked
package io.github.albauth.servlet.internal;

import org.jspecify.annotations.NullMarked;
