/** Tests of the public verifier API, against tokens minted by alb-auth-testkit. */
@NullMarked
package io.github.albauth.core;

import org.jspecify.annotations.NullMarked;
