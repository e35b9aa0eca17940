package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.Usernames;
import io.github.albauth.usersync.engine.LoginResult.Refusal;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.source.JitSource;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, the property: random sequences of logins — people and attackers, just in time and by
 * lookup (verified or not), with claims holding other people's names, case variants, NFD
 * lookalikes, control, bidi and zero-width characters and non-strings — interleaved with directory
 * renames, disabled users, local accounts appearing, filter changes, admin deactivations and full
 * syncs, against one store (case-sensitive or not), each match key, with and without linking.
 * Invariants: a login that signs in ends in an active account, after a CREATED, UPDATED,
 * UNCHANGED or REACTIVATED outcome, that is bound to its subject and never was to another; a
 * subject only ever signs in to one account; an account found only by username needs the linking
 * option or the subject's earlier binding; a refusal before reconciling writes nothing; an
 * unverified lookup is always refused. Seeded: a failure names its seed (rerun one with {@code
 * -Dlogin.seed=<seed>}).
 */
class LoginPropertyTest {

  private static final int STEPS = 150;
  private static final String ISSUER = "https://idp.example.com";
  private static final Set<Kind> SIGN_IN = Set.of(Kind.CREATED, Kind.UPDATED, Kind.UNCHANGED,
      Kind.REACTIVATED);

  /** Names from the IdP: real ones, their case variants and lookalikes, hostile ones. */
  private static final List<Object> NAMES = List.of("alice", "bob", "carol", "admin", "root",
      "Alice", "ADMIN", "jos\u00e9", "jose\u0301", "Jos\u00c9", "ad\u200Bmin", "\u202Enimda",
      "admin\n", "a\uD800", " ", "", 42, List.of("admin"), "Stra\u00dfe", "STRASSE");

  static LongStream seeds() {
    String one = System.getProperty("login.seed");
    return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 61);
  }

  /** Reads both the token's claims and the directory's records. */
  private static final UserAttributeMapper MAPPER = user -> {
    Map<String, Object> m = new LinkedHashMap<>();
    Object name = user.get("preferred_username");
    m.put("username", name != null ? name : user.get("userName"));
    Object mail = user.get("email");
    m.put("email", mail != null ? mail : user.get("mail"));
    if (user.names().contains("accountEnabled")) {
      m.put("active", user.get("accountEnabled"));
    }
    return MappingResult.mapped(m);
  };

  @ParameterizedTest
  @MethodSource("seeds")
  void noLoginEndsInAnAccountBoundToAnotherSubjectOrNotConfirmedForIt(long seed) {
    try {
      new World(seed).run();
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + " (rerun with -Dlogin.seed=" + seed + "): "
          + e.getMessage(), e);
    }
  }

  private static final class World {
    final Random rnd;
    final InMemoryUserStore store;
    final ScriptedSource directory = new ScriptedSource();
    final Set<String> excluded = new HashSet<>();
    final MatchKey matchKey;
    final boolean link;
    final SyncEngine engine;
    final List<IdpSubject> people = new ArrayList<>();
    final List<IdpSubject> attackers = new ArrayList<>();
    /** Account (source/external id, or local:username) to the subject it was first bound to. */
    final Map<String, IdpSubject> boundTo = new HashMap<>();
    /** Subject to the account it signed in to. */
    final Map<IdpSubject, String> accountOf = new HashMap<>();
    final Set<String> locals = new HashSet<>();
    final List<String> trace = new ArrayList<>();

    World(long seed) {
      rnd = new Random(seed);
      store = rnd.nextBoolean() ? new InMemoryUserStore() : InMemoryUserStore.caseInsensitive();
      matchKey = rnd.nextBoolean() ? MatchKey.EXTERNAL_ID : MatchKey.USERNAME;
      link = rnd.nextInt(3) == 0;
      for (int i = 0; i < 5; i++) {
        people.add(new IdpSubject(ISSUER, "sub-" + i));
        Map<String, Object> record = ScriptedSource.user("dir-" + i, (String) NAMES.get(i));
        record.put("mail", "p" + i + "@corp.example");
        directory.users.add(record);
      }
      attackers.add(new IdpSubject(ISSUER, "attacker-sub-999"));
      attackers.add(new IdpSubject(ISSUER, "evil\n\u202E-2"));
      attackers.add(new IdpSubject("https://other-idp.example.com", "sub-0"));
      store.create(StoredUser.local("admin", true, Map.of()));
      store.createGroup(StoredGroup.local("superusers"));
      store.addMember("superusers", "admin");
      locals.add("admin");
      SyncEngine.Builder builder = SyncEngine.builder().store(store).source(directory)
          .mapper(MAPPER).matchBy(matchKey).filter(u -> !excluded.contains(u.id()))
          .maxDeprovisionShare(1);
      engine = (link ? builder.linkAccountsByUsername() : builder).build();
      trace.add("store " + (store.caseSensitiveUsernames() ? "case-sensitive" : "case-insensitive")
          + ", " + matchKey + (link ? ", linking" : ""));
    }

    void run() {
      for (int step = 0; step < STEPS; step++) {
        int op = rnd.nextInt(20);
        if (op < 8) {
          jitLogin();
        } else if (op < 12) {
          lookupLogin();
        } else if (op == 12) {
          Map<String, Object> record = pick(directory.users);
          Object name = pick(NAMES);
          record.put("userName", name);
          trace.add("directory renames " + record.get("id") + " to " + describe(name));
        } else if (op == 13) {
          Map<String, Object> record = pick(directory.users);
          record.put("accountEnabled", !Boolean.TRUE.equals(record.get("accountEnabled")));
          trace.add("directory sets " + record.get("id") + " enabled " + record.get("accountEnabled"));
        } else if (op == 14) {
          addLocalAccount();
        } else if (op == 15) {
          String id = rnd.nextBoolean() ? "dir-" + rnd.nextInt(5) : "sub-" + rnd.nextInt(5);
          if (excluded.remove(id)) {
            trace.add("filter includes " + id);
          } else {
            excluded.add(id);
            trace.add("filter excludes " + id);
          }
        } else if (op == 16 || op == 17) {
          SyncReport report = engine.fullSync("step " + step);
          trace.add("full sync: " + report.status());
        } else {
          toggleAnAccount();
        }
        checkBindingsNeverChange();
      }
    }

    void jitLogin() {
      IdpSubject subject = rnd.nextInt(4) == 0 ? pick(attackers) : pick(people);
      Map<String, Object> claims = new HashMap<>();
      claims.put("sub", subject.subject());
      int own = people.indexOf(subject);
      Object name = own >= 0 && rnd.nextBoolean()
          ? directory.find("dir-" + own).get("userName") : pick(NAMES);
      claims.put("preferred_username", name);
      claims.put("email", subject.subject() + "@mail.example.com");
      SourceUser user = JitSource.fromSub().user(claims);
      trace.add("jit " + subject + " as " + describe(name));
      check(LoginRequest.jit(subject, user), subject, subject.subject(), false);
    }

    void lookupLogin() {
      IdpSubject subject = rnd.nextInt(3) == 0 ? pick(attackers) : pick(people);
      int whose = rnd.nextInt(6);
      String mail = "p" + whose + "@corp.example";
      boolean verified = rnd.nextInt(3) > 0;
      trace.add("lookup " + subject + " by mail " + mail + (verified ? "" : " (unverified)"));
      String dirId = whose < 5 ? "dir-" + whose : "nobody";
      check(LoginRequest.lookup(subject, "mail", mail, verified), subject, dirId, !verified);
    }

    void check(LoginRequest request, IdpSubject subject, String loginId, boolean unverified) {
      long writes = store.writes();
      LoginResult result = engine.login(request);
      trace.add("  -> " + (result.isSignedIn() ? "signed in: " : result.refusal() + ": ")
          + result.message());
      if (unverified) {
        assertThat(result.refusal()).as(trace()).isEqualTo(Refusal.UNVERIFIED_SELECTOR);
      }
      if (!result.isSignedIn()) {
        assertThat(result.groups()).isEmpty();
        if (result.outcome() == null) {
          assertThat(store.writes()).as("a refusal before reconciling writes nothing\n" + trace())
              .isEqualTo(writes);
        }
        return;
      }
      StoredUser account = result.account();
      assertThat(account.active()).as(trace()).isTrue();
      assertThat(SIGN_IN).as(trace()).contains(result.outcome().kind());
      assertThat(store.boundSubject(account.username())).as(trace()).contains(subject);
      String id = account.source() == null
          ? "local:" + account.username() : account.source() + "/" + account.externalId();
      IdpSubject before = boundTo.putIfAbsent(id, subject);
      assertThat(before).as("account " + id + " bound to another subject\n" + trace())
          .isIn(null, subject);
      String previous = accountOf.putIfAbsent(subject, id);
      assertThat(previous).as("subject signed in to two accounts\n" + trace()).isIn(null, id);
      if (account.source() == null) {
        assertThat(link || before != null).as("a local account without linking\n" + trace())
            .isTrue();
        assertThat(locals).contains(account.username());
        return;
      }
      assertThat(store.findByExternalId(account.source(), account.externalId()))
          .as(trace()).contains(account);
      boolean confirmed = account.externalId().equals(loginId)
          || result.outcome().kind() == Kind.CREATED || before != null;
      assertThat(confirmed || link)
          .as("account found by username only, signed in without linking\n" + trace()).isTrue();
      if (matchKey == MatchKey.EXTERNAL_ID) {
        assertThat(account.externalId()).as(trace()).isEqualTo(loginId);
      }
    }

    /** No binding ever moves to another subject, whatever renames and syncs did. */
    void checkBindingsNeverChange() {
      boundTo.forEach((id, subject) -> {
        Optional<StoredUser> account = id.startsWith("local:")
            ? store.findByUsername(id.substring("local:".length()))
            : store.findByExternalId(id.substring(0, id.indexOf('/')),
                id.substring(id.indexOf('/') + 1));
        assertThat(account).as(id + "\n" + trace()).isPresent();
        assertThat(store.boundSubject(account.get().username())).as(id + "\n" + trace())
            .contains(subject);
      });
    }

    void addLocalAccount() {
      Usernames.Result name = pick(NAMES) instanceof String s ? Usernames.canonicalize(s)
          : Usernames.canonicalize(null);
      if (name.isValid() && store.findByUsername(name.username()).isEmpty()) {
        store.create(StoredUser.local(name.username(), true, Map.of()));
        locals.add(name.username());
        trace.add("host creates local account " + describe(name.username()));
      }
    }

    void toggleAnAccount() {
      List<StoredUser> managed;
      try (var users = store.managedBy("entra")) {
        managed = users.toList();
      }
      if (managed.isEmpty()) {
        return;
      }
      StoredUser user = pick(managed);
      if (user.active()) {
        store.deactivate(user.username());
      } else {
        store.reactivate(user.username());
      }
      trace.add("host sets " + describe(user.username()) + " active " + !user.active());
    }

    <T> T pick(List<T> list) {
      return list.get(rnd.nextInt(list.size()));
    }

    String trace() {
      return String.join("\n", trace);
    }

    static String describe(@Nullable Object name) {
      return name instanceof String s
          ? '"' + io.github.albauth.usersync.engine.internal.LogSafe.escape(s) + '"'
          : String.valueOf(name);
    }
  }
}
