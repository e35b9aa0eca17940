package io.github.albauth.spring.security;

import io.github.albauth.servlet.AlbPrincipal;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * The Spring Security {@code Authentication} of a request the ALB signed in: the principal is the
 * {@link AlbPrincipal} (username, subject, groups, roles, mapped attributes, the verified token),
 * the authorities come from its roles ({@link AlbAuthConfigurer#authorities}). There are no
 * credentials: the token is verified on every request and never kept.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  /** The signed-in user. */
  private final AlbPrincipal principal;

  /**
   * An authenticated token; the integration makes it, applications need it only in tests.
   *
   * @param principal the user the filter signed in
   * @param authorities the user's authorities
   */
  public AlbAuthentication(AlbPrincipal principal,
      Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.principal = Objects.requireNonNull(principal, "principal");
    super.setAuthenticated(true);
  }

  @Override
  public AlbPrincipal getPrincipal() {
    return principal;
  }

  /** {@return null: the ALB token is verified on each request and not kept} */
  @Override
  public @Nullable Object getCredentials() {
    return null;
  }

  /**
   * Refuses to mark the token authenticated: only the constructor does.
   *
   * @param authenticated must be false
   */
  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("an AlbAuthentication is authenticated by its constructor only");
    }
    super.setAuthenticated(false);
  }
}
