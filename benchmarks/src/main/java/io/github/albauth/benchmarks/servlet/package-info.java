/** Requests per second through a real servlet container with and without the albauth filter. */
@NullMarked
package io.github.albauth.benchmarks.servlet;

import org.jspecify.annotations.NullMarked;
