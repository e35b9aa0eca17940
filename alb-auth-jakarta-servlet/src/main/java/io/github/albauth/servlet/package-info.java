/**
 * A Jakarta Servlet 6 filter that turns the identity an AWS Application Load Balancer forwards into
 * the request's principal: verify the token, map its claims, optionally provision the user, then
 * call the rest of the chain as that user.
 *
 * <p><b>Security:</b> the filter trusts a request only because it carries a token signed by your ALB.
 * Anyone who can reach the application without passing through the ALB can still not forge such a
 * token, but can replay one they captured until it expires. Keep the targets reachable from the ALB
 * only (security groups), as AWS recommends.
 */
@NullMarked
package io.github.albauth.servlet;

import org.jspecify.annotations.NullMarked;
