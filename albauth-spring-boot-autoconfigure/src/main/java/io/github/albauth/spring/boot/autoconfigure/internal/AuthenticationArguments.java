package io.github.albauth.spring.boot.autoconfigure.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Resolves Spring MVC handler parameters of type {@code Authentication} from the security context.
 * With albauth, {@code request.getUserPrincipal()} is the {@code AlbPrincipal} (a {@code Principal}
 * parameter gets it), so Spring MVC's own resolver, which takes an {@code Authentication}
 * parameter from the request's principal, would fail; this resolver goes before it. Stateless and
 * thread-safe.
 */
public final class AuthenticationArguments implements BeanPostProcessor {

  /** For the auto-configuration. */
  public AuthenticationArguments() {}

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof RequestMappingHandlerAdapter adapter) {
      List<HandlerMethodArgumentResolver> resolvers = adapter.getArgumentResolvers();
      if (resolvers != null) {
        List<HandlerMethodArgumentResolver> first = new ArrayList<>(resolvers.size() + 1);
        first.add(new Resolver());
        first.addAll(resolvers);
        adapter.setArgumentResolvers(first);
      }
    }
    return bean;
  }

  /** The resolver of unannotated {@code Authentication} parameters. */
  private static final class Resolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return Authentication.class.isAssignableFrom(parameter.getParameterType())
          && !parameter.hasParameterAnnotations();
    }

    @Override
    public @Nullable Object resolveArgument(MethodParameter parameter,
        @Nullable ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
        @Nullable WebDataBinderFactory binderFactory) {
      Authentication authentication =
          SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
      if (authentication != null && !parameter.getParameterType().isInstance(authentication)) {
        throw new IllegalStateException("the current authentication is not of type "
            + parameter.getParameterType().getName() + ": " + authentication.getClass().getName());
      }
      return authentication;
    }
  }
}
