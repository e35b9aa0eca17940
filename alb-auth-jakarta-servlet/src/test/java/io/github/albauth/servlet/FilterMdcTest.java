package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

/** The username is in the MDC while the chain runs, and gone from the thread afterwards. */
@ExtendWith(AlbTestExtension.class)
class FilterMdcTest {

  private final AlbTokenMinter minter;
  private final AlbAuthenticationFilter filter;

  FilterMdcTest(AlbTokenMinter minter, AlbTestEnvironment env) {
    this.minter = minter;
    this.filter = AlbAuthenticationFilter.builder().configure(env.properties())
        .configure(Map.of("albauth.mapping.username", "email")).build();
  }

  private FakeExchange signedIn(String email) {
    return new FakeExchange("/whoami",
        Map.of("x-amzn-oidc-data", minter.mint("sub-" + email, Map.of("email", email))));
  }

  @Test
  void theUsernameIsInTheMdcDuringTheChainAndRemovedAfterIt() throws Exception {
    List<String> seen = new ArrayList<>();
    FilterChain chain = (request, response) -> seen.add(MDC.get(AlbAuthenticationFilter.MDC_USER));

    FakeExchange first = signedIn("ann@example.com");
    filter.doFilter(first.request(), first.response(), chain);
    assertThat(MDC.get(AlbAuthenticationFilter.MDC_USER)).isNull();
    FakeExchange second = signedIn("bob@example.com");
    filter.doFilter(second.request(), second.response(), chain);
    assertThat(MDC.get(AlbAuthenticationFilter.MDC_USER)).isNull();

    assertThat(seen).containsExactly("ann@example.com", "bob@example.com");
  }

  @Test
  void theMdcIsClearedWhenTheChainThrows() {
    FakeExchange exchange = signedIn("ann@example.com");
    FilterChain failing = (request, response) -> {
      assertThat(MDC.get(AlbAuthenticationFilter.MDC_USER)).isEqualTo("ann@example.com");
      throw new IllegalStateException("application failed");
    };
    assertThatThrownBy(() -> filter.doFilter(exchange.request(), exchange.response(), failing))
        .hasMessage("application failed");
    assertThat(MDC.get(AlbAuthenticationFilter.MDC_USER)).isNull();
  }

  @Test
  void aRefusedRequestLeavesNoMdcKeyAndNeverCallsTheChain() throws Exception {
    FakeExchange exchange = new FakeExchange("/whoami", Map.of("x-amzn-oidc-data", "garbage"));
    filter.doFilter(exchange.request(), exchange.response(), (request, response) -> {
      throw new AssertionError("the chain must not run");
    });
    assertThat(exchange.status()).isEqualTo(401);
    assertThat(exchange.body()).isEqualTo("unauthorized\n");
    assertThat(MDC.get(AlbAuthenticationFilter.MDC_USER)).isNull();
  }
}
