package io.github.albauth.usersync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks that a {@link DirectorySource} behaves as the sync engine needs: every user of a paged
 * listing exactly once, a failure mid-listing thrown rather than a short listing, lookups, groups
 * and memberships, deltas, and thread safety. The capability tests run when the source implements
 * the capability ({@link UserLookup}, {@link GroupSource}, {@link ListingCheck}, {@link
 * DeltaSource}).
 *
 * <p>Extend it in a connector's tests with a backend that serves a {@link TestDirectory} the way
 * the vendor's API does (a WireMock simulation of its paging, bodies and errors):
 *
 * <pre>{@code
 * class OktaSourceComplianceTest extends DirectorySourceComplianceTest {
 *   @RegisterExtension static WireMockExtension okta = ...;
 *   private OktaSimulation simulation;
 *
 *   @Override
 *   protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
 *     simulation = new OktaSimulation(okta, directory);
 *     return OktaSource.create(OktaConfig.builder().orgUrl(okta.baseUrl()).pageSize(pageSize)...);
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>Configure the source with short retry waits: {@link #failAfterFirstPage()} makes the backend
 * fail until the source gives up. Uses JUnit's own assertions only.
 */
public abstract class DirectorySourceComplianceTest {

  /** The page size the kit asks for: small, so that a handful of users spans several pages. */
  protected static final int PAGE_SIZE = 3;

  /** Creates the test; JUnit calls it. */
  protected DirectorySourceComplianceTest() {}

  /**
   * Makes the backend serve this directory, and returns a source reading it with this page size.
   * Called at most once per test, before any other hook.
   *
   * @param directory the users and groups to serve
   * @param pageSize the page size the source must ask for (the backend pages accordingly)
   * @return the source
   */
  protected abstract DirectorySource sourceFor(TestDirectory directory, int pageSize);

  /**
   * From now on, the backend fails every page of the user listing after the first (for example
   * with HTTP 500 or 503), so that the source gives up within its retry budget.
   */
  protected abstract void failAfterFirstPage();

  /**
   * Reads whether the vendor's record is of an active user, the way the connector's documentation
   * tells users to map it (Okta {@code status}, Entra {@code accountEnabled}).
   *
   * @param user a record the source delivered
   * @return whether it is active
   */
  protected abstract boolean isActive(SourceUser user);

  /**
   * {@return the {@link UserLookup#lookup} attribute that holds a user's email address (Okta
   * {@code email}, Entra {@code mail})} Only called when the source implements {@link UserLookup}.
   */
  protected String emailAttribute() {
    return "email";
  }

  /**
   * From now on, serves {@code after}; a delta round started from a token taken before reports the
   * differences (a user removed from {@code after} is deleted or deprovisioned in the vendor's
   * terms). Only called when the source implements {@link DeltaSource}.
   *
   * @param after the directory from now on
   */
  protected void changeTo(TestDirectory after) {
    throw new UnsupportedOperationException("override changeTo to test deltas");
  }

  /**
   * {@return whether a delta round reports a user deleted in the vendor as removed} Return false
   * when the vendor's change filter lists only users that still exist (OneLogin's {@code
   * updated_since}): {@link #changeTo} then deletes the users it drops, and the delta test checks
   * that a deleted user is not delivered as changed instead of expecting its id among the removed
   * (the next full sync finds it gone).
   */
  protected boolean deltasReportDeletedUsers() {
    return true;
  }

  /**
   * From now on, the backend refuses every delta token and cursor given out before, as the vendor
   * does when they expire (Graph {@code 410 Gone}). Return false when the vendor's tokens do not
   * expire (the test is then skipped).
   *
   * @return whether the backend now refuses old tokens
   */
  protected boolean expireDeltaTokens() {
    return false;
  }

  /** {@return seven users over three pages, one inactive, in groups g1 (three), g2 (two), g3 (none)} */
  protected static TestDirectory sevenUsers() {
    List<TestDirectory.User> users = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      Set<String> groups = new HashSet<>();
      if (i <= 3) {
        groups.add("g1");
      }
      if (i == 3 || i == 4) {
        groups.add("g2");
      }
      users.add(new TestDirectory.User("u" + i, "user" + i + "@example.com",
          "user" + i + ".mail@example.com", i != 6, groups));
    }
    return new TestDirectory(users, List.of(new TestDirectory.Group("g1", "Engineering"),
        new TestDirectory.Group("g2", "Sales"), new TestDirectory.Group("g3", "Empty")));
  }

  private static Set<String> ids(TestDirectory directory) {
    return directory.users().stream().map(TestDirectory.User::id).collect(Collectors.toSet());
  }

  private static List<String> listIds(DirectorySource source) {
    try (Stream<SourceUser> users = source.users()) {
      return users.map(SourceUser::id).collect(Collectors.toList());
    }
  }

  private static void assertEachOnce(Set<String> expected, List<String> actual) {
    assertEquals(actual.size(), new HashSet<>(actual).size(), "a user was listed twice: " + actual);
    assertEquals(expected, new HashSet<>(actual), "the listing differs from the directory");
  }

  @Test
  void listsEveryUserOnceOverSeveralPages() {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    assertEachOnce(ids(d), listIds(source));
  }

  @Test
  void listsEveryUserWhenTheLastPageIsFull() {
    TestDirectory seven = sevenUsers();
    TestDirectory six = new TestDirectory(seven.users().subList(0, 6), seven.groups());
    DirectorySource source = sourceFor(six, PAGE_SIZE);
    assertEachOnce(ids(six), listIds(source));
  }

  @Test
  void listsAnEmptyDirectory() {
    DirectorySource source = sourceFor(new TestDirectory(List.of(), List.of()), PAGE_SIZE);
    assertEquals(List.of(), listIds(source));
    if (source instanceof ListingCheck check) {
      ListingCheck.Verdict verdict = check.checkListing();
      assertTrue(verdict.complete(), "an empty listing that reached the end is complete");
      verdict.expectedUsers().ifPresent(n -> assertEquals(0, n, "expected users"));
    }
  }

  @Test
  void reportsActiveAndInactiveUsers() {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    Map<String, Boolean> active = new LinkedHashMap<>();
    try (Stream<SourceUser> users = source.users()) {
      users.forEach(u -> active.put(u.id(), isActive(u)));
    }
    for (TestDirectory.User u : d.users()) {
      assertEquals(u.active(), active.get(u.id()), "active of " + u.id());
    }
  }

  @Test
  void aFailureMidListingThrowsAndNeverEndsTheStreamEarly() {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    failAfterFirstPage();
    List<String> seen = new ArrayList<>();
    UserSyncException e = assertThrows(UserSyncException.class, () -> {
      try (Stream<SourceUser> users = source.users()) {
        Iterator<SourceUser> it = users.iterator();
        while (it.hasNext()) {
          seen.add(it.next().id());
        }
      }
    }, "the listing ended without an error although pages after the first failed");
    assertTrue(e.reason() == UserSyncException.Reason.SOURCE_FAILED
        || e.reason() == UserSyncException.Reason.SOURCE_TIMEOUT, "reason " + e.reason());
    assertTrue(seen.size() < d.users().size(), "saw " + seen);
  }

  @Test
  void vouchesForACompleteListing() {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    assumeTrue(source instanceof ListingCheck, "the source does not implement ListingCheck");
    List<String> listed = listIds(source);
    ListingCheck.Verdict verdict = ((ListingCheck) source).checkListing();
    assertTrue(verdict.complete(), "the listing reached the end: " + verdict);
    verdict.expectedUsers().ifPresent(n -> assertEquals(listed.size(), n, "expected users"));
  }

  private UserLookup lookupSource(TestDirectory d) {
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    assumeTrue(source instanceof UserLookup, "the source does not implement UserLookup");
    return (UserLookup) source;
  }

  @Test
  void looksUpUsersById() {
    TestDirectory d = sevenUsers();
    UserLookup lookup = lookupSource(d);
    Optional<SourceUser> found = lookup.lookupById("u2");
    assertTrue(found.isPresent(), "lookupById(u2) is empty");
    assertEquals("u2", found.get().id());
    assertTrue(isActive(found.get()), "u2 is active");
    Optional<SourceUser> inactive = lookup.lookupById("u6");
    assertTrue(inactive.isPresent(), "lookupById(u6), an inactive user, is empty");
    assertFalse(isActive(inactive.get()), "u6 is inactive");
    assertTrue(lookup.lookupById("no-such-user").isEmpty(), "lookupById of an unknown id");
  }

  @Test
  void looksUpUsersByEmail() {
    TestDirectory d = sevenUsers();
    UserLookup lookup = lookupSource(d);
    Optional<SourceUser> found = lookup.lookup(emailAttribute(), d.user("u4").email());
    assertTrue(found.isPresent(), "lookup by " + emailAttribute() + " is empty");
    assertEquals("u4", found.get().id());
    assertTrue(lookup.lookup(emailAttribute(), "nobody@example.com").isEmpty(),
        "lookup of an unknown address");
  }

  @Test
  void listsGroupsAndMembers() {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    assumeTrue(source instanceof GroupSource, "the source does not implement GroupSource");
    GroupSource groups = (GroupSource) source;
    Map<String, String> names = new LinkedHashMap<>();
    try (Stream<SourceGroup> s = groups.groups()) {
      s.forEach(g -> assertEquals(null, names.put(g.id(), g.name()), "group listed twice: " + g));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    d.groups().forEach(g -> expected.put(g.id(), g.name()));
    assertEquals(expected, names, "groups");
    for (TestDirectory.Group g : d.groups()) {
      List<String> members;
      try (Stream<String> s = groups.memberIds(g.id())) {
        members = s.collect(Collectors.toList());
      }
      assertEachOnce(new HashSet<>(d.memberIds(g.id())), members);
    }
  }

  @Test
  void deliversChangesSinceAToken() {
    TestDirectory before = sevenUsers();
    DirectorySource source = sourceFor(before, PAGE_SIZE);
    assumeTrue(source instanceof DeltaSource, "the source does not implement DeltaSource");
    DeltaSource deltas = (DeltaSource) source;
    String token = deltas.currentDeltaToken();
    List<TestDirectory.User> users = new ArrayList<>();
    for (TestDirectory.User u : before.users()) {
      if (u.id().equals("u5")) {
        continue; // removed
      }
      users.add(u.id().equals("u2") ? u.withEmail("changed.mail@example.com") : u);
    }
    users.add(new TestDirectory.User("u8", "user8@example.com", "user8.mail@example.com", true,
        Set.of("g2")));
    changeTo(new TestDirectory(users, before.groups()));

    Set<String> changed = new HashSet<>();
    Set<String> removed = new HashSet<>();
    String next = drain(deltas, token, changed, removed);
    assertNotNull(next, "the round's last page has a delta token");
    assertTrue(changed.containsAll(Set.of("u2", "u8")), "changed: " + changed);
    if (deltasReportDeletedUsers()) {
      assertTrue(removed.contains("u5"), "removed: " + removed + " (u5 was removed)");
    } else {
      assertFalse(changed.contains("u5"), "changed: " + changed + " (u5 was deleted)");
    }
  }

  @Test
  void reportsAnExpiredDeltaTokenAsSuch() {
    DirectorySource source = sourceFor(sevenUsers(), PAGE_SIZE);
    assumeTrue(source instanceof DeltaSource, "the source does not implement DeltaSource");
    String token = ((DeltaSource) source).currentDeltaToken();
    assumeTrue(expireDeltaTokens(), "the vendor's delta tokens do not expire");
    UserSyncException e = assertThrows(UserSyncException.class,
        () -> drain((DeltaSource) source, token, new HashSet<>(), new HashSet<>()));
    assertEquals(UserSyncException.Reason.DELTA_EXPIRED, e.reason(), e.getMessage());
  }

  private static @Nullable String drain(DeltaSource deltas, String token, Set<String> changed,
      Set<String> removed) {
    String cursor = token;
    for (int pages = 0; pages < 1000; pages++) {
      DeltaPage page = deltas.changes(cursor);
      page.changed().forEach(u -> changed.add(u.id()));
      removed.addAll(page.removedIds());
      if (page.deltaToken() != null) {
        return page.deltaToken();
      }
      cursor = page.nextCursor();
      assertNotNull(cursor, "a page without a delta token has a next cursor");
    }
    return fail("a delta round did not end within 1000 pages");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void servesListingsAndLookupsFromSeveralThreadsAtOnce() throws Exception {
    TestDirectory d = sevenUsers();
    DirectorySource source = sourceFor(d, PAGE_SIZE);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> listings = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        listings.add(pool.submit(() -> {
          start.await();
          if (source instanceof UserLookup lookup) {
            String id = "u" + (n + 1);
            assertEquals(id, lookup.lookupById(id).map(SourceUser::id).orElse(null));
          }
          return listIds(source);
        }));
      }
      start.countDown();
      for (Future<List<String>> listing : listings) {
        assertEachOnce(ids(d), listing.get(50, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
