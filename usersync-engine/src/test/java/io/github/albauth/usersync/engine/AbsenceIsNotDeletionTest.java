package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 12, item 4: a user missing from a listing is deprovisioned only when confirmed gone. */
class AbsenceIsNotDeletionTest {

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(1000);

  private long active() {
    try (Stream<StoredUser> users = store.managedBy("entra")) {
      return users.filter(StoredUser::active).count();
    }
  }

  @Test
  void aTruncatedLastPageUnderTheThresholdsIsCaughtByTheSourcesCount() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.truncateListingBy = 50; // 5%: under maxDeprovisions 500 and the 25% share

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(SyncReport.Refusal.UNVERIFIED_LISTING);
    assertThat(report.message())
        .isEqualTo("source entra counts 1000 users in scope but listed 950; nothing deprovisioned");
    assertThat(report.deprovisionCandidates()).isEqualTo(50);
    assertThat(active()).isEqualTo(1000);
    assertThat(source.lookupsById).isEmpty();
  }

  @Test
  void withoutACountEachMissingUserIsLookedUpAndKeptWhileTheSourceStillHasIt() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.truncateListingBy = 50;
    source.listingVerdict = ListingCheck.Verdict.uncounted();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(report.count(Kind.KEPT)).isEqualTo(50);
    assertThat(report.count(Kind.DEACTIVATED)).isZero();
    assertThat(report.writes()).isZero();
    assertThat(source.lookupsById).hasSize(50).contains("id-950", "id-999");
    assertThat(report.outcomes()).filteredOn(o -> o.externalId().equals("id-999")).singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo(
            "no longer returned by entra, but entra still has this user, active and in scope; kept"));
    assertThat(active()).isEqualTo(1000);
  }

  @Test
  void onlyUsersTheSourceConfirmsGoneDisabledOrOutOfScopeAreDeprovisioned() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.listingVerdict = ListingCheck.Verdict.uncounted();
    source.users.remove(source.find("id-10"));         // gone
    source.find("id-997").put("accountEnabled", false); // disabled, and cut from the listing
    source.find("id-998").put("department", "skip");    // out of scope, and cut
    source.truncateListingBy = 3;                        // id-999 cut but present

    SyncReport report = engine.fullSync("manual");

    Map<String, String> outcomes = report.outcomes().stream()
        .collect(Collectors.toMap(UserOutcome::externalId, o -> o.kind() + ": " + o.reason()));
    assertThat(outcomes).containsOnly(
        Map.entry("id-10", "DEACTIVATED: no longer returned by entra; confirmed gone from entra"),
        Map.entry("id-997", "DEACTIVATED: no longer returned by entra; confirmed disabled in entra"),
        Map.entry("id-998", "DEACTIVATED: no longer returned by entra;"
            + " confirmed out of scope (department is skip)"),
        Map.entry("id-999", "KEPT: no longer returned by entra, but entra still has this user,"
            + " active and in scope; kept"));
    assertThat(store.findByExternalId("entra", "id-999").orElseThrow().active()).isTrue();
    assertThat(active()).isEqualTo(997);
  }

  @Test
  void anErrorConfirmingKeepsTheUser() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.users.remove(source.find("id-10"));
    source.failLookupById = true;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(Kind.KEPT);
      assertThat(o.reason()).isEqualTo("no longer returned by entra, but asking entra whether the"
          + " user is gone failed (HTTP 500 looking up id-10); kept");
    });
    assertThat(active()).isEqualTo(1000);
  }

  @Test
  void aListingTheSourceCallsIncompleteCleansUpNobody() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.users.remove(source.find("id-10"));
    source.listingVerdict = ListingCheck.Verdict.incomplete();

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(report.refusal()).isEqualTo(SyncReport.Refusal.UNVERIFIED_LISTING);
    assertThat(report.message())
        .isEqualTo("source entra says the listing is incomplete; nothing deprovisioned");
    assertThat(active()).isEqualTo(1000);
  }

  @Test
  void theThresholdsStillBoundTheLookups() {
    SyncEngine engine = engine(store, source).maxDeprovisions(10).build();
    engine.fullSync("manual");
    source.listingVerdict = ListingCheck.Verdict.uncounted();
    source.truncateListingBy = 11;

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.DEPROVISIONING_REFUSED);
    assertThat(source.lookupsById).isEmpty();
  }

  @Test
  void aDeltaRemovalOfAUserTheSourceStillHasIsKept() {
    SyncEngine engine = engine(store, source).build();
    engine.deltaSync("schedule");
    source.users.remove(source.find("id-2"));
    source.deltaPages.put("token-0", DeltaPage.last(List.of(), List.of("id-1", "id-2"), "token-1"));

    SyncReport report = engine.deltaSync("schedule");

    assertThat(report.outcomes()).extracting(UserOutcome::externalId, UserOutcome::kind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("id-1", Kind.KEPT),
            org.assertj.core.groups.Tuple.tuple("id-2", Kind.DEACTIVATED));
    assertThat(store.findByExternalId("entra", "id-1").orElseThrow().active()).isTrue();
  }
}
