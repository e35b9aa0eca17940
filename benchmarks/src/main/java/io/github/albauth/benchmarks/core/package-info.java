/** JMH benchmarks of alb-auth-core: ALB token verification against raw ES256 per JCA provider. */
@NullMarked
package io.github.albauth.benchmarks.core;

import org.jspecify.annotations.NullMarked;
