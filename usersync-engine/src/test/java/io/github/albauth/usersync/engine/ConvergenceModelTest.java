package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SyncState;
import io.github.albauth.usersync.SyncStateStore;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, the model-based test: random sequences of source changes (creates, renames, swaps,
 * three-way cycles, removals, re-adds, status and mail changes, group moves, group renames and
 * swaps) interleaved with injected faults (a source failing mid-listing, a truncated last page,
 * store writes failing, an expired delta token, a hanging source), each followed by a full or delta
 * run. Invariants: no run ever deprovisions a user the source still returns active; after a final
 * fault-free full sync the store equals the source's desired state. Seeded: a failure names its seed
 * (rerun one with {@code -Dmodel.seed=<seed>}).
 */
class ConvergenceModelTest {

  private static final int STEPS = 40;

  static LongStream seeds() {
    String one = System.getProperty("model.seed");
    return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 41);
  }

  /** The source: ScriptedSource plus scripted delta rounds and a hang. */
  private static final class ModelSource extends ScriptedSource {
    /** token -> ids changed (or removed) since it was issued. */
    final Map<String, Set<String>> changedSince = new HashMap<>();
    int tokens;
    boolean hang;

    String issueToken() {
      String token = "t" + ++tokens;
      changedSince.put(token, new HashSet<>());
      return token;
    }

    void changed(String id) {
      changedSince.values().forEach(s -> s.add(id));
    }

    @Override
    public String currentDeltaToken() {
      return issueToken();
    }

    /** Scripts the round the engine will ask for next: one page with every change since. */
    void scriptRound(String token) {
      Set<String> ids = changedSince.getOrDefault(token, Set.of());
      List<SourceUser> changed = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      for (String id : new TreeSet<>(ids)) {
        Optional<Map<String, Object>> u = users.stream().filter(x -> id.equals(x.get("id"))).findFirst();
        if (u.isPresent()) {
          changed.add(SourceUser.of(id, new LinkedHashMap<>(u.get())));
        } else {
          removed.add(id);
        }
      }
      deltaPages.put(token, DeltaPage.last(changed, removed, issueToken()));
    }

    @Override
    public Stream<SourceUser> users() {
      if (hang) {
        hang = false;
        try {
          new java.util.concurrent.CountDownLatch(1).await(); // until the engine interrupts
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "interrupted");
      }
      return super.users();
    }
  }

  /** An in-memory store whose user writes fail at random while faults are on. */
  private static final class FlakyStore implements UserStore, GroupStore {
    final InMemoryUserStore d = new InMemoryUserStore();
    Random random = new Random(0);
    double failure;

    private void maybeFail(String what) {
      if (failure > 0 && random.nextDouble() < failure) {
        throw new UserSyncException(UserSyncException.Reason.STORE_FAILED, "injected: " + what);
      }
    }

    @Override public Optional<StoredUser> findByUsername(String u) { return d.findByUsername(u); }
    @Override public Optional<StoredUser> findByExternalId(String s, String id) {
      return d.findByExternalId(s, id);
    }
    @Override public void create(StoredUser user) { maybeFail("create"); d.create(user); }
    @Override public void update(String u, UserUpdate up) { maybeFail("update"); d.update(u, up); }
    @Override public void deactivate(String u) { maybeFail("deactivate"); d.deactivate(u); }
    @Override public void reactivate(String u) { maybeFail("reactivate"); d.reactivate(u); }
    @Override public Stream<StoredUser> managedBy(String s) { return d.managedBy(s); }
    @Override public Optional<StoredGroup> findGroup(String n) { return d.findGroup(n); }
    @Override public void createGroup(StoredGroup g) { d.createGroup(g); }
    @Override public void renameGroup(String n, String to) { d.renameGroup(n, to); }
    @Override public void addMember(String g, String u) { d.addMember(g, u); }
    @Override public void addManagedMember(String g, String u, String s) {
      maybeFail("addManagedMember");
      d.addManagedMember(g, u, s);
    }
    @Override public Stream<String> managedMembers(String g, String s) { return d.managedMembers(g, s); }
    @Override public Stream<String> managedMemberships(String u, String s) {
      return d.managedMemberships(u, s);
    }
    @Override public void removeMember(String g, String u) { d.removeMember(g, u); }
    @Override public Stream<String> members(String g) { return d.members(g); }
    @Override public Stream<String> groupsOf(String u) { return d.groupsOf(u); }
    @Override public Stream<StoredGroup> managedGroups(String s) { return d.managedGroups(s); }
  }

  /** One seeded history. */
  private static final class Model {
    final Random random;
    final ModelSource source = new ModelSource();
    final FlakyStore store = new FlakyStore();
    final SyncStateStore states = new InMemorySyncStateStore();
    final List<String> log = new ArrayList<>();
    final Map<String, Map<String, Object>> removed = new LinkedHashMap<>();
    final Set<String> everCreated = new HashSet<>();
    int names;
    int ids;
    int groupNames;
    SyncReport last;

    final long seed;

    Model(long seed) {
      this.seed = seed;
      random = new Random(seed);
      store.random = new Random(seed * 31);
      source.pageSize = 4;
      for (int i = 0; i < 16; i++) {
        addUser();
      }
      for (int g = 0; g < 4; g++) {
        source.groups.put("group" + g, new ArrayList<>());
      }
      source.users.forEach(u -> randomGroup().add((String) u.get("id")));
    }

    List<String> randomGroup() {
      List<String> keys = new ArrayList<>(source.groups.keySet());
      return source.groups.get(keys.get(random.nextInt(keys.size())));
    }

    String freshName() {
      return random.nextInt(4) == 0 ? "n\u00e9" + ++names : "name" + ++names; // some non-ASCII
    }

    void addUser() {
      String id = "u" + ++ids;
      Map<String, Object> user = ScriptedSource.user(id, freshName());
      source.users.add(user);
      source.changed(id);
    }

    Map<String, Object> anyUser() {
      return source.users.get(random.nextInt(source.users.size()));
    }

    void rename(Map<String, Object> u, Object name) {
      u.put("userName", name);
      source.changed((String) u.get("id"));
    }

    /** One random change to the source. */
    void change() {
      int op = random.nextInt(12);
      int size = source.users.size();
      switch (op) {
        case 0 -> addUser();
        case 1 -> rename(anyUser(), freshName());
        case 2 -> {
          if (size >= 2) {
            Map<String, Object> a = anyUser();
            Map<String, Object> b = anyUser();
            Object an = a.get("userName");
            rename(a, b.get("userName"));
            rename(b, an);
          }
        }
        case 3 -> {
          if (size >= 3) {
            List<Map<String, Object>> three = new ArrayList<>(source.users);
            java.util.Collections.shuffle(three, random);
            Object first = three.get(0).get("userName");
            rename(three.get(0), three.get(1).get("userName"));
            rename(three.get(1), three.get(2).get("userName"));
            rename(three.get(2), first);
          }
        }
        case 4 -> {
          if (size > 4) {
            Map<String, Object> u = anyUser();
            source.users.remove(u);
            source.groups.values().forEach(m -> m.remove(u.get("id")));
            removed.put((String) u.get("id"), u);
            source.changed((String) u.get("id"));
          }
        }
        case 5 -> {
          if (!removed.isEmpty()) {
            String id = new ArrayList<>(removed.keySet()).get(random.nextInt(removed.size()));
            source.users.add(removed.remove(id));
            source.changed(id);
          }
        }
        case 6 -> {
          Map<String, Object> u = anyUser();
          u.put("accountEnabled", !Boolean.TRUE.equals(u.get("accountEnabled")));
          source.changed((String) u.get("id"));
        }
        case 7 -> {
          Map<String, Object> u = anyUser();
          u.put("mail", "m" + random.nextInt(1000) + "@example.com");
          source.changed((String) u.get("id"));
        }
        case 8 -> {
          String id = (String) anyUser().get("id");
          source.groups.values().forEach(m -> m.remove(id));
          randomGroup().add(id);
        }
        case 9 -> {
          List<String> keys = new ArrayList<>(source.groups.keySet());
          source.renameGroup(keys.get(random.nextInt(keys.size())), "g" + ++groupNames);
        }
        case 10 -> {
          List<String> keys = new ArrayList<>(source.groups.keySet());
          if (keys.size() >= 2) {
            String a = keys.get(0);
            String b = keys.get(1);
            source.renameGroup(a, "swap-tmp");
            source.renameGroup(b, a);
            source.renameGroup("swap-tmp", b);
          }
        }
        default -> rename(anyUser(), "n" + "e\u0301" + ++names); // NFD: stored as NFC
      }
    }

    /** Sets up zero or one fault for the next run; returns its name. */
    String fault(boolean delta) {
      source.failOnPage = -1;
      source.truncateListingBy = 0;
      source.listingVerdict = null;
      source.expiredDeltaCursor = null;
      store.failure = 0;
      return switch (random.nextInt(8)) {
        case 0 -> {
          source.failOnPage = random.nextInt(4);
          yield "source fails on page " + source.failOnPage;
        }
        case 1 -> {
          source.truncateListingBy = 1 + random.nextInt(3);
          yield "truncated listing, counted";
        }
        case 2 -> {
          source.truncateListingBy = 1 + random.nextInt(3);
          source.listingVerdict = ListingCheck.Verdict.uncounted();
          yield "truncated listing, uncounted";
        }
        case 3 -> {
          store.failure = 0.2;
          yield "store writes fail";
        }
        case 4 -> {
          if (delta) {
            source.expiredDeltaCursor = states.load("entra").map(SyncState::deltaToken).orElse(null);
          }
          yield "delta expired";
        }
        case 5 -> {
          source.hang = random.nextInt(4) == 0;
          yield source.hang ? "hang" : "none";
        }
        default -> "none";
      };
    }

    SyncEngine engine(Duration callTimeout) {
      return SyncEngine.builder().store(store).source(source).mapper(Fixtures.MAPPER)
          .stateStore(states).syncGroups().maxDeprovisionShare(1.0)
          .sourceCallTimeout(callTimeout)
          .listener(new SyncListener() {
            @Override
            public void userProcessed(String sourceId, UserOutcome outcome) {
              checkNeverDeprovisionsAPresentUser(outcome);
            }
          })
          .build();
    }

    void checkNeverDeprovisionsAPresentUser(UserOutcome o) {
      if (o.kind() != Kind.DEACTIVATED && o.kind() != Kind.ANONYMIZED && o.kind() != Kind.DELETED) {
        return;
      }
      source.users.stream().filter(u -> o.externalId().equals(u.get("id"))).findFirst()
          .filter(u -> Boolean.TRUE.equals(u.get("accountEnabled")))
          .ifPresent(u -> {
            throw new AssertionError("seed " + seed + " (rerun with -Dmodel.seed=" + seed + "):"
                + " deprovisioned " + o.externalId() + ", which the source still returns active: "
                + o + "\n" + String.join("\n", log));
          });
    }

    void run(SyncEngine engine, boolean delta) {
      if (delta) {
        states.load("entra").ifPresent(s -> source.scriptRound(
            s.resumeCursor() != null ? s.resumeCursor() : s.deltaToken()));
      }
      last = delta ? engine.deltaSync("model") : engine.fullSync("model");
      source.users.forEach(u -> everCreated.add((String) u.get("id")));
      log.add("  -> " + last.mode() + " " + last.status() + (last.message() == null ? ""
          : " (" + last.message() + ")") + " failures=" + last.failures().stream()
          .map(f -> f.externalId() + ": " + f.reason()).toList());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomHistoriesWithFaultsConvergeAndNeverDeprovisionAPresentUser(long seed) {
    Model m = new Model(seed);
    SyncEngine faulty = m.engine(Duration.ofMillis(150));
    SyncEngine healthy = m.engine(Duration.ofMinutes(5));
    m.store.d.create(StoredUser.local("svc-backup", true, Map.of()));
    m.run(healthy, false);
    m.store.d.addMember("group0", "svc-backup");
    for (int step = 0; step < STEPS; step++) {
      int changes = 1 + m.random.nextInt(3);
      for (int i = 0; i < changes; i++) {
        m.change();
      }
      boolean delta = m.random.nextInt(3) == 0;
      String fault = m.fault(delta);
      m.log.add("step " + step + ": " + changes + " changes, fault " + fault + ", "
          + (delta ? "delta" : "full"));
      m.run(faulty, delta);
    }
    m.fault(false);
    m.source.failOnPage = -1;
    m.source.hang = false;
    m.store.failure = 0;
    m.source.truncateListingBy = 0;
    m.source.listingVerdict = null;
    m.source.expiredDeltaCursor = null;
    m.log.add("final fault-free full sync");
    m.run(healthy, false);

    String history = "seed " + seed + " (rerun with -Dmodel.seed=" + seed + ")\n"
        + String.join("\n", m.log);
    assertThat(m.last.status()).as(history).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(actualUsers(m)).as(history).isEqualTo(desiredUsers(m));
    assertThat(actualGroups(m)).as(history).isEqualTo(desiredGroups(m));
    try (Stream<String> g = m.store.members(groupNameOf(m, "gid-group0").orElse("group0"))) {
      assertThat(g.toList()).as(history).contains("svc-backup");
    }
  }

  private static Optional<String> groupNameOf(Model m, String externalId) {
    try (Stream<StoredGroup> g = m.store.managedGroups("entra")) {
      return g.filter(x -> externalId.equals(x.externalId())).map(StoredGroup::name).findFirst();
    }
  }

  /** external id -> "username|email|active" the store should hold. */
  private static Map<String, String> desiredUsers(Model m) {
    Map<String, String> want = new TreeMap<>();
    for (Map<String, Object> u : m.source.users) {
      String name = java.text.Normalizer.normalize((String) u.get("userName"),
          java.text.Normalizer.Form.NFC);
      want.put((String) u.get("id"), name + "|" + u.get("mail") + "|" + u.get("accountEnabled"));
    }
    for (String id : m.removed.keySet()) {
      if (m.store.findByExternalId("entra", id).isPresent()) {
        want.put(id, "inactive");
      }
    }
    return want;
  }

  private static Map<String, String> actualUsers(Model m) {
    Set<String> present = m.source.users.stream().map(u -> (String) u.get("id"))
        .collect(Collectors.toSet());
    try (Stream<StoredUser> users = m.store.managedBy("entra")) {
      return users.collect(Collectors.toMap(StoredUser::externalId,
          u -> present.contains(u.externalId())
              ? u.username() + "|" + u.attributes().get("email") + "|" + u.active()
              : u.active() ? "active although removed" : "inactive",
          (a, b) -> a, TreeMap::new));
    }
  }

  /** group name -> source members' usernames. */
  private static Map<String, Set<String>> desiredGroups(Model m) {
    Map<String, Set<String>> want = new TreeMap<>();
    m.source.groups.forEach((name, ids) -> want.put(name + "=" + m.source.groupId(name),
        ids.stream().map(id -> java.text.Normalizer.normalize(
                (String) m.source.find(id).get("userName"), java.text.Normalizer.Form.NFC))
            .collect(Collectors.toCollection(TreeSet::new))));
    return want;
  }

  private static Map<String, Set<String>> actualGroups(Model m) {
    Map<String, Set<String>> got = new TreeMap<>();
    try (Stream<StoredGroup> groups = m.store.managedGroups("entra")) {
      groups.filter(g -> m.source.groups.containsKey(g.name())).forEach(g -> {
        try (Stream<String> members = m.store.managedMembers(g.name(), "entra")) {
          got.put(g.name() + "=" + g.externalId(), members.collect(Collectors.toCollection(TreeSet::new)));
        }
      });
    }
    return got;
  }
}
