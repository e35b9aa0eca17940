package io.github.albauth.usersync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.SubjectBindings;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks that a {@link UserStore} behaves as the sync engine needs. Extend it in your test sources
 * and return a fresh, empty store from {@link #newStore()}; the capability tests ({@link GroupStore},
 * {@link UserDeletion}, {@link SubjectBindings}) run only when your store implements the
 * capability. The username tests check that the store compares names as its {@link
 * UserStore#caseSensitiveUsernames()} declares.
 *
 * <pre>{@code
 * class JdbcUserStoreComplianceTest extends UserStoreComplianceTest {
 *   @Override
 *   protected UserStore newStore() {
 *     return new JdbcUserStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>Uses JUnit's own assertions only, so it adds no assertion library to your tests. Each test
 * method gets its own store.
 */
public abstract class UserStoreComplianceTest {

  private static final String SOURCE = "compliance";
  private static final IdpSubject SUBJECT = new IdpSubject("https://idp.example.com", "sub-1");
  private static final IdpSubject OTHER = new IdpSubject("https://idp.example.com", "sub-2");

  private UserStore store;

  /** Creates the test; JUnit calls it. */
  protected UserStoreComplianceTest() {}

  /** {@return a new, empty store; called before each test} */
  protected abstract UserStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static StoredUser managed(String username, String externalId) {
    return StoredUser.managed(username, SOURCE, externalId, true,
        Map.of("email", username + "@example.com", "displayName", "User " + username));
  }

  private StoredUser require(String username) {
    Optional<StoredUser> user = store.findByUsername(username);
    assertTrue(user.isPresent(), "findByUsername(" + username + ") is empty after it was stored");
    return user.get();
  }

  private static <T> Set<T> toSet(Stream<T> stream) {
    try (stream) {
      return stream.collect(Collectors.toSet());
    }
  }

  /** A created user is found by username and by (source, external id), with all its fields. */
  @Test
  void createdUserIsFoundByUsernameAndExternalId() {
    StoredUser user = managed("alice", "ext-1");
    store.create(user);
    assertEquals(user, require("alice"));
    assertEquals(Optional.of(user), store.findByExternalId(SOURCE, "ext-1"));
    assertEquals(Optional.empty(), store.findByExternalId("other-source", "ext-1"),
        "external ids are per source");
    assertEquals(Optional.empty(), store.findByUsername("ALICE-unknown"));
  }

  /** Local users keep a null source and external id. */
  @Test
  void localUsersHaveNoSource() {
    store.create(StoredUser.local("admin", true, Map.of()));
    StoredUser admin = require("admin");
    assertEquals(null, admin.source());
    assertEquals(null, admin.externalId());
    assertEquals(Set.of(), toSet(store.managedBy(SOURCE)), "a local user is not managed by a source");
  }

  /** Creating a user whose username or external id is taken throws CONFLICT. */
  @Test
  void createRefusesTakenUsernameAndExternalId() {
    store.create(managed("alice", "ext-1"));
    UserSyncException byName = assertThrows(UserSyncException.class,
        () -> store.create(managed("alice", "ext-2")));
    assertEquals(UserSyncException.Reason.CONFLICT, byName.reason());
    UserSyncException byId = assertThrows(UserSyncException.class,
        () -> store.create(managed("bob", "ext-1")));
    assertEquals(UserSyncException.Reason.CONFLICT, byId.reason());
  }

  /** An update changes only the listed attributes and removes those mapped to null. */
  @Test
  void updateChangesOnlyListedAttributes() {
    store.create(StoredUser.managed("alice", SOURCE, "ext-1", true,
        Map.of("email", "a@x", "displayName", "Alice", "title", "Dev")));
    Map<String, Object> changes = new HashMap<>();
    changes.put("email", "new@x");
    changes.put("title", null);
    changes.put("department", "R&D");
    store.update("alice", new UserUpdate(null, changes));
    assertEquals(Map.of("email", "new@x", "displayName", "Alice", "department", "R&D"),
        require("alice").attributes());
  }

  /** A rename keeps the external id, so the user is found under its new name by external id. */
  @Test
  void renameKeepsTheExternalId() {
    store.create(managed("alice", "ext-1"));
    store.update("alice", new UserUpdate("alice.smith", Map.of()));
    assertEquals(Optional.empty(), store.findByUsername("alice"));
    assertEquals("alice.smith", store.findByExternalId(SOURCE, "ext-1").map(StoredUser::username).orElse(null));
    assertEquals("ext-1", require("alice.smith").externalId());
  }

  /** Renaming onto a taken username throws CONFLICT and changes nothing. */
  @Test
  void renameOntoATakenUsernameConflicts() {
    store.create(managed("alice", "ext-1"));
    store.create(managed("bob", "ext-2"));
    UserSyncException e = assertThrows(UserSyncException.class,
        () -> store.update("alice", new UserUpdate("bob", Map.of())));
    assertEquals(UserSyncException.Reason.CONFLICT, e.reason());
    assertEquals("ext-1", require("alice").externalId());
    assertEquals("ext-2", require("bob").externalId());
  }

  /** Updating or deactivating an unknown user throws NOT_FOUND. */
  @Test
  void unknownUsersAreNotFound() {
    UserSyncException update = assertThrows(UserSyncException.class,
        () -> store.update("ghost", new UserUpdate(null, Map.of("email", "x"))));
    assertEquals(UserSyncException.Reason.NOT_FOUND, update.reason());
    UserSyncException deactivate = assertThrows(UserSyncException.class, () -> store.deactivate("ghost"));
    assertEquals(UserSyncException.Reason.NOT_FOUND, deactivate.reason());
    UserSyncException reactivate = assertThrows(UserSyncException.class, () -> store.reactivate("ghost"));
    assertEquals(UserSyncException.Reason.NOT_FOUND, reactivate.reason());
  }

  /** Deactivation and reactivation flip the flag, are idempotent, and keep everything else. */
  @Test
  void deactivateAndReactivateAreIdempotent() {
    StoredUser user = managed("alice", "ext-1");
    store.create(user);
    store.deactivate("alice");
    store.deactivate("alice");
    assertFalse(require("alice").active());
    assertEquals(user.attributes(), require("alice").attributes());
    store.reactivate("alice");
    store.reactivate("alice");
    assertEquals(user, require("alice"));
  }

  /** managedBy lists active and inactive users of exactly that source. */
  @Test
  void managedByListsExactlyTheSourcesUsers() {
    store.create(managed("alice", "ext-1"));
    store.create(managed("bob", "ext-2"));
    store.create(StoredUser.managed("carol", "other", "ext-3", true, Map.of()));
    store.create(StoredUser.local("dave", true, Map.of()));
    store.deactivate("bob");
    Set<String> names = toSet(store.managedBy(SOURCE).map(StoredUser::username));
    assertEquals(Set.of("alice", "bob"), names);
  }

  /** Deletion removes the user from both lookups; deleting again is a no-op. */
  @Test
  void deletionRemovesTheUser() {
    assumeTrue(store instanceof UserDeletion, "store does not implement UserDeletion");
    store.create(managed("alice", "ext-1"));
    ((UserDeletion) store).delete("alice");
    ((UserDeletion) store).delete("alice");
    assertEquals(Optional.empty(), store.findByUsername("alice"));
    assertEquals(Optional.empty(), store.findByExternalId(SOURCE, "ext-1"));
    store.create(managed("alice", "ext-9"));
    assertEquals("ext-9", require("alice").externalId(), "the username is free again");
  }

  /**
   * Several threads creating, updating and deactivating distinct users at once lose no write: the
   * engine provisions logins on request threads while a sync runs.
   */
  @Test
  @Timeout(60)
  void concurrentWritesToDistinctUsersAreAllVisible() throws Exception {
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        writers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String name = prefix + i;
            store.create(managed(name, "ext-" + name));
            store.update(name, new UserUpdate(null, Map.of("email", name + "@new.example.com")));
            if (i % 2 == 0) {
              store.deactivate(name);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * perThread, toSet(store.managedBy(SOURCE)).size());
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        String name = "t" + t + "-" + i;
        StoredUser user = require(name);
        assertEquals(name + "@new.example.com", user.attributes().get("email"), name);
        assertEquals(i % 2 != 0, user.active(), name + " active");
        assertEquals(Optional.of(user), store.findByExternalId(SOURCE, "ext-" + name), name);
      }
    }
  }

  /** Groups are created once, memberships are idempotent and visible from both sides. */
  @Test
  void groupsAndMemberships() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    store.create(managed("bob", "ext-2"));
    groups.createGroup(StoredGroup.managed("staff", SOURCE, "g-1"));
    groups.createGroup(StoredGroup.local("admins"));
    assertEquals(Optional.of(StoredGroup.managed("staff", SOURCE, "g-1")), groups.findGroup("staff"));
    assertEquals(Optional.of(StoredGroup.local("admins")), groups.findGroup("admins"));
    UserSyncException taken = assertThrows(UserSyncException.class,
        () -> groups.createGroup(StoredGroup.local("staff")));
    assertEquals(UserSyncException.Reason.CONFLICT, taken.reason());

    groups.addMember("staff", "alice");
    groups.addMember("staff", "alice");
    groups.addMember("staff", "bob");
    groups.addMember("admins", "alice");
    assertEquals(Set.of("alice", "bob"), toSet(groups.members("staff")));
    assertEquals(Set.of("staff", "admins"), toSet(groups.groupsOf("alice")));

    groups.removeMember("staff", "alice");
    groups.removeMember("staff", "alice");
    assertEquals(Set.of("bob"), toSet(groups.members("staff")));
    assertEquals(Set.of("admins"), toSet(groups.groupsOf("alice")));
    assertEquals(Set.of(), toSet(groups.groupsOf("nobody")));
  }

  /** managedGroups lists exactly the groups of one source, not local ones or other sources'. */
  @Test
  void managedGroupsListsOnlyThatSourcesGroups() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    groups.createGroup(StoredGroup.managed("staff", SOURCE, "g-1"));
    groups.createGroup(StoredGroup.managed("sales", SOURCE, "g-2"));
    groups.createGroup(StoredGroup.managed("okta-staff", "okta", "g-1"));
    groups.createGroup(StoredGroup.local("admins"));
    assertEquals(Set.of(StoredGroup.managed("staff", SOURCE, "g-1"),
            StoredGroup.managed("sales", SOURCE, "g-2")),
        toSet(groups.managedGroups(SOURCE)));
    assertEquals(Set.of(), toSet(groups.managedGroups("nobody")));
  }

  /** Adding a member to an unknown group, or an unknown user, throws NOT_FOUND. */
  @Test
  void membershipNeedsAnExistingGroupAndUser() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    groups.createGroup(StoredGroup.local("staff"));
    assertEquals(UserSyncException.Reason.NOT_FOUND,
        assertThrows(UserSyncException.class, () -> groups.addMember("nope", "alice")).reason());
    assertEquals(UserSyncException.Reason.NOT_FOUND,
        assertThrows(UserSyncException.class, () -> groups.addMember("staff", "ghost")).reason());
  }

  /** A renamed user keeps its memberships. */
  @Test
  void renameKeepsMemberships() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    groups.createGroup(StoredGroup.local("staff"));
    groups.addMember("staff", "alice");
    store.update("alice", new UserUpdate("alice.smith", Map.of()));
    assertEquals(List.of("alice.smith"), groups.members("staff").collect(Collectors.toList()));
    assertEquals(Set.of("staff"), toSet(groups.groupsOf("alice.smith")));
  }

  /**
   * A source's memberships are recorded as its own: listed from both sides for that source only,
   * not the host's (addMember) nor another source's; a host membership stays the host's when the
   * source adds it too; removal ends the record, and a rename carries it.
   */
  @Test
  void managedMembershipsAreRecordedPerSource() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    store.create(managed("bob", "ext-2"));
    store.create(StoredUser.local("svc-backup", true, Map.of()));
    groups.createGroup(StoredGroup.managed("eng", SOURCE, "g-1"));
    groups.createGroup(StoredGroup.managed("ops", SOURCE, "g-2"));

    groups.addManagedMember("eng", "alice", SOURCE);
    groups.addManagedMember("eng", "alice", SOURCE);
    groups.addManagedMember("ops", "alice", "okta");
    groups.addMember("eng", "svc-backup");
    groups.addMember("eng", "bob");
    groups.addManagedMember("eng", "bob", SOURCE); // the host's membership stays the host's
    assertEquals(Set.of("alice", "bob", "svc-backup"), toSet(groups.members("eng")));
    assertEquals(Set.of("alice"), toSet(groups.managedMembers("eng", SOURCE)));
    assertEquals(Set.of(), toSet(groups.managedMembers("eng", "okta")));
    assertEquals(Set.of("eng"), toSet(groups.managedMemberships("alice", SOURCE)));
    assertEquals(Set.of("ops"), toSet(groups.managedMemberships("alice", "okta")));
    assertEquals(Set.of(), toSet(groups.managedMemberships("bob", SOURCE)));
    assertEquals(UserSyncException.Reason.NOT_FOUND, assertThrows(UserSyncException.class,
        () -> groups.addManagedMember("nope", "alice", SOURCE)).reason());
    assertEquals(UserSyncException.Reason.NOT_FOUND, assertThrows(UserSyncException.class,
        () -> groups.addManagedMember("eng", "ghost", SOURCE)).reason());

    store.update("alice", new UserUpdate("alice.smith", Map.of()));
    assertEquals(Set.of("alice.smith"), toSet(groups.managedMembers("eng", SOURCE)));
    assertEquals(Set.of("eng"), toSet(groups.managedMemberships("alice.smith", SOURCE)));

    groups.removeMember("eng", "alice.smith");
    assertEquals(Set.of(), toSet(groups.managedMembers("eng", SOURCE)));
    groups.addMember("eng", "alice.smith");
    assertEquals(Set.of(), toSet(groups.managedMembers("eng", SOURCE)),
        "a membership the host adds again after the source removed it is the host's");
  }

  /**
   * A renamed group is the same group: source, external id, members and which of them a source
   * manages follow it; the old name is free; a taken or unknown name is refused.
   */
  @Test
  void renameGroupKeepsItsIdentityAndMembers() {
    assumeTrue(store instanceof GroupStore, "store does not implement GroupStore");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    store.create(StoredUser.local("svc-backup", true, Map.of()));
    groups.createGroup(StoredGroup.managed("eng", SOURCE, "g-1"));
    groups.createGroup(StoredGroup.local("ops"));
    groups.addManagedMember("eng", "alice", SOURCE);
    groups.addMember("eng", "svc-backup");

    groups.renameGroup("eng", "engineering");

    assertEquals(Optional.of(StoredGroup.managed("engineering", SOURCE, "g-1")),
        groups.findGroup("engineering"));
    assertEquals(Optional.empty(), groups.findGroup("eng"));
    assertEquals(Set.of("alice", "svc-backup"), toSet(groups.members("engineering")));
    assertEquals(Set.of("alice"), toSet(groups.managedMembers("engineering", SOURCE)));
    assertEquals(Set.of("engineering"), toSet(groups.groupsOf("svc-backup")));
    assertEquals(Set.of("engineering"), toSet(groups.managedMemberships("alice", SOURCE)));
    assertEquals(Set.of(StoredGroup.managed("engineering", SOURCE, "g-1")),
        toSet(groups.managedGroups(SOURCE)));
    assertEquals(UserSyncException.Reason.CONFLICT, assertThrows(UserSyncException.class,
        () -> groups.renameGroup("engineering", "ops")).reason());
    assertEquals(UserSyncException.Reason.NOT_FOUND, assertThrows(UserSyncException.class,
        () -> groups.renameGroup("eng", "anything")).reason());
    groups.createGroup(StoredGroup.local("eng"));
    assertEquals(Set.of(), toSet(groups.members("eng")), "the old name is a new, empty group");
  }

  /** Deleting a user removes its memberships. */
  @Test
  void deletionRemovesMemberships() {
    assumeTrue(store instanceof GroupStore && store instanceof UserDeletion,
        "store does not implement GroupStore and UserDeletion");
    GroupStore groups = (GroupStore) store;
    store.create(managed("alice", "ext-1"));
    groups.createGroup(StoredGroup.local("staff"));
    groups.addMember("staff", "alice");
    ((UserDeletion) store).delete("alice");
    assertEquals(Set.of(), toSet(groups.members("staff")));
  }

  /**
   * The store compares usernames as it declares: exactly, or ignoring case (then a name keeps the
   * spelling it was created with, and a name differing only in case is taken).
   */
  @Test
  void usernamesCompareAsTheStoreDeclares() {
    store.create(managed("Alice", "ext-1"));
    if (store.caseSensitiveUsernames()) {
      assertEquals(Optional.empty(), store.findByUsername("alice"),
          "the store declares case-sensitive usernames, but finds Alice by alice");
      store.create(managed("alice", "ext-2"));
      assertEquals("ext-2", require("alice").externalId());
      assertEquals("ext-1", require("Alice").externalId());
      return;
    }
    assertEquals("Alice", require("aLICE").username(),
        "the store declares case-insensitive usernames; findByUsername(aLICE) must find Alice");
    UserSyncException taken = assertThrows(UserSyncException.class,
        () -> store.create(managed("ALICE", "ext-2")),
        "the store declares case-insensitive usernames, but creates ALICE next to Alice");
    assertEquals(UserSyncException.Reason.CONFLICT, taken.reason());
    store.create(managed("bob", "ext-3"));
    UserSyncException renamed = assertThrows(UserSyncException.class,
        () -> store.update("bob", new UserUpdate("alice", Map.of())));
    assertEquals(UserSyncException.Reason.CONFLICT, renamed.reason());
    store.update("alice", new UserUpdate(null, Map.of("title", "Dev")));
    assertEquals("Dev", require("Alice").attributes().get("title"));
  }

  private SubjectBindings bindings() {
    assumeTrue(store instanceof SubjectBindings, "store does not implement SubjectBindings");
    return (SubjectBindings) store;
  }

  /**
   * The first bind binds and is read back; binding the same subject again is a no-op; another
   * subject does not replace it (bind returns the one bound); unbound and unknown users have none.
   */
  @Test
  void bindIsReadBackIdempotentAndNeverReplaced() {
    SubjectBindings bindings = bindings();
    store.create(managed("alice", "ext-1"));
    store.create(StoredUser.local("admin", true, Map.of()));
    assertEquals(Optional.empty(), bindings.boundSubject("alice"));
    assertEquals(Optional.empty(), bindings.boundSubject("ghost"));

    assertEquals(SUBJECT, bindings.bind("alice", SUBJECT));
    assertEquals(Optional.of(SUBJECT), bindings.boundSubject("alice"));
    assertEquals(SUBJECT, bindings.bind("alice", SUBJECT), "binding again is a no-op");
    assertEquals(SUBJECT, bindings.bind("alice", OTHER), "a bound account keeps its subject");
    assertEquals(Optional.of(SUBJECT), bindings.boundSubject("alice"));
    assertEquals(Optional.empty(), bindings.boundSubject("admin"));
    assertEquals(OTHER, bindings.bind("admin", OTHER), "a local account can be bound too");
    assertEquals(UserSyncException.Reason.NOT_FOUND, assertThrows(UserSyncException.class,
        () -> bindings.bind("ghost", new IdpSubject("https://idp.example.com", "sub-3"))).reason());
  }

  /** A subject is bound to one account at most; the same sub of another issuer is another subject. */
  @Test
  void aSubjectIsBoundToOneAccount() {
    SubjectBindings bindings = bindings();
    store.create(managed("alice", "ext-1"));
    store.create(managed("bob", "ext-2"));
    bindings.bind("alice", SUBJECT);
    UserSyncException e = assertThrows(UserSyncException.class, () -> bindings.bind("bob", SUBJECT));
    assertEquals(UserSyncException.Reason.CONFLICT, e.reason());
    assertEquals(Optional.empty(), bindings.boundSubject("bob"));
    IdpSubject otherIssuer = new IdpSubject("https://other-idp.example.com", SUBJECT.subject());
    assertEquals(otherIssuer, bindings.bind("bob", otherIssuer));
  }

  /** The binding belongs to the account: it follows a rename and survives updates and deactivation. */
  @Test
  void bindingSurvivesRenameUpdateAndDeactivation() {
    SubjectBindings bindings = bindings();
    store.create(managed("alice", "ext-1"));
    bindings.bind("alice", SUBJECT);
    store.update("alice", new UserUpdate(null, Map.of("email", "new@example.com")));
    store.update("alice", new UserUpdate("alice.smith", Map.of()));
    store.deactivate("alice.smith");
    store.reactivate("alice.smith");
    assertEquals(Optional.of(SUBJECT), bindings.boundSubject("alice.smith"));
    assertEquals(Optional.empty(), bindings.boundSubject("alice"), "the old name has no binding");
    store.create(managed("alice", "ext-2"));
    assertEquals(Optional.empty(), bindings.boundSubject("alice"),
        "a new account under the old name is not bound");
    assertEquals(SUBJECT, bindings.bind("alice.smith", OTHER));
  }

  /** Deleting an account deletes its binding; the subject may then bind to another account. */
  @Test
  void deletionRemovesTheBinding() {
    SubjectBindings bindings = bindings();
    assumeTrue(store instanceof UserDeletion, "store does not implement UserDeletion");
    store.create(managed("alice", "ext-1"));
    bindings.bind("alice", SUBJECT);
    ((UserDeletion) store).delete("alice");
    store.create(managed("alice", "ext-2"));
    assertEquals(Optional.empty(), bindings.boundSubject("alice"));
    assertEquals(SUBJECT, bindings.bind("alice", SUBJECT));
  }

  /**
   * Concurrent first binds of one account with different subjects: exactly one wins, and every
   * caller is told which (two logins racing for an unbound account must not both get in).
   */
  @Test
  @Timeout(60)
  void concurrentFirstBindsHaveExactlyOneWinner() throws Exception {
    SubjectBindings bindings = bindings();
    int threads = 8;
    int accounts = 25;
    for (int a = 0; a < accounts; a++) {
      store.create(managed("user-" + a, "ext-" + a));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int a = 0; a < accounts; a++) {
        String username = "user-" + a;
        CountDownLatch start = new CountDownLatch(1);
        List<IdpSubject> answers = new CopyOnWriteArrayList<>();
        List<Future<?>> binders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          IdpSubject subject = new IdpSubject("https://idp.example.com", username + "-sub-" + t);
          binders.add(pool.submit(() -> {
            start.await();
            answers.add(bindings.bind(username, subject));
            return null;
          }));
        }
        start.countDown();
        for (Future<?> binder : binders) {
          binder.get();
        }
        assertEquals(1, Set.copyOf(answers).size(), username + ": every bind names one winner");
        assertEquals(Optional.of(answers.get(0)), bindings.boundSubject(username), username);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
