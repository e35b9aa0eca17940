package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncReport.Refusal;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FullSyncTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(25);

  @Test
  void createsEveryUserThenASecondRunWithNoChangesWritesNothing() {
    SyncEngine engine = engine(store, source).build();

    SyncReport first = engine.fullSync("manual");
    assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(first.refusal()).isNull();
    assertThat(first.count(Kind.CREATED)).isEqualTo(25);
    assertThat(first.sourceUsers()).isEqualTo(25);
    assertThat(store.findByUsername("user3")).hasValueSatisfying(u -> {
      assertThat(u.isManagedBy("entra")).isTrue();
      assertThat(u.externalId()).isEqualTo("id-3");
      assertThat(u.attributes()).containsEntry("email", "user3@example.com");
    });
    long writes = store.writes();

    SyncReport second = engine.fullSync("schedule");
    assertThat(second.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(second.count(Kind.UNCHANGED)).isEqualTo(25);
    assertThat(second.writes()).isZero();
    assertThat(second.outcomes()).isEmpty();
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(second.trigger()).isEqualTo("schedule");
  }

  @Test
  void updatesOnlyTheChangedAttributes() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-4").put("mail", "new4@example.com");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.count(Kind.UPDATED)).isEqualTo(1);
    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(Kind.UPDATED);
      assertThat(o.username()).isEqualTo("user4");
      assertThat(o.changed()).containsExactly("email");
    });
    assertThat(store.findByUsername("user4").orElseThrow().attributes())
        .containsEntry("email", "new4@example.com");
  }

  @Test
  void followsARenameThroughTheExternalId() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-7").put("userName", "renamed7");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(Kind.UPDATED);
      assertThat(o.changed()).containsExactly("username");
    });
    assertThat(store.findByUsername("user7")).isEmpty();
    assertThat(store.findByExternalId("entra", "id-7").orElseThrow().username()).isEqualTo("renamed7");
    assertThat(report.count(Kind.CREATED) + report.count(Kind.DEACTIVATED)).isZero();
  }

  @Test
  void sourceFailureOnPage37Of50DeactivatesNothing() {
    ScriptedSource big = new ScriptedSource().add(500);
    SyncEngine engine = engine(store, big).build();
    engine.fullSync("manual");
    big.users.subList(400, 500).clear(); // 100 users left, but the next pass fails midway
    big.users.addAll(new ScriptedSource().add(500).users.subList(400, 500)); // they are back
    big.failOnPage = 36;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).contains("source entra failed after 360 users")
        .contains("nothing deprovisioned").contains("HTTP 503 on page 37");
    assertThat(report.count(Kind.DEACTIVATED)).isZero();
    assertThat(big.pagesFetched.get()).isEqualTo(50 + 37);
    try (var managed = store.managedBy("entra")) {
      assertThat(managed.filter(StoredUser::active).count()).isEqualTo(500);
    }
  }

  @Test
  void thresholdExceededDeactivatesNobodyAndTheReportSaysSo() {
    ScriptedSource big = new ScriptedSource().add(100);
    SyncEngine engine = engine(store, big).maxDeprovisions(20).build();
    engine.fullSync("manual");
    big.users.subList(0, 30).clear();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.MAX_DEPROVISIONS);
    assertThat(report.deprovisionCandidates()).isEqualTo(30);
    assertThat(report.message()).isEqualTo("the run would deprovision 30 users, more than"
        + " maxDeprovisions 20; check the source, or raise the limit");
    assertThat(report.count(Kind.DEACTIVATED)).isZero();
    assertThat(store.findByUsername("user0").orElseThrow().active()).isTrue();
  }

  @Test
  void theRunSummaryLogLineNamesTheRefusal() {
    ScriptedSource big = new ScriptedSource().add(100);
    SyncEngine engine = engine(store, big).maxDeprovisions(20).build();
    engine.fullSync("manual");
    big.users.subList(0, 30).clear();

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err; // slf4j-simple writes to whatever System.err is now
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      engine.fullSync("manual");
    } finally {
      System.setErr(original);
    }

    assertThat(log.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.contains("FULL sync of entra (manual) DEPROVISIONING_REFUSED")))
        .singleElement().asString()
        .contains(" deprovisionCandidates=30 kept=0 refusal=MAX_DEPROVISIONS in ")
        .endsWith(" - the run would deprovision 30 users, more than maxDeprovisions 20;"
            + " check the source, or raise the limit");
  }

  @Test
  void theDefaultMaxDeprovisionsRefuses501WhereTheShareRuleWouldAllowThemAndLets500Go() {
    ScriptedSource big = new ScriptedSource().add(2100); // a quarter is 525
    SyncEngine engine = engine(store, big).build();
    engine.fullSync("manual");
    List<Map<String, Object>> leaving = new ArrayList<>(big.users.subList(0, 501));
    big.users.subList(0, 501).clear();

    SyncReport refused = engine.fullSync("manual");

    assertThat(refused.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(refused.refusal()).isEqualTo(Refusal.MAX_DEPROVISIONS);
    assertThat(refused.message()).isEqualTo("the run would deprovision 501 users, more than"
        + " maxDeprovisions 500; check the source, or raise the limit");
    assertThat(refused.count(Kind.DEACTIVATED)).isZero();

    big.users.add(leaving.get(0));
    SyncReport allowed = engine.fullSync("manual");

    assertThat(allowed.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(allowed.refusal()).isNull();
    assertThat(allowed.count(Kind.DEACTIVATED)).isEqualTo(500);
    assertThat(store.findByUsername("user0").orElseThrow().active()).isTrue();
    assertThat(store.findByUsername("user1").orElseThrow().active()).isFalse();
  }

  @Test
  void shareThresholdRefusesByDefaultAtAQuarter() {
    ScriptedSource src = new ScriptedSource().add(40);
    SyncEngine engine = engine(store, src).build();
    engine.fullSync("manual");
    src.users.subList(0, 11).clear();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.MAX_DEPROVISION_SHARE);
    assertThat(report.message()).startsWith("the run would deprovision 11 of 40 active managed"
        + " users (27.5%), more than maxDeprovisionShare 25.0%");
  }

  @Test
  void smallRunsAreExemptFromTheShareRule() {
    ScriptedSource src = new ScriptedSource().add(4);
    SyncEngine engine = engine(store, src).build();
    engine.fullSync("manual");
    src.users.remove(0);
    src.users.remove(0);

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(2);
  }

  @Test
  void anEmptySourceNeverWipesTheStore() {
    SyncEngine engine = engine(store, source).maxDeprovisionShare(1.0).build();
    engine.fullSync("manual");
    source.users.clear();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.EMPTY_SOURCE);
    assertThat(report.message()).isEqualTo("the source returned 0 users while 25 managed users are"
        + " active; nothing deprovisioned (allowEmptySource() permits this)");
    assertThat(store.findByUsername("user1").orElseThrow().active()).isTrue();
  }

  @Test
  void allowEmptySourceLetsTheLastUsersGo() {
    SyncEngine engine = engine(store, source).maxDeprovisionShare(1.0).allowEmptySource().build();
    engine.fullSync("manual");
    source.users.clear();

    assertThat(engine.fullSync("manual").count(Kind.DEACTIVATED)).isEqualTo(25);
  }

  @Test
  void usersWhoLeftAreDeactivatedAndReactivatedWhenTheyReturn() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    Map<String, Object> gone = source.users.remove(2);

    SyncReport left = engine.fullSync("manual");
    assertThat(left.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(Kind.DEACTIVATED);
      assertThat(o.reason()).isEqualTo("no longer returned by entra; confirmed gone from entra");
    });
    assertThat(store.findByUsername("user2").orElseThrow().active()).isFalse();
    assertThat(engine.fullSync("manual").writes()).as("already deactivated").isZero();

    source.users.add(gone);
    SyncReport back = engine.fullSync("manual");
    assertThat(back.outcomes()).singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Kind.REACTIVATED));
    assertThat(store.findByUsername("user2").orElseThrow().active()).isTrue();
  }

  @Test
  void aUserTheSourceMarksDisabledIsDeactivated() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-1").put("accountEnabled", false);

    SyncReport report = engine.fullSync("manual");

    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(store.findByUsername("user1").orElseThrow().active()).isFalse();
  }

  @Test
  void deleteCleanupDeletes() {
    SyncEngine engine = engine(store, source).cleanup(CleanupAction.DELETE).build();
    engine.fullSync("manual");
    source.users.remove(0);

    assertThat(engine.fullSync("manual").count(Kind.DELETED)).isEqualTo(1);
    assertThat(store.findByUsername("user0")).isEmpty();
  }

  @Test
  void keepCleanupLeavesUsersAlone() {
    SyncEngine engine = engine(store, source).cleanup(CleanupAction.KEEP).build();
    engine.fullSync("manual");
    source.users.clear();

    SyncReport report = engine.fullSync("manual");
    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.writes()).isZero();
  }

  @Test
  void anonymizeIsReversibleWhenTheUserReturns() {
    SyncEngine engine = engine(store, source).cleanup(CleanupAction.ANONYMIZE).build();
    engine.fullSync("manual");
    Map<String, Object> gone = source.users.remove(5);

    SyncReport report = engine.fullSync("manual");
    UserOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.kind()).isEqualTo(Kind.ANONYMIZED);
    assertThat(outcome.username()).matches("anon-[0-9a-f]{16}");
    StoredUser anon = store.findByExternalId("entra", "id-5").orElseThrow();
    assertThat(anon.username()).isEqualTo(outcome.username());
    assertThat(anon.active()).isFalse();
    assertThat(anon.attributes()).isEmpty();
    assertThat(store.findByUsername("user5")).isEmpty();
    assertThat(engine.fullSync("manual").writes()).as("already anonymized").isZero();

    source.users.add(gone);
    assertThat(engine.fullSync("manual").outcomes()).singleElement()
        .satisfies(o -> assertThat(o.kind()).isEqualTo(Kind.REACTIVATED));
    StoredUser back = store.findByExternalId("entra", "id-5").orElseThrow();
    assertThat(back.username()).isEqualTo("user5");
    assertThat(back.active()).isTrue();
    assertThat(back.attributes()).containsEntry("email", "user5@example.com");
  }

  @Test
  void localUsersAreNeverTouched() {
    store.create(StoredUser.local("admin", true, Map.of("email", "admin@local")));
    store.create(StoredUser.local("user9", true, Map.of()));
    SyncEngine engine = engine(store, source).build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.count(Kind.FAILED)).isEqualTo(1);
    assertThat(report.outcomes()).filteredOn(o -> o.kind() == Kind.FAILED).singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo("username user9 is taken by another user"));
    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(store.findByUsername("admin").orElseThrow().active()).isTrue();
    assertThat(store.findByUsername("user9").orElseThrow().source()).isNull();
  }

  @Test
  void protectedUsersSurviveCleanup() {
    SyncEngine engine = engine(store, source).protectUsers("user0").build();
    engine.fullSync("manual");
    source.users.remove(0);

    assertThat(engine.fullSync("manual").deprovisionCandidates()).isZero();
    assertThat(store.findByUsername("user0").orElseThrow().active()).isTrue();
  }

  @Test
  void dryRunWritesNothingAndPlansEverything() {
    SyncEngine engine = engine(store, source).build();

    SyncReport plan = engine.dryRun("manual");

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.count(Kind.CREATED)).isEqualTo(25);
    assertThat(store.writes()).isZero();
    assertThat(store.size()).isZero();

    engine.fullSync("manual");
    source.users.remove(0);
    source.find("id-1").put("displayName", "Changed");
    long writes = store.writes();
    SyncReport plan2 = engine.dryRun("manual");
    assertThat(plan2.outcomes()).extracting(UserOutcome::kind)
        .containsExactlyInAnyOrder(Kind.UPDATED, Kind.DEACTIVATED);
    assertThat(store.writes()).isEqualTo(writes);
  }

  @Test
  void aFailingUserDoesNotAbortTheRunButBlocksCleanup() {
    SyncEngine engine = SyncEngine.builder().store(store).source(source)
        .mapper(src -> {
          if ("id-3".equals(src.get("id"))) {
            throw new MappingException(MappingException.Reason.EVALUATION_ERROR, "email",
                "email: expected a string, got a list");
          }
          return Fixtures.MAPPER.map(src);
        })
        .build();
    engine.fullSync("manual");
    source.users.remove(10);

    SyncReport report = engine.fullSync("manual");

    assertThat(report.count(Kind.FAILED)).isEqualTo(1);
    assertThat(report.count(Kind.UNCHANGED)).isEqualTo(23);
    assertThat(report.outcomes()).filteredOn(o -> o.kind() == Kind.FAILED).singleElement()
        .satisfies(o -> assertThat(o.reason())
            .isEqualTo("mapping failed (EVALUATION_ERROR): email: expected a string, got a list"));
    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(Refusal.INCOMPLETE_PASS);
    assertThat(report.message())
        .isEqualTo("1 users failed to map, so the pass is incomplete; nothing deprovisioned");
  }

  @Test
  void usersSkippedByTheMappingOrFilterAreCleanedUp() {
    SyncEngine engine = engine(store, source)
        .filter(u -> !"id-0".equals(u.id()))
        .build();
    engine.fullSync("manual");
    source.find("id-1").put("department", "skip");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.outcomes()).extracting(UserOutcome::kind, UserOutcome::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Kind.SKIPPED, "excluded by filter"),
            org.assertj.core.groups.Tuple.tuple(Kind.SKIPPED, "department is skip"),
            org.assertj.core.groups.Tuple.tuple(Kind.DEACTIVATED,
                "no longer returned by entra; confirmed out of scope (department is skip)"));
    assertThat(store.findByUsername("user1").orElseThrow().active()).isFalse();
    assertThat(store.findByUsername("user0")).isEmpty();
  }

  @Test
  void aFailingStoreAbortsTheRunAndSaysWhy() {
    UserStore broken = new DelegatingStore(store) {
      @Override
      public void create(StoredUser user) {
        if (user.username().equals("user12")) {
          throw new UserSyncException(UserSyncException.Reason.STORE_UNAVAILABLE, "database is down");
        }
        super.create(user);
      }
    };
    SyncEngine engine = SyncEngine.builder().store(broken).source(source).mapper(Fixtures.MAPPER).build();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.FAILED);
    assertThat(report.message()).isEqualTo(
        "user store failed, run aborted, nothing more deprovisioned: database is down");
    assertThat(report.count(Kind.CREATED)).isEqualTo(12);
  }

  @Test
  void listenersReceiveEveryEventAndTheirFailuresAreIgnored() {
    List<UserOutcome> outcomes = new ArrayList<>();
    List<SyncReport> reports = new ArrayList<>();
    SyncEngine engine = engine(store, source)
        .listener(new SyncListener() {
          @Override
          public void userProcessed(String sourceId, UserOutcome outcome) {
            throw new IllegalStateException("listener bug");
          }
        })
        .listener(new SyncListener() {
          @Override
          public void userProcessed(String sourceId, UserOutcome outcome) {
            outcomes.add(outcome);
          }

          @Override
          public void runFinished(SyncReport report) {
            reports.add(report);
          }
        })
        .build();

    SyncReport report = engine.fullSync("manual");

    assertThat(outcomes).hasSize(25);
    assertThat(reports).containsExactly(report);
  }

  @Test
  void theReportTakesItsTimesFromTheInjectedClock() {
    Instant start = Instant.parse("2026-03-01T02:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(start);
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    SyncEngine engine = SyncEngine.builder().store(store).source(source).clock(clock)
        .mapper(src -> {
          now.set(now.get().plusSeconds(2)); // each user takes two seconds
          return Fixtures.MAPPER.map(src);
        })
        .build();

    SyncReport report = engine.fullSync("schedule");

    assertThat(report.source()).isEqualTo("entra");
    assertThat(report.trigger()).isEqualTo("schedule");
    assertThat(report.mode()).isEqualTo(SyncReport.Mode.FULL);
    assertThat(report.started()).isEqualTo(start);
    assertThat(report.finished()).isEqualTo(Instant.parse("2026-03-01T02:00:50Z"));
    assertThat(report.duration()).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void reportListsAtMostTheConfiguredOutcomesButCountsAll() {
    SyncReport report = engine(store, source).maxReportedOutcomes(10).build().fullSync("manual");

    assertThat(report.outcomes()).hasSize(10);
    assertThat(report.outcomesTruncated()).isTrue();
    assertThat(report.count(Kind.CREATED)).isEqualTo(25);
  }

  @Test
  void twoRunsNeverOverlap() {
    SyncLock lock = new InJvmSyncLock();
    SyncEngine engine = engine(store, source).lock(lock).build();
    SyncLock.Lease held =
        lock.tryAcquire("albauth-usersync-entra", java.time.Duration.ofMinutes(1)).orElseThrow();
    try (held) {
      SyncReport report = engine.fullSync("manual");
      assertThat(report.status()).isEqualTo(Status.ALREADY_RUNNING);
      assertThat(report.message()).isEqualTo("another run holds the lock albauth-usersync-entra");
      assertThat(store.writes()).isZero();
    }
    assertThat(engine.fullSync("manual").status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void matchByUsernameKeepsAUserWhoseSourceIdChanged() {
    SyncEngine engine = engine(store, source).matchBy(MatchKey.USERNAME).build();
    engine.fullSync("manual");
    source.find("id-7").put("id", "migrated-7");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.writes()).isZero();
    assertThat(store.findByUsername("user7").orElseThrow().active()).isTrue();
  }

  @Test
  void matchByUsernameTreatsARenameAsANewUser() {
    SyncEngine engine = engine(store, source).matchBy(MatchKey.USERNAME).build();
    engine.fullSync("manual");
    source.find("id-7").put("userName", "renamed7");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.outcomes()).extracting(UserOutcome::kind).containsExactly(Kind.FAILED);
    assertThat(report.outcomes().get(0).reason()).isEqualTo("external id id-7 of entra is taken");
  }
}
