package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's programmatic filter setup, as written there, builds a working filter. */
@ExtendWith(AlbTestExtension.class)
class ReadmeServletTest {

  @Test
  void readmeBuilderExampleBuilds(AlbTestEnvironment env) {
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
        .requireGroups("app-users")
        .build();
    // --- end ---
    assertThat(filter).isNotNull();
  }
}
