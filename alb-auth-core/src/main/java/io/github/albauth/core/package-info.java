/**
 * Verifies the {@code x-amzn-oidc-data} token an AWS Application Load Balancer forwards after it
 * authenticated a user, and (optionally) the IdP access token in {@code x-amzn-oidc-accesstoken}.
 *
 * <p>Entry points: {@link io.github.albauth.core.AlbTokenVerifier} (build once, share across
 * threads), {@link io.github.albauth.core.AlbIdentity} (what a verified token says),
 * {@link io.github.albauth.core.AlbTokenException} (every rejection, with a machine-readable
 * {@link io.github.albauth.core.AlbTokenException.Reason}), {@link
 * io.github.albauth.core.AlbPublicKeySource} (where the ALB's public keys come from), {@link
 * io.github.albauth.core.AlbAuthProperties} (the {@code albauth.*} configuration keys), {@link
 * io.github.albauth.core.IdpPreset} and {@link io.github.albauth.core.AccessTokenVerifier}.
 *
 * <p><strong>Deployment warning:</strong> the ALB's signature proves the token came from your
 * load balancer, but only if clients cannot reach the application without passing through it.
 * Anyone who can send requests to the application directly can replay a token they once saw
 * until it expires; restrict the application's security group to the load balancer.
 */
@NullMarked
package io.github.albauth.core;

import org.jspecify.annotations.NullMarked;
