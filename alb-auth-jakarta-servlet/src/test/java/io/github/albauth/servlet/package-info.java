@NullMarked
package io.github.albauth.servlet;

import org.jspecify.annotations.NullMarked;
