package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A group membership write that fails for one user fails that user, not the run (like the other
 * per-user writes); a store that says it is unavailable still aborts the run.
 */
class MembershipFailureTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(4);

  /** A store whose membership writes fail where {@code failing} says (group, username). */
  private static final class FlakyMemberships extends DelegatingGroupStore {
    BiPredicate<String, String> failing = (group, username) -> false;
    RuntimeException failure = new IllegalStateException("deadlock detected");

    FlakyMemberships(InMemoryUserStore delegate) {
      super(delegate);
    }

    @Override
    public void addManagedMember(String group, String username, String source) {
      if (failing.test(group, username)) {
        throw failure;
      }
      super.addManagedMember(group, username, source);
    }

    @Override
    public void removeMember(String group, String username) {
      if (failing.test(group, username)) {
        throw failure;
      }
      super.removeMember(group, username);
    }
  }

  private Set<String> members(String group) {
    try (Stream<String> s = store.members(group)) {
      return s.collect(Collectors.toSet());
    }
  }

  private SyncEngine engine(FlakyMemberships flaky) {
    return SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER).syncGroups()
        .build();
  }

  @Test
  void aFailedMembershipAddFailsThatUserAndTheRunGoesOnToCleanup() {
    FlakyMemberships flaky = new FlakyMemberships(store);
    SyncEngine engine = engine(flaky);
    source.groups.put("staff", List.of("id-0"));
    engine.fullSync("manual");
    source.users.remove(3); // user3 left: cleanup must still run
    source.groups.put("staff", List.of("id-0", "id-1", "id-2"));
    flaky.failing = (group, username) -> username.equals("user1");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.failures()).singleElement().satisfies(o -> {
      assertThat(o.username()).isEqualTo("user1");
      assertThat(o.externalId()).isEqualTo("id-1");
      assertThat(o.reason())
          .isEqualTo("adding to group staff failed: java.lang.IllegalStateException: deadlock detected");
    });
    assertThat(members("staff")).containsExactlyInAnyOrder("user0", "user2");
    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(store.findByUsername("user3").orElseThrow().active()).isFalse();

    flaky.failing = (group, username) -> false;
    SyncReport next = engine.fullSync("manual");
    assertThat(next.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(members("staff")).containsExactlyInAnyOrder("user0", "user1", "user2");
  }

  @Test
  void aFailedMembershipRemovalFailsThatUser() {
    FlakyMemberships flaky = new FlakyMemberships(store);
    SyncEngine engine = engine(flaky);
    source.groups.put("staff", List.of("id-0", "id-1"));
    source.groups.put("sales", List.of("id-2"));
    engine.fullSync("manual");
    source.groups.put("staff", List.of("id-0"));
    source.groups.remove("sales"); // vanished: its members are removed
    flaky.failing = (group, username) -> username.equals("user1") || username.equals("user2");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.failures()).extracting(UserOutcome::username, UserOutcome::externalId,
        UserOutcome::reason).containsExactly(
            org.assertj.core.groups.Tuple.tuple("user1", "id-1", "removing from group staff failed:"
                + " java.lang.IllegalStateException: deadlock detected"),
            org.assertj.core.groups.Tuple.tuple("user2", "id-2", "removing from group sales failed:"
                + " java.lang.IllegalStateException: deadlock detected"));
    assertThat(members("staff")).containsExactlyInAnyOrder("user0", "user1");
    assertThat(members("sales")).containsExactly("user2");
  }

  @Test
  void aStoreThatIsUnavailableStillAbortsTheRunBeforeCleanup() {
    FlakyMemberships flaky = new FlakyMemberships(store);
    SyncEngine engine = engine(flaky);
    engine.fullSync("manual");
    source.users.remove(3);
    source.groups.put("staff", List.of("id-0", "id-1"));
    flaky.failing = (group, username) -> username.equals("user1");
    flaky.failure = new UserSyncException(UserSyncException.Reason.STORE_UNAVAILABLE, "read-only");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).isEqualTo("group sync failed, nothing deprovisioned: read-only");
    assertThat(store.findByUsername("user3").orElseThrow().active()).isTrue();
  }

  @Test
  void membershipFailuresInARowAbortTheRunWithoutCleanup() {
    FlakyMemberships flaky = new FlakyMemberships(store);
    SyncEngine engine = SyncEngine.builder().store(flaky).source(source).mapper(Fixtures.MAPPER)
        .syncGroups().maxConsecutiveFailures(2).build();
    engine.fullSync("manual");
    source.users.remove(3);
    source.groups.put("staff", List.of("id-0", "id-1", "id-2"));
    flaky.failing = (group, username) -> true;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).startsWith("2 users in a row failed (maxConsecutiveFailures 2),"
        + " run aborted, nothing deprovisioned; the last: ");
    assertThat(report.count(Kind.FAILED)).isEqualTo(2);
    assertThat(store.findByUsername("user3").orElseThrow().active()).isTrue();
  }
}
