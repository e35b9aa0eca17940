package io.github.albauth.usersync.engine;

import static io.github.albauth.usersync.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.engine.SyncReport.Status;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, item 10: every source user's username is canonical; lookalikes are a conflict. */
class CanonicalUsernameTest {

  private static final String NFC = "jos\u00e9";
  private static final String NFD = "jose\u0301";

  private final InMemoryUserStore store = new InMemoryUserStore();
  private final ScriptedSource source = new ScriptedSource().add(3);

  @Test
  void nfcAndNfdFormsOfOneNameAreOneAccountAndAReportedConflict() {
    source.users.add(ScriptedSource.user("id-a", NFC));
    source.users.add(ScriptedSource.user("id-b", NFD));
    SyncEngine engine = engine(store, source).build();

    SyncReport first = engine.fullSync("manual");

    assertThat(first.status()).isEqualTo(Status.PARTIAL);
    assertThat(store.size()).isEqualTo(4);
    assertThat(store.findByUsername(NFC).orElseThrow().externalId()).isEqualTo("id-a");
    assertThat(store.findByUsername(NFD)).isEmpty();
    assertThat(first.failures()).singleElement().satisfies(o -> {
      assertThat(o.externalId()).isEqualTo("id-b");
      assertThat(o.reason()).isEqualTo("username conflict: source user id-a has the same username "
          + NFC + " after canonicalisation (Unicode NFC); one name is one account");
    });

    SyncReport second = engine.fullSync("manual");
    assertThat(second.writes()).as("no name flips between the two forms").isZero();
    assertThat(second.failures()).extracting(UserOutcome::externalId).containsExactly("id-b");
  }

  @Test
  void theUserHoldingTheNameKeepsItWhicheverIsListedFirst() {
    source.users.add(ScriptedSource.user("id-a", NFC));
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.users.add(0, ScriptedSource.user("id-b", NFD)); // the lookalike comes first now

    SyncReport report = engine.fullSync("manual");

    assertThat(report.failures()).extracting(UserOutcome::externalId).containsExactly("id-b");
    assertThat(store.findByUsername(NFC).orElseThrow().externalId()).isEqualTo("id-a");
    assertThat(store.size()).isEqualTo(4);
  }

  @Test
  void aNameStoredInNfdIsRenamedToNfcOnceAndThenLeftAlone() {
    store.create(StoredUser.managed(NFD, "entra", "id-a", true,
        Map.of("email", NFD + "@example.com", "displayName", "User id-a")));
    source.users.add(ScriptedSource.user("id-a", NFD));
    source.find("id-a").put("mail", NFD + "@example.com");
    SyncEngine engine = engine(store, source).build();

    SyncReport first = engine.fullSync("manual");

    assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(store.findByExternalId("entra", "id-a").orElseThrow().username()).isEqualTo(NFC);
    assertThat(engine.fullSync("manual").writes()).isZero();
  }

  @Test
  void aUsernameWithAZeroWidthCharacterFailsThatUserWhoIsNotCleanedUp() {
    SyncEngine engine = engine(store, source).build();
    engine.fullSync("manual");
    source.find("id-1").put("userName", "us\u200Ber1");
    source.users.remove(source.find("id-2"));

    SyncReport report = engine.fullSync("manual");

    assertThat(report.status()).isEqualTo(Status.PARTIAL);
    assertThat(report.failures()).singleElement().satisfies(o -> {
      assertThat(o.externalId()).isEqualTo("id-1");
      assertThat(o.username()).isEqualTo("id-1");
      assertThat(o.reason()).isEqualTo("username of source user id-1 refused (ZERO_WIDTH_CHARACTER):"
          + " username has a zero-width character (U+200B at index 2)");
    });
    assertThat(store.findByUsername("user1").orElseThrow().active()).isTrue();
    assertThat(store.findByUsername("user2").orElseThrow().active()).isFalse();
    assertThat(report.count(Kind.DEACTIVATED)).isEqualTo(1);
  }
}
