package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.spring.security.AlbAuthentication;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * The application's authentication provider when albauth signs users in: it vouches for {@link
 * AlbAuthentication}s (the filter made them from a verified token) and for nothing else. Being
 * there keeps Spring Boot from creating its in-memory user with a generated password, which a
 * later {@code httpBasic()} or {@code formLogin()} would accept. Stateless and thread-safe.
 */
public final class AlbAuthenticationProvider implements AuthenticationProvider {

  /** For the auto-configuration. */
  public AlbAuthenticationProvider() {}

  @Override
  public @Nullable Authentication authenticate(Authentication authentication) {
    return authentication instanceof AlbAuthentication && authentication.isAuthenticated()
        ? authentication : null;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return AlbAuthentication.class.isAssignableFrom(authentication);
  }
}
