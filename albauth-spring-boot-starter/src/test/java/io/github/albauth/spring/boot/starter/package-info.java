@NullMarked
package io.github.albauth.spring.boot.starter;

import org.jspecify.annotations.NullMarked;
