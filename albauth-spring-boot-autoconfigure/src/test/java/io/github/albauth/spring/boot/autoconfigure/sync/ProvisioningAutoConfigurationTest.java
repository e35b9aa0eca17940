package io.github.albauth.spring.boot.autoconfigure.sync;

import static io.github.albauth.spring.boot.autoconfigure.sync.StartupFailures.startupFailure;
import static io.github.albauth.spring.boot.autoconfigure.sync.TestSource.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbFilterBuilder;
import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.servlet.ProvisionedUser;
import io.github.albauth.servlet.UserSyncProvisioner;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.AlbFilterBuilderCustomizer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Login-time provisioning as a bean: {@code albauth.provisioning.mode} {@code jit} builds an engine
 * of its own over the application's store from the filter's claim mapping, {@code lookup} uses the
 * directory sync engine; the provisioner reaches the filter through a customizer; and what cannot
 * work (no subject bindings, a lookup without a directory that can look users up) fails startup.
 */
@ExtendWith(AlbTestExtension.class)
class ProvisioningAutoConfigurationTest {

  private final AlbTokenMinter minter;
  private final AlbTokenVerifier verifier;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
          AlbAuthConnectorsAutoConfiguration.class, AlbAuthSyncAutoConfiguration.class))
      .withBean(InMemoryUserStore.class);

  ProvisioningAutoConfigurationTest(AlbTokenMinter minter, AlbTestEnvironment env) {
    this.minter = minter;
    this.verifier = AlbTokenVerifier.builder().configure(env.properties()).build();
  }

  @AfterEach
  void closeVerifier() {
    verifier.close();
  }

  private AlbIdentity identity(String subject, Map<String, Object> claims) {
    return verifier.verify(minter.mint(subject, claims));
  }

  private static ProvisionedUser provision(LoginProvisioner provisioner, AlbIdentity identity) {
    return provisioner.provision(identity, MappingResult.mapped(Map.of()));
  }

  @Test
  void jitProvisionsFromTheClaimsIntoTheApplicationsStoreAndBindsTheSubject() {
    List<String> events = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("albauth.provisioning.mode=jit",
            "albauth.sync.default-groups=app-users", "albauth.mapping.display-name=name")
        .withBean(SyncListener.class, () -> new SyncListener() {
          @Override
          public void userProcessed(String source, UserOutcome outcome) {
            events.add(source + " " + outcome.kind() + " " + outcome.username());
          }
        })
        .withBean(SyncEngineCustomizer.class, () -> (purpose, builder) ->
            events.add("customized " + purpose))
        .run(context -> {
          LoginProvisioner provisioner = context.getBean(LoginProvisioner.class);
          assertThat(provisioner).isInstanceOf(UserSyncProvisioner.class);

          ProvisionedUser ann = provision(provisioner, identity("sub-ann",
              Map.of("email", "ann@corp.example", "name", "Ann")));

          assertThat(ann.username()).isEqualTo("ann@corp.example");
          assertThat(ann.groups()).containsExactly("app-users");
          InMemoryUserStore store = context.getBean(InMemoryUserStore.class);
          StoredUser stored = store.findByUsername("ann@corp.example").orElseThrow();
          assertThat(stored.source()).isEqualTo("alb");
          assertThat(stored.externalId()).isEqualTo("sub-ann");
          assertThat(stored.attributes()).containsEntry("displayName", "Ann");
          assertThat(store.boundSubject("ann@corp.example"))
              .contains(new IdpSubject(minter.issuer(), "sub-ann"));
          assertThat(events).containsExactly("customized LOGIN",
              "alb CREATED ann@corp.example");
        });
  }

  @Test
  void jitTakesTheImmutableIdFromTheConfiguredClaimAndStoresUnderTheConfiguredSource() {
    runner.withPropertyValues("albauth.provisioning.mode=JIT", "albauth.provisioning.id-claim=oid",
        "albauth.provisioning.source-id=entra").run(context -> {
          provision(context.getBean(LoginProvisioner.class), identity("sub-ann",
              Map.of("email", "ann@corp.example", "oid", "0000-aaaa")));
          StoredUser stored = context.getBean(InMemoryUserStore.class)
              .findByUsername("ann@corp.example").orElseThrow();
          assertThat(stored.source()).isEqualTo("entra");
          assertThat(stored.externalId()).isEqualTo("0000-aaaa");
        });
  }

  @Test
  void jitUsersAreTheSyncedDirectorysWhenThereIsOne() {
    runner.withBean(TestSource.class, () -> new TestSource("hr", List.of()))
        .withPropertyValues("albauth.provisioning.mode=jit").run(context -> {
          provision(context.getBean(LoginProvisioner.class),
              identity("sub-ann", Map.of("email", "ann@corp.example")));
          assertThat(context.getBean(InMemoryUserStore.class).findByUsername("ann@corp.example"))
              .get().satisfies(ann -> assertThat(ann.source()).isEqualTo("hr"));
        });
  }

  @Test
  void lookupFindsTheUserInTheDirectoryByAVerifiedEmail() {
    runner.withBean(TestSource.class, () -> new TestSource("hr", List.of(user("7", "ann"))))
        .withPropertyValues("albauth.provisioning.mode=lookup").run(context -> {
          LoginProvisioner provisioner = context.getBean(LoginProvisioner.class);

          ProvisionedUser ann = provision(provisioner, identity("sub-ann",
              Map.of("email", "ann@corp.example", "email_verified", true)));

          assertThat(ann.username()).as("the directory's username, not the token's").isEqualTo("ann");
          StoredUser stored = context.getBean(InMemoryUserStore.class).findByUsername("ann")
              .orElseThrow();
          assertThat(stored.source()).isEqualTo("hr");
          assertThat(stored.externalId()).isEqualTo("7");
          assertThatThrownBy(() -> provision(provisioner, identity("sub-mallory",
              Map.of("email", "ann@corp.example", "email_verified", false))))
              .as("an email the IdP does not vouch for selects nobody")
              .hasMessageContaining("UNVERIFIED_SELECTOR");
        });
  }

  @Test
  void theProvisionerReachesTheFilterThroughACustomizer() {
    runner.withPropertyValues("albauth.provisioning.mode=jit").run(context -> {
      AlbFilterBuilder builder = AlbAuthenticationFilter.builder();
      context.getBeansOfType(AlbFilterBuilderCustomizer.class).values()
          .forEach(customizer -> customizer.customize(builder));
      assertThatThrownBy(() -> builder.provisioner((identity, mapping) -> {
        throw new AssertionError("never called");
      })).as("the customizer set the provisioner").isInstanceOf(IllegalStateException.class);
    });
  }

  @Test
  void noModeOrNoneProvisionsNobody() {
    runner.run(context -> assertThat(context).doesNotHaveBean(LoginProvisioner.class)
        .doesNotHaveBean(AlbFilterBuilderCustomizer.class));
    runner.withPropertyValues("albauth.provisioning.mode= None ").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(LoginProvisioner.class));
  }

  @Test
  void aModeWithoutAStoreFailsStartup() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
            AlbAuthSyncAutoConfiguration.class))
        .withPropertyValues("albauth.provisioning.mode=jit")
        .run(context -> startupFailure(context).hasMessage("albauth.provisioning.mode=jit"
            + " provisions users at login into the application's store, but there is no UserStore"
            + " bean (or usersync-engine is not on the class path); define one, or remove the"
            + " key"));
  }

  @Test
  void whatCannotWorkFailsStartup() {
    runner.withPropertyValues("albauth.provisioning.mode=lookup").run(context ->
        startupFailure(context).hasMessage("albauth.provisioning.mode=lookup looks users up in"
            + " the synced directory, but there is none: configure a connector (albauth.okta.*,"
            + " albauth.entra.*, albauth.keycloak.*) or a DirectorySource bean"));
    runner.withBean(NoLookupSource.class).withPropertyValues("albauth.provisioning.mode=lookup")
        .run(context -> startupFailure(context).hasMessage("albauth.provisioning.mode=lookup"
            + " looks users up in the synced directory, but its source files cannot look users up"
            + " (UserLookup)"));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
            AlbAuthSyncAutoConfiguration.class))
        .withBean(UserStore.class, UnboundStore::new)
        .withPropertyValues("albauth.provisioning.mode=jit")
        .run(context -> startupFailure(context).hasMessageContaining("does not implement"
            + " SubjectBindings"));
    runner.withPropertyValues("albauth.provisioning.mode=auto").run(context ->
        startupFailure(context).hasMessageStartingWith("albauth.provisioning.mode: \"auto\" is"
            + " not one of [none, jit, lookup]"));
  }

  /** A source that cannot look users up. */
  static final class NoLookupSource implements io.github.albauth.usersync.DirectorySource {
    @Override
    public String id() {
      return "files";
    }

    @Override
    public Stream<io.github.albauth.usersync.SourceUser> users() {
      return Stream.empty();
    }
  }

  /** A store without subject bindings. */
  static final class UnboundStore implements UserStore {
    @Override
    public Optional<StoredUser> findByUsername(String username) {
      return Optional.empty();
    }

    @Override
    public Optional<StoredUser> findByExternalId(String source, String externalId) {
      return Optional.empty();
    }

    @Override
    public void create(StoredUser user) {}

    @Override
    public void update(String username, UserUpdate update) {}

    @Override
    public void deactivate(String username) {}

    @Override
    public void reactivate(String username) {}

    @Override
    public Stream<StoredUser> managedBy(String source) {
      return Stream.empty();
    }
  }
}
