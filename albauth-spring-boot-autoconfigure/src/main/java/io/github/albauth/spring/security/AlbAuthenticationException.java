package io.github.albauth.spring.security;

import io.github.albauth.servlet.AlbAuthFailure;
import java.util.Objects;
import org.springframework.security.core.AuthenticationException;

/**
 * albauth refused a request (401, 403 or 503 by {@link #failure()}): thrown into Spring Security's
 * {@code ExceptionTranslationFilter}, so that the chain's {@code AuthenticationEntryPoint} answers
 * it ({@link AlbAuthenticationEntryPoint} unless the application configured its own). The filter
 * has already logged and counted the refusal.
 */
public final class AlbAuthenticationException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  private final AlbAuthFailure failure;

  /**
   * The exception for a refusal.
   *
   * @param failure why albauth refused the request
   */
  public AlbAuthenticationException(AlbAuthFailure failure) {
    super("albauth refused the request: " + failure);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** {@return why albauth refused the request; its status is the answer's} */
  public AlbAuthFailure failure() {
    return failure;
  }
}
