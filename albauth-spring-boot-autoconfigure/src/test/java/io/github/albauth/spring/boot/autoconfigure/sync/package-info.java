@NullMarked
package io.github.albauth.spring.boot.autoconfigure.sync;

import org.jspecify.annotations.NullMarked;
