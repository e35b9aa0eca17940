/**
 * The README's test kit example, compiled and run here because this is the one module that sees
 * both alb-auth-core and alb-auth-testkit without a dependency cycle.
 */
@NullMarked
package io.github.albauth.benchmarks.readme;

import org.jspecify.annotations.NullMarked;
