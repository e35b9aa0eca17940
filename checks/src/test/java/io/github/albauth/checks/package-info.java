@NullMarked
package io.github.albauth.checks;

import org.jspecify.annotations.NullMarked;
