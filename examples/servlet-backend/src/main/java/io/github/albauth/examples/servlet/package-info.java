/** A runnable servlet backend behind an ALB, protected by the albauth filter. */
@NullMarked
package io.github.albauth.examples.servlet;

import org.jspecify.annotations.NullMarked;
