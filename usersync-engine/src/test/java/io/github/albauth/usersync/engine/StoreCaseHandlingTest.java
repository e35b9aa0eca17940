package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 4: the store declares whether usernames are case-sensitive, and a sync compares
 * names the same way: matching, rename detection, conflicts, swaps, protected users.
 */
class StoreCaseHandlingTest {

  private final InMemoryUserStore insensitive = InMemoryUserStore.caseInsensitive();
  private final ScriptedSource source = new ScriptedSource();

  @Test
  void twoSourceUsersWhoseNamesDifferOnlyInCaseAreOneAccountAndAConflict() {
    source.users.add(ScriptedSource.user("id-a", "Alice"));
    source.users.add(ScriptedSource.user("id-b", "alice"));
    SyncEngine engine = engine(insensitive, source).build();

    SyncReport first = engine.fullSync("manual");

    assertThat(first.status()).isEqualTo(Status.PARTIAL);
    assertThat(insensitive.size()).isEqualTo(1);
    assertThat(insensitive.findByUsername("alice").orElseThrow().externalId()).isEqualTo("id-a");
    assertThat(first.failures()).singleElement().satisfies(o -> {
      assertThat(o.externalId()).isEqualTo("id-b");
      assertThat(o.reason()).isEqualTo("username conflict: source user id-a has the same username"
          + " alice after canonicalisation (Unicode NFC, case ignored); one name is one account");
    });
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aCaseSensitiveStoreHoldsBothNames() {
    InMemoryUserStore sensitive = new InMemoryUserStore();
    source.users.add(ScriptedSource.user("id-a", "Alice"));
    source.users.add(ScriptedSource.user("id-b", "alice"));

    SyncReport report = engine(sensitive, source).build().fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(sensitive.size()).isEqualTo(2);
  }

  @Test
  void aCaseOnlyRenameIsNoRenameInACaseInsensitiveStoreAndOneInACaseSensitiveStore() {
    InMemoryUserStore sensitive = new InMemoryUserStore();
    source.users.add(ScriptedSource.user("id-a", "alice"));
    SyncEngine folding = engine(insensitive, source).build();
    SyncEngine exact = engine(sensitive, source).build();
    folding.fullSync("manual");
    exact.fullSync("manual");
    source.find("id-a").put("userName", "Alice");

    SyncReport kept = folding.fullSync("manual");
    SyncReport renamed = exact.fullSync("manual");

    assertThat(kept.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(kept.writes()).isZero();
    assertThat(insensitive.findByExternalId("entra", "id-a").orElseThrow().username())
        .isEqualTo("alice");
    assertThat(renamed.count(Kind.UPDATED)).isEqualTo(1);
    assertThat(sensitive.findByExternalId("entra", "id-a").orElseThrow().username())
        .isEqualTo("Alice");
  }

  @Test
  void aSwapWhoseNewNamesDifferInCaseFromTheOldOnesSettles() {
    source.users.add(ScriptedSource.user("id-a", "alice"));
    source.users.add(ScriptedSource.user("id-b", "bob"));
    SyncEngine engine = engine(insensitive, source).build();
    engine.fullSync("manual");
    source.find("id-a").put("userName", "BOB");
    source.find("id-b").put("userName", "ALICE");

    SyncReport report = engine.fullSync("manual");

    assertThat(report.failures()).isEmpty();
    assertThat(insensitive.findByExternalId("entra", "id-a").orElseThrow().username())
        .isEqualTo("BOB");
    assertThat(insensitive.findByExternalId("entra", "id-b").orElseThrow().username())
        .isEqualTo("ALICE");
  }

  @Test
  void aProtectedUserIsProtectedWhateverTheCaseItIsNamedIn() {
    source.add(8);
    SyncEngine engine = engine(insensitive, source).protectUsers("USER0").build();
    engine.fullSync("manual");
    source.users.remove(source.find("id-0"));

    engine.fullSync("manual");

    assertThat(insensitive.findByUsername("user0").orElseThrow().active()).isTrue();
  }
}
