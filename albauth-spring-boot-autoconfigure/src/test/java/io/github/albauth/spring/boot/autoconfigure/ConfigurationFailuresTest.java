package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbTestEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What fails startup, with which message: the registry's for keys and values, the filter's for a
 * missing signer, albauth's own when Spring Security would run without it.
 */
class ConfigurationFailuresTest {

  private static final AlbFixture ALB = AlbFixture.start();

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
          AlbAuthServletAutoConfiguration.class, SecurityAutoConfiguration.class,
          UserDetailsServiceAutoConfiguration.class));

  @AfterAll
  static void stop() {
    ALB.close();
  }

  private static String[] valid(String... more) {
    List<String> properties = new ArrayList<>();
    AlbTestEnvironment.of(ALB.minter, ALB.keys).properties()
        .forEach((key, value) -> properties.add(key + "=" + value));
    properties.addAll(List.of(more));
    return properties.toArray(String[]::new);
  }

  @Test
  void anUnknownKeyFailsStartupWithTheNearestKey() {
    runner.withPropertyValues(valid("albauth.required-group=staff")).run(context ->
        assertThat(causes(context.getStartupFailure())).anyMatch(m -> m.startsWith(
            "unknown key albauth.required-group; did you mean albauth.required-groups?")));
  }

  @Test
  void aBadValueFailsStartupWithTheRegistrysMessage() {
    runner.withPropertyValues(valid("albauth.clock-skew=10 minutes")).run(context ->
        assertThat(causes(context.getStartupFailure())).anyMatch(m -> m.startsWith(
            "albauth.clock-skew: \"10 minutes\" is not a duration")));
  }

  @Test
  void aMissingExpectedSignerFailsStartup() {
    runner.run(context -> assertThat(causes(context.getStartupFailure()))
        .anyMatch(m -> m.contains("set albauth.expected-signers")));
  }

  @Test
  void aChainWithoutAlbAuthFailsStartup() {
    runner.withPropertyValues(valid()).withUserConfiguration(ChainWithoutAlbAuth.class)
        .run(context -> assertThat(causes(context.getStartupFailure())).anyMatch(m -> m.startsWith(
            "albauth: Spring Security is on the class path, but none of the SecurityFilterChains"
                + " [plain] applies albAuth()")));
  }

  @Test
  void theRolePrefixIsGivenOnceOrTheSameTwice() {
    runner.withPropertyValues(valid("albauth.security.role-prefix=GROUP_"))
        .withUserConfiguration(RolePrefix.class)
        .run(context -> assertThat(causes(context.getStartupFailure())).contains(
            "role prefix is set twice, in code to ROLE_ and by albauth.security.role-prefix to"
                + " GROUP_; remove one of them"));
    runner.withPropertyValues(valid()).withUserConfiguration(RolePrefix.class)
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theFilterIsNotAServletFilterWhenSpringSecurityIsThere() {
    runner.withPropertyValues(valid()).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean("albAuthenticationFilterRegistration",
          org.springframework.boot.web.servlet.FilterRegistrationBean.class).isEnabled()).isFalse();
    });
  }

  /** The messages of a failure and its causes, outermost first. */
  private static List<String> causes(@Nullable Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    assertThat(messages).as("startup failed").isNotEmpty();
    return messages;
  }

  @Configuration(proxyBeanMethods = false)
  static class ChainWithoutAlbAuth {
    @Bean
    SecurityFilterChain plain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class RolePrefix {
    @Bean
    GrantedAuthorityDefaults grantedAuthorityDefaults() {
      return new GrantedAuthorityDefaults("ROLE_");
    }
  }
}
