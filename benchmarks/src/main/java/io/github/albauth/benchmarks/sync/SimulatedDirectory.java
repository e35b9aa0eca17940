package io.github.albauth.benchmarks.sync;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A streaming directory that generates Graph-shaped users page by page (999 per page, like Graph's
 * maximum), so no more than one page is ever in memory, plus groups whose members are generated
 * lazily too. Thread-safe (stateless).
 */
final class SimulatedDirectory implements DirectorySource, GroupSource {

  static final int PAGE_SIZE = 999;

  /** Maps the Graph-shaped record, as a compiled mapping would. Thread-safe. */
  static final UserAttributeMapper MAPPER = source -> {
    Map<String, Object> m = new HashMap<>(8);
    m.put("username", source.get("userPrincipalName"));
    m.put("email", source.get("mail"));
    m.put("displayName", source.get("displayName"));
    m.put("givenName", source.get("givenName"));
    m.put("familyName", source.get("surname"));
    m.put("active", source.get("accountEnabled"));
    return MappingResult.mapped(m);
  };

  private final int users;
  private final int groups;

  SimulatedDirectory(int users, int groups) {
    this.users = users;
    this.groups = groups;
  }

  /** Returns an engine syncing this directory into a store, groups included, as both runners use it. */
  SyncEngine engine(InMemoryUserStore store) {
    return SyncEngine.builder()
        .store(store)
        .source(this)
        .mapper(MAPPER)
        .syncGroups()
        .maxReportedOutcomes(0)
        .build();
  }

  @Override
  public String id() {
    return "simulated";
  }

  @Override
  public Stream<SourceUser> users() {
    return Page.stream(cursor -> {
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(users, from + PAGE_SIZE);
      List<SourceUser> page = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        page.add(SourceUser.of(id(i), record(i)));
      }
      return new Page<>(page, to < users ? String.valueOf(to) : null);
    });
  }

  private static String id(int i) {
    String digits = Integer.toString(i);
    return "00000000-0000-0000-0000-" + "000000000000".substring(digits.length()) + digits;
  }

  private static Map<String, Object> record(int i) {
    Map<String, Object> r = new LinkedHashMap<>(16);
    r.put("id", id(i));
    r.put("userPrincipalName", "user" + i + "@contoso.example");
    r.put("mail", "user" + i + "@contoso.example");
    r.put("displayName", "User Number " + i);
    r.put("givenName", "User");
    r.put("surname", "Number" + i);
    r.put("accountEnabled", true);
    return r;
  }

  @Override
  public Stream<SourceGroup> groups() {
    return IntStream.range(0, groups).mapToObj(g -> new SourceGroup("group-" + g, "Group " + g));
  }

  /** Each user belongs to one group: user i to group i % groups. */
  @Override
  public Stream<String> memberIds(String groupId) {
    int g = Integer.parseInt(groupId.substring("group-".length()));
    return IntStream.iterate(g, i -> i < users, i -> i + groups).mapToObj(SimulatedDirectory::id);
  }
}
