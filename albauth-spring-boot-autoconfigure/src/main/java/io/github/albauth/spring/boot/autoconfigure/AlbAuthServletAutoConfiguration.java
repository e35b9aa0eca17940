package io.github.albauth.spring.boot.autoconfigure;

import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbFailureHandler;
import io.github.albauth.servlet.AlbFilterBuilder;
import io.github.albauth.servlet.AlbFilterProperties;
import io.github.albauth.servlet.AlbLogout;
import io.github.albauth.settings.Precedence;
import io.github.albauth.spring.boot.autoconfigure.internal.AlbAuthenticationProvider;
import io.github.albauth.spring.boot.autoconfigure.internal.AlbSecuritySupport;
import io.github.albauth.spring.boot.autoconfigure.internal.AuthenticationArguments;
import io.github.albauth.spring.boot.autoconfigure.internal.Keys;
import io.github.albauth.spring.boot.autoconfigure.internal.SpringSettings;
import io.github.albauth.spring.security.AlbAuthConfigurer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * albauth's filter in a servlet web application. Without Spring Security, the filter is a servlet
 * filter ({@code albauth.filter.order}, {@code .url-patterns}, {@code .dispatcher-types}). With
 * Spring Security, it runs inside the {@code SecurityFilterChain}s that apply {@link
 * AlbAuthConfigurer#albAuth()} and nowhere else; when the application defines no chain, albauth's
 * default chain authenticates every request but {@code albauth.exclude-paths}. Either way a missing
 * {@code albauth.expected-signers} (or any other misconfiguration) fails startup: the application
 * never runs unprotected by accident.
 */
@AutoConfiguration(after = AlbAuthAutoConfiguration.class,
    before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(AlbAuthenticationFilter.class)
public class AlbAuthServletAutoConfiguration {

  private static final String SECURITY_FILTER_CHAIN =
      "org.springframework.security.web.SecurityFilterChain";

  /** For Spring. */
  public AlbAuthServletAutoConfiguration() {}

  private static AlbFilterBuilder builder(Map<String, String> settings,
      ObjectProvider<AlbFilterBuilderCustomizer> customizers) {
    AlbFilterBuilder builder = AlbAuthenticationFilter.builder().configure(settings);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  /** Without Spring Security: a servlet filter. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(SECURITY_FILTER_CHAIN)
  static class ServletFilterConfiguration {

    /**
     * The filter; the servlet container initialises and destroys it.
     *
     * @param settings the settings
     * @param customizers the application's additions
     * @return the filter
     */
    @Bean
    AlbAuthenticationFilter albAuthenticationFilter(AlbAuthSettings settings,
        ObjectProvider<AlbFilterBuilderCustomizer> customizers) {
      return builder(settings.asMap(), customizers).build();
    }

    /**
     * Its registration.
     *
     * @param filter the filter
     * @param settings the settings
     * @return the registration
     */
    @Bean
    FilterRegistrationBean<AlbAuthenticationFilter> albAuthenticationFilterRegistration(
        AlbAuthenticationFilter filter, AlbAuthSettings settings) {
      FilterRegistrationBean<AlbAuthenticationFilter> registration =
          new FilterRegistrationBean<>(filter);
      registration.setName("albauth");
      registration.setOrder(settings.get(SpringSettings.FILTER_ORDER)
          .orElse(SpringSettings.DEFAULT_FILTER_ORDER));
      registration.setUrlPatterns(settings.get(SpringSettings.FILTER_URL_PATTERNS)
          .orElse(List.of("/*")));
      registration.setDispatcherTypes(dispatcherTypes(settings.get(
          SpringSettings.FILTER_DISPATCHER_TYPES).orElse(List.of("REQUEST", "ASYNC", "ERROR"))));
      return registration;
    }

    private static EnumSet<DispatcherType> dispatcherTypes(List<String> names) {
      EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
      for (String name : names) {
        try {
          types.add(DispatcherType.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(SpringSettings.FILTER_DISPATCHER_TYPES.name() + ": \""
              + name + "\" is not one of " + Set.of(DispatcherType.values()), e);
        }
      }
      return types;
    }
  }

  /** With Spring Security: inside the chains that apply {@code albAuth()}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = SECURITY_FILTER_CHAIN)
  static class SecurityConfiguration {

    /**
     * The filter, leaving refusals, logout and JSON bodies to Spring Security's chain. Kept out of
     * the servlet container ({@link #albAuthenticationFilterRegistration}), so it is destroyed
     * with the application context.
     *
     * @param settings the settings
     * @param customizers the application's additions
     * @return the filter
     */
    @Bean(destroyMethod = "destroy")
    AlbAuthenticationFilter albAuthenticationFilter(AlbAuthSettings settings,
        ObjectProvider<AlbFilterBuilderCustomizer> customizers) {
      Map<String, String> filterSettings = new LinkedHashMap<>(settings.asMap());
      filterSettings.remove(AlbFilterProperties.LOGOUT_PATH);
      filterSettings.remove(AlbFilterProperties.JSON_ERROR_PATHS);
      return builder(filterSettings, customizers)
          .failureHandler(AlbSecuritySupport.deferredFailures())
          .build();
    }

    /**
     * Keeps the filter bean out of the servlet container's filters: it runs in the security chain.
     *
     * @param filter the filter
     * @return a registration that is not enabled
     */
    @Bean
    FilterRegistrationBean<AlbAuthenticationFilter> albAuthenticationFilterRegistration(
        AlbAuthenticationFilter filter) {
      FilterRegistrationBean<AlbAuthenticationFilter> registration =
          new FilterRegistrationBean<>(filter);
      registration.setEnabled(false);
      return registration;
    }

    /**
     * What {@code albAuth()} uses.
     *
     * @param filter the filter
     * @param settings the settings
     * @param authorityDefaults the application's role prefix, if it set one
     * @return the support
     */
    @Bean
    AlbSecuritySupport albSecuritySupport(AlbAuthenticationFilter filter, AlbAuthSettings settings,
        ObjectProvider<GrantedAuthorityDefaults> authorityDefaults) {
      GrantedAuthorityDefaults defaults = authorityDefaults.getIfUnique();
      String rolePrefix = Precedence.resolve("role prefix",
          defaults == null ? null : defaults.getRolePrefix(), SpringSettings.ROLE_PREFIX,
          settings.settings());
      String logoutPath = Keys.text(settings.settings(), AlbFilterProperties.LOGOUT_PATH)
          .orElse(null);
      return new AlbSecuritySupport(filter,
          AlbFailureHandler.standard(Keys.list(settings.settings(),
              AlbFilterProperties.JSON_ERROR_PATHS).toArray(String[]::new)),
          Keys.list(settings.settings(), AlbFilterProperties.EXCLUDE_PATHS),
          logoutPath, logoutPath == null ? null : AlbLogout.fromSettings(settings.asMap()),
          rolePrefix != null ? rolePrefix : "ROLE_");
    }

    /**
     * Vouches for albauth's authentications only, so that Spring Boot creates no in-memory user
     * with a generated password.
     *
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean({AuthenticationManager.class, AuthenticationProvider.class,
        UserDetailsService.class})
    AlbAuthenticationProvider albAuthenticationProvider() {
      return new AlbAuthenticationProvider();
    }

    /**
     * The chain when the application defines none: every request authenticated by albauth but
     * {@code albauth.exclude-paths} and error dispatches, no session, logout at {@code
     * albauth.logout.path} if set.
     *
     * @param http Spring Security's builder
     * @param support what {@code albAuth()} uses
     * @return the chain
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain albAuthSecurityFilterChain(HttpSecurity http, AlbSecuritySupport support)
        throws Exception {
      http.with(AlbAuthConfigurer.albAuth(), Customizer.withDefaults())
          .authorizeHttpRequests(rules -> rules
              .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
              .anyRequest().authenticated())
          .sessionManagement(session -> session
              .sessionCreationPolicy(SessionCreationPolicy.STATELESS));
      if (support.logoutPath() == null) {
        http.logout(logout -> logout.disable());
      }
      return http.build();
    }

    /**
     * Resolves {@code Authentication} controller parameters from the security context, since the
     * request's principal is the {@code AlbPrincipal}.
     *
     * @return the post-processor of Spring MVC's handler adapter
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter")
    static AuthenticationArguments albAuthAuthenticationArguments() {
      return new AuthenticationArguments();
    }

    /**
     * Fails startup when no chain applies {@code albAuth()}: with Spring Security present, albauth
     * signs users in only there, so an application chain without it would run unauthenticated.
     *
     * @param support what {@code albAuth()} uses
     * @param context the application context
     * @return the check
     */
    @Bean
    SmartInitializingSingleton albAuthAppliedCheck(AlbSecuritySupport support,
        ApplicationContext context) {
      return () -> {
        Map<String, SecurityFilterChain> chains = context.getBeansOfType(SecurityFilterChain.class);
        if (!support.isApplied()) {
          throw new IllegalStateException("albauth: Spring Security is on the class path, but none"
              + " of the SecurityFilterChains " + chains.keySet() + " applies albAuth(), so no"
              + " request would be signed in by the ALB; add http.with(AlbAuthConfigurer.albAuth(),"
              + " withDefaults()) to your chain, or remove it to get albauth's default chain");
        }
      };
    }
  }
}
