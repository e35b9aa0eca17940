@NullMarked
package io.github.albauth.examples.springboot;

import org.jspecify.annotations.NullMarked;
