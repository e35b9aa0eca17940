@NullMarked
package io.github.albauth.examples.servlet;

import org.jspecify.annotations.NullMarked;
