package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.engine.LoginResult.Refusal;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11: a login ends in the account the engine created or confirmed for the login's IdP
 * subject, or in none. Each reproduction of the security review is one test here.
 */
class IdentityBindingTest {

  static final String ISSUER = "https://idp.example.com";

  /** Maps OIDC claims: preferred_username, email, groups; "contractor" skips the user. */
  static final UserAttributeMapper CLAIMS = claims -> {
    if ("skip".equals(claims.get("department"))) {
      return MappingResult.skipped("department is skip");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", claims.get("preferred_username"));
    m.put("email", claims.get("email"));
    if (claims.names().contains("accountEnabled")) {
      m.put("active", claims.get("accountEnabled"));
    }
    if (claims.names().contains("groups")) {
      m.put("groups", claims.get("groups"));
    }
    return MappingResult.mapped(m);
  };

  private final InMemoryUserStore store = new InMemoryUserStore();

  static IdpSubject subject(String sub) {
    return new IdpSubject(ISSUER, sub);
  }

  static Map<String, Object> claims(String sub, Object username) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", sub);
    claims.put("preferred_username", username);
    claims.put("email", sub + "@mail.example.com");
    return claims;
  }

  static LoginRequest jit(String sub, Object username) {
    return jit(claims(sub, username));
  }

  static LoginRequest jit(Map<String, Object> claims) {
    return LoginRequest.jit(subject((String) claims.get("sub")), JitSource.fromSub().user(claims));
  }

  /** A just-in-time login whose external id is Entra's oid claim, not the subject. */
  static LoginRequest byOid(String sub, String oid, String username) {
    Map<String, Object> claims = claims(sub, username);
    claims.put("oid", oid);
    return LoginRequest.jit(subject(sub), JitSource.fromClaim("oid").user(claims));
  }

  private SyncEngine.Builder jitEngine() {
    return SyncEngine.builder().store(store).sourceId("idp").mapper(CLAIMS);
  }

  private static List<String> sorted(java.util.stream.Stream<String> names) {
    try (names) {
      return names.sorted().toList();
    }
  }

  private void givenLocalAdminInSuperusers() {
    store.create(StoredUser.local("admin", true, Map.of("email", "root@corp.example")));
    store.createGroup(StoredGroup.local("superusers"));
    store.addMember("superusers", "admin");
  }

  @Test
  void aLoginCreatesTheAccountBindsItsSubjectAndReturnsItWithItsGroups() {
    SyncEngine engine = jitEngine().defaultGroups("app-users").build();
    Map<String, Object> claims = claims("sub-alice", "alice");
    claims.put("groups", List.of("staff"));

    LoginResult first = engine.login(jit(claims));

    assertThat(first.isSignedIn()).isTrue();
    assertThat(first.refusal()).isNull();
    assertThat(first.account()).isEqualTo(store.findByExternalId("idp", "sub-alice").orElseThrow());
    assertThat(first.groups()).containsExactly("app-users", "staff");
    assertThat(first.outcome().kind()).isEqualTo(Kind.CREATED);
    assertThat(first.message()).isEqualTo("signed in to account alice (CREATED)");
    assertThat(store.boundSubject("alice")).contains(subject("sub-alice"));

    LoginResult again = engine.login(jit(claims));
    assertThat(again.account().username()).isEqualTo("alice");
    assertThat(again.outcome().kind()).isEqualTo(Kind.UNCHANGED);
  }

  /** Review item 1: MatchKey.USERNAME and a local admin: a token naming admin got 200 as admin. */
  @Test
  void aLocalAdminIsNotTakenOverByAUsernameMatch() {
    givenLocalAdminInSuperusers();
    SyncEngine engine = jitEngine().matchBy(MatchKey.USERNAME).build();
    long writes = store.writes();

    LoginResult result = engine.login(jit("attacker-sub", "admin"));

    assertThat(result.isSignedIn()).isFalse();
    assertThat(result.refusal()).isEqualTo(Refusal.LOCAL_ACCOUNT);
    assertThat(result.groups()).isEmpty();
    assertThat(result.message()).isEqualTo("username admin belongs to a local account;"
        + " a login links to it only with linkAccountsByUsername()");
    assertThat(store.writes()).as("nothing written").isEqualTo(writes);
    assertThat(store.boundSubject("admin")).isEmpty();
  }

  @Test
  void aLocalAccountIsNotTakenOverWithTheDefaultExternalIdMatchEither() {
    givenLocalAdminInSuperusers();
    SyncEngine engine = jitEngine().build();

    LoginResult result = engine.login(jit("attacker-sub", "admin"));

    assertThat(result.refusal()).isEqualTo(Refusal.LOCAL_ACCOUNT);
    assertThat(store.findByExternalId("idp", "attacker-sub")).isEmpty();
    assertThat(store.boundSubject("admin")).isEmpty();
  }

  @Test
  void linkingLocalAccountsIsExplicitBindsTheFirstSubjectAndRefusesTheNext() {
    givenLocalAdminInSuperusers();
    SyncEngine engine = jitEngine().linkAccountsByUsername().build();
    StoredUser before = store.findByUsername("admin").orElseThrow();

    LoginResult owner = engine.login(jit("admin-sub", "admin"));
    LoginResult attacker = engine.login(jit("attacker-sub", "admin"));

    assertThat(owner.account()).isEqualTo(before);
    assertThat(owner.groups()).containsExactly("superusers");
    assertThat(owner.message()).isEqualTo("signed in to local account admin");
    assertThat(attacker.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(attacker.message()).isEqualTo("account admin is bound to another subject");
    assertThat(store.findByUsername("admin")).contains(before);
    assertThat(store.boundSubject("admin")).contains(subject("admin-sub"));

    SyncEngine afterMigration = jitEngine().build();
    assertThat(afterMigration.login(jit("admin-sub", "admin")).isSignedIn())
        .as("a linked account keeps its binding when linking is turned off").isTrue();
    assertThat(afterMigration.login(jit("other-sub", "admin")).refusal())
        .isEqualTo(Refusal.SUBJECT_MISMATCH);
  }

  /** Review item 1: the filter excludes contractors, the engine said SKIPPED, and the login got in. */
  @Test
  void aUserTheFilterExcludesIsRefusedEvenWithAnAccount() {
    Map<String, Object> claims = claims("sub-carol", "carol");
    assertThat(jitEngine().build().login(jit(claims)).isSignedIn()).isTrue();
    claims.put("employeeType", "contractor");
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("idp").mapper(CLAIMS)
        .filter(u -> !"contractor".equals(u.attributes().get("employeeType"))).build();

    LoginResult result = engine.login(jit(claims));

    assertThat(result.refusal()).isEqualTo(Refusal.FILTERED);
    assertThat(result.message()).isEqualTo("excluded by filter");
    assertThat(result.account()).isNull();
    assertThat(result.outcome().kind()).isEqualTo(Kind.SKIPPED);
  }

  @Test
  void aUserTheMappingSkipsIsRefused() {
    Map<String, Object> claims = claims("sub-dave", "dave");
    claims.put("department", "skip");

    LoginResult result = jitEngine().build().login(jit(claims));

    assertThat(result.refusal()).isEqualTo(Refusal.SKIPPED);
    assertThat(result.message()).isEqualTo("department is skip");
    assertThat(store.size()).isZero();
  }

  private static ScriptedSource withCeo(ScriptedSource directory) {
    directory.users.add(ScriptedSource.user("dir-ceo", "ceo"));
    directory.find("dir-ceo").put("mail", "ceo@corp.example");
    return directory;
  }

  /** Review item 2 (nOAuth): a lookup by an unverified email signed the attacker in as the CEO. */
  @Test
  void aLookupByAnUnverifiedEmailIsRefusedBeforeTheDirectoryOrTheStoreIsAsked() {
    AtomicInteger lookups = new AtomicInteger();
    SyncEngine engine = Fixtures.engine(store, withCeo(new ScriptedSource() {
      @Override
      public Optional<SourceUser> lookup(String attribute, String value) {
        lookups.incrementAndGet();
        return super.lookup(attribute, value);
      }
    })).build();

    LoginResult result = engine.login(
        LoginRequest.lookup(subject("attacker-sub-999"), "mail", "ceo@corp.example", false));

    assertThat(result.refusal()).isEqualTo(Refusal.UNVERIFIED_SELECTOR);
    assertThat(result.message())
        .isEqualTo("lookup by mail refused: the IdP does not vouch for the value");
    assertThat(lookups).hasValue(0);
    assertThat(store.writes()).isZero();
  }

  @Test
  void aLookupResultIsBoundToTheSubjectOfItsFirstLogin() {
    SyncEngine engine = Fixtures.engine(store, withCeo(new ScriptedSource())).build();

    LoginResult ceo = engine.login(
        LoginRequest.lookup(subject("ceo-sub"), "mail", "ceo@corp.example", true));
    LoginResult other = engine.login(
        LoginRequest.lookup(subject("attacker-sub-999"), "mail", "ceo@corp.example", true));
    LoginResult nobody = engine.login(
        LoginRequest.lookup(subject("ceo-sub"), "mail", "nobody@corp.example", true));

    assertThat(ceo.account().externalId()).isEqualTo("dir-ceo");
    assertThat(store.boundSubject("ceo")).contains(subject("ceo-sub"));
    assertThat(other.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(nobody.refusal()).isEqualTo(Refusal.NOT_FOUND);
    assertThat(nobody.message()).isEqualTo("no user in entra has mail nobody@corp.example");
  }

  /**
   * An attacker whose token names a bound account (by username, with MatchKey.USERNAME) is
   * refused before the engine writes anything to the account: its attributes and groups stay.
   */
  @Test
  void anotherSubjectOnABoundAccountIsRefusedAndChangesNothing() {
    SyncEngine engine = jitEngine().matchBy(MatchKey.USERNAME).build();
    Map<String, Object> alice = claims("sub-alice", "alice");
    alice.put("groups", List.of("finance"));
    engine.login(jit(alice));
    StoredUser before = store.findByUsername("alice").orElseThrow();
    long writes = store.writes();
    Map<String, Object> attacker = claims("sub-mallory", "alice");
    attacker.put("groups", List.of());

    LoginResult result = engine.login(jit(attacker));

    assertThat(result.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(result.outcome()).isNull();
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(store.findByUsername("alice")).contains(before);
    assertThat(sorted(store.groupsOf("alice"))).containsExactly("finance");
  }

  @Test
  void aBoundAccountMatchedByItsIdRefusesAnotherSubjectToo() {
    SyncEngine engine = jitEngine().build();
    engine.login(byOid("sub-alice", "oid-alice", "alice"));

    LoginResult result = engine.login(byOid("sub-other", "oid-alice", "alice"));

    assertThat(result.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(store.boundSubject("alice")).contains(subject("sub-alice"));
  }

  @Test
  void anUnboundAccountFoundByUsernameOnlyNeedsLinking() {
    ScriptedSource directory = new ScriptedSource();
    directory.users.add(ScriptedSource.user("dir-7", "bob"));
    SyncEngine sync = Fixtures.engine(store, directory).matchBy(MatchKey.USERNAME).build();
    sync.fullSync("manual");
    Map<String, Object> claims = claims("sub-bob", "bob");
    claims.put("email", "bob@example.com");

    LoginResult refused = SyncEngine.builder().store(store).sourceId("entra").mapper(CLAIMS)
        .matchBy(MatchKey.USERNAME).build().login(jit(claims));
    SyncEngine linking = SyncEngine.builder().store(store).sourceId("entra").mapper(CLAIMS)
        .matchBy(MatchKey.USERNAME).linkAccountsByUsername().build();
    LoginResult linked = linking.login(jit(claims));

    assertThat(refused.refusal()).isEqualTo(Refusal.UNCONFIRMED_ACCOUNT);
    assertThat(linked.account().externalId()).isEqualTo("dir-7");
    assertThat(store.boundSubject("bob")).contains(subject("sub-bob"));
  }

  @Test
  void aSubjectBoundToOneAccountCannotSignInToAnother() {
    SyncEngine engine = jitEngine().build();
    engine.login(byOid("sub-alice", "oid-1", "alice"));

    LoginResult other = engine.login(byOid("sub-alice", "oid-2", "alice2"));

    assertThat(other.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(other.message())
        .isEqualTo("the login's subject is bound to another account than alice2");
    assertThat(store.boundSubject("alice2")).isEmpty();
    assertThat(store.boundSubject("alice")).contains(subject("sub-alice"));
  }

  /** Review item 4: lookalike names (NFC/NFD) are one name, so the second is a conflict. */
  @Test
  void nfcAndNfdLookalikesAreOneAccountNotTwo() {
    SyncEngine engine = jitEngine().build();
    engine.login(jit("sub-jose", "jos\u00e9"));

    LoginResult lookalike = engine.login(jit("sub-other", "jose\u0301"));

    assertThat(lookalike.refusal()).isEqualTo(Refusal.CONFLICT);
    assertThat(lookalike.message())
        .isEqualTo("username jos\\u00e9 belongs to another user of idp");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void caseVariantsAreOneNameInACaseInsensitiveStoreAndTwoInACaseSensitiveOne() {
    InMemoryUserStore insensitive = InMemoryUserStore.caseInsensitive();
    SyncEngine folding = SyncEngine.builder().store(insensitive).sourceId("idp").mapper(CLAIMS).build();
    folding.login(jit("sub-admin", "Admin"));
    assertThat(folding.login(jit("sub-other", "admin")).refusal()).isEqualTo(Refusal.CONFLICT);
    assertThat(insensitive.size()).isEqualTo(1);

    SyncEngine exact = jitEngine().build();
    exact.login(jit("sub-admin", "Admin"));
    assertThat(exact.login(jit("sub-other", "admin")).isSignedIn()).isTrue();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aCaseOnlyChangeOfTheClaimKeepsTheStoredSpellingInACaseInsensitiveStore() {
    InMemoryUserStore insensitive = InMemoryUserStore.caseInsensitive();
    SyncEngine engine = SyncEngine.builder().store(insensitive).sourceId("idp").mapper(CLAIMS).build();
    engine.login(jit("sub-admin", "Admin"));

    LoginResult result = engine.login(jit("sub-admin", "ADMIN"));

    assertThat(result.account().username()).isEqualTo("Admin");
    assertThat(result.outcome().kind()).isEqualTo(Kind.UNCHANGED);
  }

  /** Review item 4: hostile characters and non-string names are refused, nothing is written. */
  @ParameterizedTest
  @CsvSource({
      "'ad\u200Bmin', username of source user s1 refused (ZERO_WIDTH_CHARACTER): username has a zero-width character (U+200B at index 2)",
      "'\u202Enimda', username of source user s1 refused (BIDI_CHARACTER): username has a bidirectional control (U+202E at index 0)",
      "'admin\tINFO forged', username of source user s1 refused (CONTROL_CHARACTER): username has a control character (U+0009 at index 5)",
      "'a\uD800', username of source user s1 refused (UNPAIRED_SURROGATE): username has an unpaired surrogate (U+D800 at index 1)",
      "' ', username of source user s1 refused (BLANK): username is blank",
  })
  void hostileUsernamesAreRefused(String username, String message) {
    LoginResult result = jitEngine().build().login(jit("s1", username));

    assertThat(result.refusal()).isEqualTo(Refusal.INVALID_USERNAME);
    assertThat(result.message()).isEqualTo(message);
    assertThat(store.writes()).isZero();
  }

  @Test
  void nonStringUsernamesAreRefused() {
    SyncEngine engine = jitEngine().build();
    for (Object name : List.of(42, List.of("admin"), Map.of("name", "admin"))) {
      LoginResult result = engine.login(jit("s1", name));
      assertThat(result.refusal()).as("%s", name).isEqualTo(Refusal.INVALID_USERNAME);
      assertThat(result.message())
          .isEqualTo("mapping yielded no username for source user s1; map username");
    }
    assertThat(store.writes()).isZero();
  }

  @Test
  void messagesEscapeWhatTheIdpControls() {
    LoginResult result = jitEngine().build().login(jit("s\u001b[31m\u202E", "ad\u200Bmin"));

    assertThat(result.message()).startsWith("username of source user s\\u001b[31m\\u202e refused");
    assertThat(result.message().chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  @Test
  void anInactiveAccountIsRefusedAndJitNeverReactivatesIt() {
    SyncEngine engine = jitEngine().build();
    engine.login(jit("sub-alice", "alice"));
    store.deactivate("alice");

    LoginResult result = engine.login(jit("sub-alice", "alice"));

    assertThat(result.refusal()).isEqualTo(Refusal.DEACTIVATED);
    assertThat(store.findByUsername("alice").orElseThrow().active()).isFalse();
  }

  @Test
  void aLookupOfAUserTheDirectoryDisabledIsRefused() {
    ScriptedSource directory = new ScriptedSource().add(1);
    directory.find("id-0").put("accountEnabled", false);
    SyncEngine engine = Fixtures.engine(store, directory).build();

    LoginResult created = engine.login(
        LoginRequest.lookup(subject("sub-0"), "mail", "user0@example.com", true));
    directory.find("id-0").put("accountEnabled", true);
    LoginResult reactivated = engine.login(
        LoginRequest.lookup(subject("sub-0"), "mail", "user0@example.com", true));
    directory.find("id-0").put("accountEnabled", false);
    LoginResult deactivated = engine.login(
        LoginRequest.lookup(subject("sub-0"), "mail", "user0@example.com", true));

    assertThat(created.refusal()).isEqualTo(Refusal.DEACTIVATED);
    assertThat(created.outcome().kind()).isEqualTo(Kind.CREATED);
    assertThat(reactivated.outcome().kind()).isEqualTo(Kind.REACTIVATED);
    assertThat(reactivated.isSignedIn()).isTrue();
    assertThat(deactivated.refusal()).isEqualTo(Refusal.DEACTIVATED);
    assertThat(deactivated.outcome().kind()).isEqualTo(Kind.DEACTIVATED);
  }

  @Test
  void aUsernameOfAnotherSourceIsAConflict() {
    store.create(StoredUser.managed("alice", "okta", "okta-1", true, Map.of()));

    LoginResult result = jitEngine().build().login(jit("sub-alice", "alice"));

    assertThat(result.refusal()).isEqualTo(Refusal.CONFLICT);
    assertThat(result.message()).isEqualTo("username alice belongs to a user of source okta");
  }

  @Test
  void outagesAreRefusalsThatSayWhichDependencyFailed() {
    ScriptedSource failing = new ScriptedSource() {
      @Override
      public Optional<SourceUser> lookup(String attribute, String value) {
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "HTTP 503");
      }
    };
    LoginResult source = Fixtures.engine(store, failing).build()
        .login(LoginRequest.lookup(subject("s"), "mail", "a@b", true));
    assertThat(source.refusal()).isEqualTo(Refusal.SOURCE_UNAVAILABLE);
    assertThat(source.message()).isEqualTo("lookup by mail failed: HTTP 503");

    class DownStore extends DelegatingStore implements SubjectBindings {
      DownStore() {
        super(store);
      }

      @Override
      public Optional<StoredUser> findByExternalId(String source, String externalId) {
        throw new UserSyncException(UserSyncException.Reason.STORE_UNAVAILABLE, "no connection");
      }

      @Override
      public Optional<IdpSubject> boundSubject(String username) {
        return store.boundSubject(username);
      }

      @Override
      public IdpSubject bind(String username, IdpSubject subject) {
        return store.bind(username, subject);
      }
    }
    LoginResult down = SyncEngine.builder().store(new DownStore()).sourceId("idp").mapper(CLAIMS)
        .build().login(jit("s", "alice"));
    assertThat(down.refusal()).isEqualTo(Refusal.STORE_UNAVAILABLE);
    assertThat(down.message()).isEqualTo("user store failed: no connection");
  }

  @Test
  void loginNeedsAStoreThatBindsSubjectsAndALookupNeedsASourceThatLooksUp() {
    SyncEngine plain = SyncEngine.builder().store(new DelegatingStore(store)).sourceId("idp")
        .mapper(CLAIMS).build();
    assertThatThrownBy(() -> plain.login(jit("s", "alice")))
        .isInstanceOfSatisfying(UserSyncException.class,
            e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.UNSUPPORTED))
        .hasMessage("store io.github.albauth.usersync.engine.DelegatingStore does not implement"
            + " SubjectBindings, which login needs to bind accounts to subjects");
    assertThatThrownBy(() -> jitEngine().build()
            .login(LoginRequest.lookup(subject("s"), "mail", "a@b", true)))
        .hasMessage("source idp does not implement UserLookup");
    assertThatThrownBy(() -> LoginRequest.lookup(subject("s"), "mail", " ", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lookup value is blank; give the claim to look up by");
  }

  @Test
  void aLoginResultHasAnAccountOrARefusal() {
    StoredUser alice = StoredUser.local("alice", true, Map.of());
    assertThatThrownBy(() -> new LoginResult(null, java.util.Set.of(), null, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoginResult(alice, java.util.Set.of(), Refusal.CONFLICT, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoginResult(null, java.util.Set.of("g"), Refusal.CONFLICT, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Another node's login bound the account between this login's check and its bind (the store's
   * bind is the one atomic step): this login is refused.
   */
  @Test
  void aFirstBindLostToAnotherNodeIsRefused() {
    class RacedStore extends DelegatingStore implements SubjectBindings {
      RacedStore() {
        super(store);
      }

      @Override
      public Optional<IdpSubject> boundSubject(String username) {
        return Optional.empty(); // read before the other node bound it
      }

      @Override
      public IdpSubject bind(String username, IdpSubject subject) {
        store.bind(username, subject("sub-other-node"));
        return store.bind(username, subject);
      }
    }
    SyncEngine engine = SyncEngine.builder().store(new RacedStore()).sourceId("idp").mapper(CLAIMS)
        .build();

    LoginResult result = engine.login(jit("sub-alice", "alice"));

    assertThat(result.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH);
    assertThat(result.outcome().kind()).isEqualTo(Kind.CREATED);
    assertThat(store.boundSubject("alice")).contains(subject("sub-other-node"));
  }

  /** Two subjects racing to link one local account: exactly one gets in. */
  @Test
  @Timeout(30)
  void concurrentFirstLoginsToOneAccountHaveOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        String name = "shared-" + round;
        store.create(StoredUser.local(name, true, Map.of()));
        SyncEngine engine = jitEngine().linkAccountsByUsername().build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginResult>> logins = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          String sub = name + "-sub-" + t;
          logins.add(pool.submit(() -> {
            start.await();
            return engine.login(jit(sub, name));
          }));
        }
        start.countDown();
        List<LoginResult> results = new ArrayList<>();
        for (Future<LoginResult> login : logins) {
          results.add(login.get());
        }
        assertThat(results).filteredOn(LoginResult::isSignedIn).hasSize(1);
        assertThat(results).filteredOn(r -> !r.isSignedIn())
            .allSatisfy(r -> assertThat(r.refusal()).isEqualTo(Refusal.SUBJECT_MISMATCH));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
