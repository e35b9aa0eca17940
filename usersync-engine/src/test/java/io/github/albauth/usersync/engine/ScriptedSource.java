package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A scripted directory source for engine tests: Graph-shaped records ({@code id}, {@code userName},
 * {@code mail}, {@code displayName}, {@code accountEnabled}), served in pages, with failures on a
 * chosen page, groups, lookup, and scripted delta rounds.
 */
class ScriptedSource
    implements DirectorySource, GroupSource, UserLookup, DeltaSource, ListingCheck {

  final List<Map<String, Object>> users = new ArrayList<>();
  final Map<String, List<String>> groups = new LinkedHashMap<>();
  final Map<String, String> groupIds = new HashMap<>();
  final Map<String, DeltaPage> deltaPages = new HashMap<>();
  final List<String> deltaCalls = new ArrayList<>();
  final AtomicInteger pagesFetched = new AtomicInteger();
  int pageSize = 10;
  int failOnPage = -1;
  @Nullable String failDeltaCursor;
  @Nullable String expiredDeltaCursor;
  String currentToken = "token-0";
  final List<String> lookupsById = new ArrayList<>();
  boolean failLookupById;
  /** Users the listing leaves out (a truncated last page); lookups still find them. */
  int truncateListingBy;
  /** What checkListing says; null: complete, counted with the true number of users. */
  ListingCheck.@Nullable Verdict listingVerdict;

  static Map<String, Object> user(String id, String userName) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", id);
    u.put("userName", userName);
    u.put("mail", userName + "@example.com");
    u.put("displayName", "User " + id);
    u.put("accountEnabled", true);
    return u;
  }

  ScriptedSource add(int count) {
    for (int i = users.size(); i < count; i++) {
      users.add(user("id-" + i, "user" + i));
    }
    return this;
  }

  Map<String, Object> find(String id) {
    return users.stream().filter(u -> u.get("id").equals(id)).findFirst().orElseThrow();
  }

  @Override
  public String id() {
    return "entra";
  }

  @Override
  public Stream<SourceUser> users() {
    return Page.stream(cursor -> {
      int page = cursor == null ? 0 : Integer.parseInt(cursor);
      pagesFetched.incrementAndGet();
      if (page == failOnPage) {
        throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED,
            "HTTP 503 on page " + (page + 1));
      }
      int listed = users.size() - truncateListingBy;
      int from = page * pageSize;
      int to = Math.min(listed, from + pageSize);
      List<SourceUser> items = new ArrayList<>();
      for (Map<String, Object> u : users.subList(from, to)) {
        items.add(SourceUser.of((String) u.get("id"), new LinkedHashMap<>(u)));
      }
      return new Page<>(items, to < listed ? String.valueOf(page + 1) : null);
    });
  }

  /** A group's id: as set in {@link #groupIds}, else "gid-" and its name. */
  String groupId(String name) {
    return groupIds.getOrDefault(name, "gid-" + name);
  }

  /** Renames a group in the source, keeping its id. */
  void renameGroup(String name, String newName) {
    String id = groupId(name);
    groupIds.remove(name);
    groupIds.put(newName, id);
    Map<String, List<String>> renamed = new LinkedHashMap<>();
    groups.forEach((n, members) -> renamed.put(n.equals(name) ? newName : n, members));
    groups.clear();
    groups.putAll(renamed);
  }

  @Override
  public Stream<SourceGroup> groups() {
    return groups.keySet().stream().map(name -> new SourceGroup(groupId(name), name));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return groups.entrySet().stream()
        .filter(e -> groupId(e.getKey()).equals(groupId))
        .findFirst()
        .map(e -> e.getValue().stream())
        .orElseGet(Stream::empty);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    return users.stream()
        .filter(u -> value.equals(u.get(attribute)))
        .findFirst()
        .map(u -> SourceUser.of((String) u.get("id"), u));
  }

  @Override
  public Verdict checkListing() {
    return listingVerdict != null ? listingVerdict : Verdict.counted(users.size());
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    lookupsById.add(id);
    if (failLookupById) {
      throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "HTTP 500 looking up " + id);
    }
    return users.stream()
        .filter(u -> id.equals(u.get("id")))
        .findFirst()
        .map(u -> SourceUser.of(id, new LinkedHashMap<>(u)));
  }

  @Override
  public String currentDeltaToken() {
    return currentToken;
  }

  @Override
  public DeltaPage changes(String cursorOrToken) {
    deltaCalls.add(cursorOrToken);
    if (cursorOrToken.equals(expiredDeltaCursor)) {
      throw new UserSyncException(UserSyncException.Reason.DELTA_EXPIRED,
          "HTTP 410 syncStateNotFound at " + cursorOrToken);
    }
    if (cursorOrToken.equals(failDeltaCursor)) {
      failDeltaCursor = null;
      throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "HTTP 500 at " + cursorOrToken);
    }
    DeltaPage page = deltaPages.get(cursorOrToken);
    if (page == null) {
      throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, "unknown cursor " + cursorOrToken);
    }
    return page;
  }
}
