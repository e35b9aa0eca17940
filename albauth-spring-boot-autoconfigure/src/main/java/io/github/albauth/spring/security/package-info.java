/**
 * Spring Security integration: {@link io.github.albauth.spring.security.AlbAuthConfigurer#albAuth()}
 * puts the ALB's signed-in user into a {@code SecurityFilterChain} as an {@link
 * io.github.albauth.spring.security.AlbAuthentication} whose principal is the {@code AlbPrincipal},
 * so that {@code hasRole}, {@code @PreAuthorize} and {@code @AuthenticationPrincipal AlbPrincipal}
 * work, and answers refusals through Spring's entry point and access-denied handler with albauth's
 * statuses.
 */
@NullMarked
package io.github.albauth.spring.security;

import org.jspecify.annotations.NullMarked;
