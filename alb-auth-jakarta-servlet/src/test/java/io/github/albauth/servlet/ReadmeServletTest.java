package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's programmatic filter setup, as written there, builds a working filter. */
@ExtendWith(AlbTestExtension.class)
class ReadmeServletTest {

  @Test
  void readmeBuilderExampleLetsInStaffOnlyAndCreatesNoOutsider(AlbTestEnvironment env,
      AlbTokenMinter minter) throws Exception {
    Properties settings = env.toProperties();
    settings.setProperty("albauth.idp", "okta");
    // --- README: "In code" ---
    Map<String, String> config = AlbFilterProperties.collect(System.getenv(), settings); // every albauth.* key
    InMemoryUserStore store = new InMemoryUserStore();            // your UserStore
    SyncEngine engine = SyncEngine.builder()
        .store(store).sourceId("alb")
        .mapper(AlbFilterProperties.claimMapping(config))        // albauth.idp preset + albauth.mapping.*
        .defaultGroups("app-users")
        .build();
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder()
        .configure(config)
        .provisioner(UserSyncProvisioner.jit(engine, store))
        .excludePaths("/health", "/actuator/*")
        .requireGroups("staff")        // an IdP group from the token, judged before provisioning
        .build();
    // --- end ---
    FakeExchange outsider = new FakeExchange("/whoami", Map.of("x-amzn-oidc-data",
        minter.mint("sub-out", Map.of("preferred_username", "eve"))));
    filter.doFilter(outsider.request(), outsider.response(), (request, response) -> { });
    assertThat(outsider.status()).isEqualTo(403);
    assertThat(store.findByUsername("eve")).as("a refused user is never created").isEmpty();

    FakeExchange member = new FakeExchange("/whoami", Map.of("x-amzn-oidc-data",
        minter.mint("sub-ann", Map.of("preferred_username", "ann", "groups", List.of("staff")))));
    java.util.concurrent.atomic.AtomicReference<AlbPrincipal> principal =
        new java.util.concurrent.atomic.AtomicReference<>();
    filter.doFilter(member.request(), member.response(), (request, response) -> principal.set(
        (AlbPrincipal) ((jakarta.servlet.http.HttpServletRequest) request).getUserPrincipal()));
    assertThat(member.status()).isEqualTo(200);
    assertThat(principal.get().getName()).isEqualTo("ann");
    assertThat(principal.get().groups()).contains("staff", "app-users");
    filter.destroy();
  }
}
