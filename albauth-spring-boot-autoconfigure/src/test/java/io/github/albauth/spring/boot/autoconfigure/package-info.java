@NullMarked
package io.github.albauth.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
