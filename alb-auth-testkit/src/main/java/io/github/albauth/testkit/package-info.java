/**
 * The albauth test kit: mint tokens exactly as an AWS Application Load Balancer does
 * ({@link io.github.albauth.testkit.AlbTokenMinter}), serve the ALB's public keys on loopback with
 * controllable faults ({@link io.github.albauth.testkit.AlbKeyServer}), mint IdP access tokens
 * ({@link io.github.albauth.testkit.IdpTokenMinter}), and hand all of it to JUnit 5 tests
 * ({@link io.github.albauth.testkit.AlbTestExtension}). For tests only: never a runtime dependency.
 */
@NullMarked
package io.github.albauth.testkit;

import org.jspecify.annotations.NullMarked;
