package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.mapping.MappingResult;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Misconfiguration fails {@code init} with a message that says what to fix. */
@ExtendWith(AlbTestExtension.class)
class FilterConfigurationTest {

  private final AlbTestEnvironment env;
  private final AlbTokenMinter minter;

  FilterConfigurationTest(AlbTestEnvironment env, AlbTokenMinter minter) {
    this.env = env;
    this.minter = minter;
  }

  private static FilterConfig config(Map<String, String> initParams) {
    ServletContext context = (ServletContext) Proxy.newProxyInstance(
        FilterConfigurationTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
        (proxy, method, args) -> null);
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "albauth";
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public String getInitParameter(String name) {
        return initParams.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
      }
    };
  }

  private Map<String, String> valid() {
    return new LinkedHashMap<>(env.properties());
  }

  private static String initFailure(Map<String, String> params) {
    ServletException e = org.junit.jupiter.api.Assertions.assertThrows(ServletException.class,
        () -> new AlbAuthenticationFilter().init(config(params)));
    return e.getMessage();
  }

  @Test
  void validInitParamsStart() throws ServletException {
    new AlbAuthenticationFilter().init(config(valid()));
  }

  @Test
  void noExpectedSignerFailsInit() {
    Map<String, String> params = valid();
    params.remove("albauth.expected-signers");
    assertThat(initFailure(params))
        .startsWith("albauth filter 'albauth' is misconfigured: no expected signer:"
            + " set albauth.expected-signers");
  }

  @Test
  void badMappingExpressionNamesTheAttributeAndPosition() {
    Map<String, String> params = valid();
    params.put("albauth.mapping.username", "lowr(email)");
    assertThat(initFailure(params))
        .startsWith("albauth filter 'albauth' is misconfigured: ")
        .contains("username", "lowr", "lower");
  }

  @Test
  void badPublicKeyUrlTemplateFailsInit() {
    Map<String, String> params = valid();
    params.put("albauth.public-key-url", "http://keys.example.com/{kid}");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured: public"
        + " key url \"http://keys.example.com/{kid}\" must use https (plain http is allowed only"
        + " to a loopback host)");
  }

  @Test
  void filterKeysSayWhichKeyIsWrong() {
    Map<String, String> params = valid();
    params.put("albauth.exclude-paths", "/health, actuator");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.exclude-paths: path pattern 'actuator' is not valid; use an exact path"
        + " (/health), a prefix (/actuator/*) or an extension within a prefix (/static/*.css)");

    params = valid();
    params.put("albauth.exclude-paths", "/health, *.css");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.exclude-paths: path pattern '*.css' would exclude every .css path, including"
        + " protected ones such as /api/secret.css; scope the extension to a directory, e.g."
        + " /static/*.css");

    params = valid();
    params.put("albauth.role-mapping", "Admins=admin, Staff");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.role-mapping: \"Staff\" is not key=value; write e.g. \"Admins=admin, Staff=user\"");

    params = valid();
    params.put("albauth.provisioning.cache-ttl", "5 minutes");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.provisioning.cache-ttl: \"5 minutes\" is not a duration; give ISO-8601 (PT10S,"
        + " PT2M) or a number with ms, s, m, h or d (10s, 500ms)");

    params = valid();
    params.put("albauth.failure-log.per-minute", "-3");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.failure-log.per-minute: -3 is out of range; give 0 to 100000");

    params = valid();
    params.put("albauth.access-token.groups", "yes");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.access-token.groups: \"yes\" is not true or false");

    params = valid();
    params.put("albauth.logout.path", "logout");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.logout.path: \"logout\" must be a path starting with '/', e.g. /logout");

    // reproduced: albauth.required-group=Admins (singular) let a user outside Admins through
    params = valid();
    params.put("albauth.required-group", "Admins");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " unknown key albauth.required-group; did you mean albauth.required-groups?");

    params = valid();
    params.put("albauth.required-groups", "");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.required-groups: the value is empty; remove the key or give comma-separated list");
  }

  @Test
  void logoutPresetMissingInputsFailInit() {
    Map<String, String> params = valid();
    params.put("albauth.idp", "cognito");
    params.put("albauth.logout.path", "/logout");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " logout for idp 'cognito' needs a Cognito domain (albauth.logout.cognito-domain),"
        + " or set an explicit logout URL template (albauth.logout.url)");
  }

  @Test
  void accessTokenGroupsNeedAnIssuer() {
    Map<String, String> params = valid();
    params.remove("albauth.expected-issuers");
    params.put("albauth.access-token.groups", "true");
    assertThat(initFailure(params)).isEqualTo("albauth filter 'albauth' is misconfigured:"
        + " albauth.access-token.groups needs the access token's issuer: set"
        + " albauth.access-token.issuer (or exactly one albauth.expected-issuers)");
  }

  @Test
  void environmentAndSystemPropertiesAreCollectedWithSystemPropertiesWinning() {
    Properties system = new Properties();
    system.setProperty("albauth.exclude-paths", "/from-system");
    system.setProperty("unrelated", "x");
    Map<String, String> collected = AlbFilterProperties.collect(Map.of(
        "ALBAUTH_EXPECTED_SIGNERS", "arn:from-env",
        "ALBAUTH_EXCLUDE_PATHS", "/from-env",
        "ALBAUTH_LOGOUT_PATH", "/bye",
        "ALBAUTH_MAPPING_DISPLAY_NAME", "name",
        "ALBAUTH_MAPPING_USERNAME", "email",
        "PATH", "/usr/bin"), system);
    assertThat(collected)
        .containsEntry("albauth.expected-signers", "arn:from-env")
        .containsEntry("albauth.exclude-paths", "/from-system")
        .containsEntry("albauth.logout.path", "/bye")
        .containsEntry("albauth.mapping.displayName", "name")
        .containsEntry("albauth.mapping.username", "email")
        .doesNotContainKeys("unrelated", "PATH");
    assertThatThrownBy(() -> AlbFilterProperties.collect(Map.of("ALBAUTH_REQUIRED_GROUP", "Admins"),
        system))
        .hasMessage("unknown environment variable ALBAUTH_REQUIRED_GROUP; did you mean"
            + " ALBAUTH_REQUIRED_GROUPS (albauth.required-groups)?");
    assertThatThrownBy(() -> AlbFilterProperties.collect(Map.of("ALBAUTH_MAPPING_", "x"), system))
        .hasMessageStartingWith("unknown environment variable ALBAUTH_MAPPING_;");
  }

  @Test
  void aContainerCreatedFilterReadsInitParamsOverSystemProperties() throws Exception {
    // the environment cannot be set in-process; that it loses to system properties is covered above
    System.setProperty("albauth.token-header", "x-from-system");
    System.setProperty("albauth.exclude-paths", "/from-system");
    try {
      Map<String, String> params = valid();
      params.put("albauth.token-header", "x-from-init");
      AlbAuthenticationFilter filter = new AlbAuthenticationFilter();
      filter.init(config(params));
      String jwt = minter.mint("sub-1", Map.of());

      assertThat(reachesTheApplication(filter, "/whoami", Map.of("x-from-init", jwt)))
          .as("the init-param's header").isTrue();
      assertThat(reachesTheApplication(filter, "/whoami", Map.of("x-from-system", jwt)))
          .as("the system property's header, overridden").isFalse();
      assertThat(reachesTheApplication(filter, "/from-system", Map.of()))
          .as("a key only given as a system property").isTrue();
    } finally {
      System.clearProperty("albauth.token-header");
      System.clearProperty("albauth.exclude-paths");
    }
  }

  private static boolean reachesTheApplication(AlbAuthenticationFilter filter, String path,
      Map<String, String> headers) throws Exception {
    FakeExchange exchange = new FakeExchange(path, headers);
    AtomicBoolean reached = new AtomicBoolean();
    filter.doFilter(exchange.request(), exchange.response(), (request, response) -> reached.set(true));
    assertThat(exchange.status()).isEqualTo(reached.get() ? 200 : 401);
    return reached.get();
  }

  @Test
  void codeAndSettingsMayAgreeButNeverConflict() {
    AlbFilterBuilder agreeing = AlbAuthenticationFilter.builder()
        .configure(Map.of("albauth.exclude-paths", "/health"))
        .configure(env.properties())
        .excludePaths("/health");
    agreeing.build().destroy();
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder()
        .configure(Map.of("albauth.required-groups", "Staff"))
        .configure(env.properties())
        .requireGroups("Admins").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required groups is set twice, in code to [Admins] and by"
            + " albauth.required-groups to [Staff]; remove one of them");
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().excludePaths("nope"))
        .hasMessageStartingWith("path pattern 'nope' is not valid");
  }

  @Test
  void aComponentGivenInCodeRefusesTheSettingsItReplaces() {
    // reproduced: a verifier() set twice plus a conflicting albauth.expected-signers still built
    try (AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.properties()).build()) {
      assertThatThrownBy(() -> AlbAuthenticationFilter.builder().verifier(verifier).verifier(verifier))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("verifier was already set to ");
      assertThatThrownBy(() -> AlbAuthenticationFilter.builder().verifier(verifier)
          .configure(Map.of("albauth.expected-signers", "arn:aws:elasticloadbalancing:eu-west-1:"
              + "123456789012:loadbalancer/app/other/0123456789abcdef")).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("verifier(...) was given in code, so albauth.expected-signers would be"
              + " ignored; remove the setting or configure verifier(...) instead");
      // albauth.idp also chooses the claim mapping, so it may accompany a verifier
      AlbAuthenticationFilter.builder().verifier(verifier)
          .configure(Map.of("albauth.idp", "okta")).build().destroy();
    }
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().configure(env.properties())
        .mapper(source -> MappingResult.mapped(Map.of("username", "u")))
        .configure(Map.of("albauth.mapping.username", "email")).build())
        .hasMessage("mapper(...) was given in code, so albauth.mapping. would be ignored; remove the"
            + " setting or configure mapper(...) instead");
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().configure(env.properties())
        .failureHandler((request, response, failure) -> response.sendError(failure.status()))
        .jsonErrorPaths("/api/*").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("both jsonErrorPaths and failureHandler are set");
  }

  @Test
  void anExcludeRequestMatcherIsNullCheckedSetOnceAndNotMixedWithExcludePaths() {
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().excludeRequests(null))
        .isInstanceOf(NullPointerException.class).hasMessage("exclude request matcher");
    AlbRequestMatcher health = AlbRequestMatcher.paths("/health");
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().excludeRequests(health)
        .excludeRequests(health))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("exclude request matcher was already set to paths(/health)");
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().excludePaths("/a").excludePaths("/b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("exclude paths was already set to [/a]");
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder().configure(env.properties())
        .excludePaths("/health").excludeRequests(health).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("both excludePaths and excludeRequests are set; use one:"
            + " excludeRequests(AlbRequestMatcher.paths(...)) combines patterns with a matcher");
    assertThatThrownBy(() -> AlbRequestMatcher.paths("/health", "*.css"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scope the extension to a directory, e.g. /static/*.css");
  }

  @Test
  void anExcludeRequestMatcherReplacesTheExcludePathsSetting() throws Exception {
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder()
        .configure(env.properties())
        .excludeRequests(request -> request.getServletPath().equals("/status"))
        .build();
    assertThat(reachesTheApplication(filter, "/status", Map.of())).isTrue();
    assertThat(reachesTheApplication(filter, "/health", Map.of())).isFalse();
    assertThatThrownBy(() -> AlbAuthenticationFilter.builder()
        .configure(env.properties())
        .configure(Map.of("albauth.exclude-paths", "/health"))
        .excludeRequests(request -> request.getServletPath().equals("/status"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("excludeRequests(...) was given in code, so albauth.exclude-paths would be"
            + " ignored; remove the setting or configure excludeRequests(...) instead");
  }

  @Test
  void aFailingExcludeRequestMatcherMeansTheRequestIsAuthenticated() throws Exception {
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder()
        .configure(env.properties())
        .excludeRequests(request -> {
          throw new IllegalStateException("matcher bug");
        })
        .build();
    try (FilterLog log = FilterLog.capture()) {
      assertThat(reachesTheApplication(filter, "/health", Map.of())).isFalse();
      assertThat(reachesTheApplication(filter, "/health", Map.of("x-amzn-oidc-data",
          minter.mint("sub-1", Map.of())))).isTrue();
      assertThat(log.warnings()).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .isEqualTo("albauth exclusion matcher failed on GET /health from 127.0.0.1:"
              + " IllegalStateException; authenticating the request");
    }
  }
}
