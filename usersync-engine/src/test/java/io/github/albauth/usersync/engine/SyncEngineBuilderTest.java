package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyncEngineBuilderTest {

  private final InMemoryUserStore store = new InMemoryUserStore();

  /** A store with no capabilities beyond the base interface. */
  private final UserStore bare = new DelegatingStore(store);

  private SyncEngine.Builder base() {
    return SyncEngine.builder().store(store).sourceId("entra").mapper(Fixtures.MAPPER);
  }

  @Test
  void requiresStoreMapperAndSource() {
    assertThatThrownBy(() -> SyncEngine.builder().build()).hasMessage("store is required; set store(…)");
    assertThatThrownBy(() -> SyncEngine.builder().store(store).build())
        .hasMessage("mapper is required; set mapper(…)");
    assertThatThrownBy(() -> SyncEngine.builder().store(store).mapper(Fixtures.MAPPER).build())
        .hasMessage("a source is required; set source(…) to sync, or sourceId(…) for login-time provisioning");
    assertThatThrownBy(() -> base().source(new ScriptedSource()).build())
        .hasMessage("both source(…) and sourceId(entra) are set; the source supplies its id, drop sourceId");
  }

  @Test
  void optionsRefuseToBeSetTwice() {
    assertThatThrownBy(() -> base().cleanup(CleanupAction.DISABLE).cleanup(CleanupAction.DELETE))
        .hasMessage("cleanup was already set to DISABLE");
    assertThatThrownBy(() -> base().onMissing("email", MissingValue.CLEAR).onMissing("email", MissingValue.CLEAR))
        .hasMessage("onMissing for email was already set to CLEAR");
  }

  @Test
  void capabilitiesTheStoreOrSourceLacksFailAtBuild() {
    SyncEngine.Builder b = SyncEngine.builder().store(bare).sourceId("entra").mapper(Fixtures.MAPPER);
    assertThatThrownBy(() -> b.cleanup(CleanupAction.DELETE).build())
        .hasMessage("cleanup DELETE needs a store implementing UserDeletion;"
            + " io.github.albauth.usersync.engine.DelegatingStore does not (use DISABLE)");
    assertThatThrownBy(() -> SyncEngine.builder().store(bare).sourceId("e").mapper(Fixtures.MAPPER)
            .defaultGroups("app").build())
        .hasMessageStartingWith("default groups, group sync and stripGroupsOnCleanup need a store implementing GroupStore");
    DirectorySource usersOnly = new DirectorySource() {
      @Override
      public String id() {
        return "plain";
      }

      @Override
      public Stream<SourceUser> users() {
        return Stream.empty();
      }
    };
    assertThatThrownBy(() -> SyncEngine.builder().store(store).source(usersOnly).mapper(Fixtures.MAPPER)
            .syncGroups().build())
        .hasMessageStartingWith("syncGroups needs a source implementing GroupSource;");
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> base().maxDeprovisions(-1).build())
        .hasMessage("maxDeprovisions is -1; use 0 or more");
    assertThatThrownBy(() -> base().maxDeprovisionShare(1.5).build())
        .hasMessage("maxDeprovisionShare is 1.5; use 0 to 1");
    assertThatThrownBy(() -> base().maxDeprovisionShare(Double.NaN).build())
        .hasMessage("maxDeprovisionShare is NaN; use 0 to 1");
    assertThatThrownBy(() -> base().lockAtMostFor(Duration.ZERO).build())
        .hasMessage("lockAtMostFor is PT0S; use a positive duration");
    assertThatThrownBy(() -> base().maxReportedOutcomes(-2).build())
        .hasMessage("maxReportedOutcomes is -2; use 0 or more");
    assertThatThrownBy(() -> base().protectUsers("ok", " "))
        .hasMessage("name is blank; give a non-blank name");
  }

  @Test
  void inJvmLockIsExclusiveAndReleasedOnce() {
    SyncLock lock = new InJvmSyncLock();
    Optional<SyncLock.Lease> first = lock.tryAcquire("a", Duration.ofMinutes(1));
    assertThat(first).isPresent();
    assertThat(lock.tryAcquire("a", Duration.ofMinutes(1))).isEmpty();
    assertThat(lock.tryAcquire("b", Duration.ofMinutes(1))).isPresent();
    first.get().close();
    Optional<SyncLock.Lease> again = lock.tryAcquire("a", Duration.ofMinutes(1));
    assertThat(again).isPresent();
    first.get().close(); // a stale lease must not release the new holder
    assertThat(lock.tryAcquire("a", Duration.ofMinutes(1))).isEmpty();
  }
}
