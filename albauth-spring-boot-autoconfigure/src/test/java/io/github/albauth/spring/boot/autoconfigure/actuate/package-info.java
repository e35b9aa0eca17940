@NullMarked
package io.github.albauth.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
