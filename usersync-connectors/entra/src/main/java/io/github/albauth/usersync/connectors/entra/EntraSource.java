package io.github.albauth.usersync.connectors.entra;

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
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.support.ApiClient;
import io.github.albauth.usersync.connectors.support.ErrorFormat;
import io.github.albauth.usersync.connectors.support.JsonPage;
import io.github.albauth.usersync.connectors.support.ListingProgress;
import io.github.albauth.usersync.connectors.support.Paging;
import io.github.albauth.usersync.connectors.support.Records;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectorySource} for Microsoft Entra ID through Microsoft Graph v1.0
 * (https://learn.microsoft.com/en-us/graph/api/resources/user).
 *
 * <ul>
 *   <li>{@link #users()}: {@code GET /users?$select=…&$top=999}, paged by {@code @odata.nextLink},
 *       the next page fetched while the engine works on this one; with groups in scope, their
 *       {@code members} (or {@code transitiveMembers}) that are users, each user once.
 *   <li>{@link #checkListing()}: complete when the listing reached its last page, with Graph's
 *       {@code $count} of users ({@code ConsistencyLevel: eventual}) when every user is in scope.
 *   <li>{@link #groups()}, {@link #memberIds(String)}: {@code GET /groups}, {@code GET
 *       /groups/{id}/members/microsoft.graph.user} ({@code transitiveMembers} when configured).
 *   <li>{@link #lookupById(String)}: {@code GET /users/{id}} (empty for a deleted user or one
 *       outside the groups in scope); {@link #lookup(String, String)}: {@code id} (the token's
 *       {@code oid}), {@code userPrincipalName} or {@code mail}.
 *   <li>{@link #changes(String)}: {@code /users/delta} ({@code @removed} users are removed; changed
 *       users are read whole, 15 per request); with groups in scope also {@code /groups/delta}
 *       with {@code members@delta}. Tokens and cursors are Graph's own links; a {@code 410 Gone}
 *       is reported as {@link UserSyncException.Reason#DELTA_EXPIRED}.
 * </ul>
 *
 * <p>Records are delivered as Graph sends them; map them with the {@code entra} preset, whose
 * {@code active} is {@code accountEnabled}.
 *
 * <p>Thread-safe.
 */
public final class EntraSource
    implements DirectorySource, GroupSource, UserLookup, ListingCheck, DeltaSource {

  /** Graph's error resource: https://learn.microsoft.com/en-us/graph/errors */
  private static final ErrorFormat ERRORS = ErrorFormat.fields("error.code", "error.message");
  /** Advanced queries ($count) need it: https://learn.microsoft.com/en-us/graph/aad-advanced-queries */
  private static final Map<String, String> EVENTUAL = Map.of("ConsistencyLevel", "eventual");
  /** Graph allows up to 15 values in an {@code in} filter. */
  private static final int IDS_PER_FILTER = 15;
  private static final Set<String> EXPIRED_CODES =
      Set.of("syncStateNotFound", "resyncRequired", "syncStateInvalid");

  private final EntraConfig config;
  private final ApiClient api;
  private final String v1;
  private final String select;
  private final AtomicReference<ListingProgress> lastListing =
      new AtomicReference<>(new ListingProgress(1));

  private EntraSource(EntraConfig config) {
    this.config = config;
    this.api = ApiClient.builder(config.http(), ERRORS).authorization(config.authorization()).build();
    this.v1 = config.graphUrl() + "/v1.0";
    this.select = String.join(",", config.select());
  }

  /**
   * Creates the source; nothing is fetched until a method needs it.
   *
   * @param config the configuration
   * @return the source
   */
  public static EntraSource create(EntraConfig config) {
    return new EntraSource(config);
  }

  @Override
  public String id() {
    return config.sourceId();
  }

  @Override
  public Stream<SourceUser> users() {
    Set<String> scope = config.groupsInScope();
    List<Paging<SourceUser>> sequences = scope.isEmpty()
        ? List.of(nextLinkPaging("list users", query("/users", "$select", select, "$top",
            Integer.toString(config.pageSize())), EntraSource::toUser))
        : scope.stream().map(group -> membersPaging(group, select, EntraSource::toUser)).toList();
    ListingProgress listing = new ListingProgress(sequences.size());
    lastListing.set(listing);
    return listing.stream(sequences);
  }

  @Override
  public ListingCheck.Verdict checkListing() {
    if (!lastListing.get().complete()) {
      return Verdict.incomplete();
    }
    if (!config.groupsInScope().isEmpty()) {
      return Verdict.uncounted(); // a union of groups has no count
    }
    String call = "count users";
    JsonPage<String> page = api.getPage(call, query("/users", "$count", "true", "$top", "1",
        "$select", "id"), EVENTUAL, "value", Records::id);
    String count = page.field("@odata.count");
    try {
      return Verdict.counted(Long.parseLong(Optional.ofNullable(count).orElse("")));
    } catch (NumberFormatException e) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 200, null, call
          + ": Graph answered without @odata.count; the listing cannot be verified", e);
    }
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return nextLinkPaging("list groups", query("/groups", "$select", "id,displayName", "$top",
          Integer.toString(config.pageSize())), EntraSource::toGroup).stream();
    }
    return scope.stream().map(id -> toGroup(api.getObject("get group",
        query("/groups/" + Records.segment(id), "$select", "id,displayName"), Map.of())));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return membersPaging(groupId, "id", Records::id).stream();
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    return getUser(id);
  }

  private Optional<SourceUser> getUser(String key) {
    return api.findObject("get user", query("/users/" + Records.segment(key), "$select", select),
            Map.of())
        .map(EntraSource::toUser)
        .filter(this::inScope);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    switch (attribute) {
      case "id", "oid", "userPrincipalName" -> {
        return getUser(value);
      }
      case "mail" -> {
        URI uri = query("/users", "$filter", "mail eq '" + value.replace("'", "''") + "'",
            "$select", select, "$top", "2");
        List<SourceUser> found = api.getPage("find user by mail", uri, Map.of(), "value",
            EntraSource::toUser).items();
        if (found.size() > 1) {
          throw new UserSyncException(Reason.CONFLICT, "several Entra users have the mail looked"
              + " up; look users up by id (oid) or userPrincipalName");
        }
        return found.stream().findFirst().filter(this::inScope);
      }
      default -> throw new UserSyncException(Reason.UNSUPPORTED, "Entra lookup attribute \""
          + attribute + "\" is not supported; use id (oid), userPrincipalName or mail");
    }
  }

  @Override
  public String currentDeltaToken() {
    String users = latestDeltaLink("start a users delta", query("/users/delta", "$select", select,
        "$deltatoken", "latest"));
    if (config.groupsInScope().isEmpty()) {
      return users;
    }
    return users + " " + latestDeltaLink("start a groups delta", groupsDeltaStart());
  }

  private URI groupsDeltaStart() {
    String filter = config.groupsInScope().stream().map(id -> "id eq '" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(" or "));
    return query("/groups/delta", "$select", "members", "$filter", filter, "$deltatoken", "latest");
  }

  private String latestDeltaLink(String call, URI uri) {
    String link = delta(() -> api.getPage(call, uri, Map.of(), "value", m -> m))
        .field("@odata.deltaLink");
    if (link == null) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 200, null, call
          + ": Graph answered without @odata.deltaLink", null);
    }
    return link;
  }

  @Override
  public DeltaPage changes(String cursorOrToken) {
    String[] parts = cursorOrToken.split(" ");
    boolean scoped = !config.groupsInScope().isEmpty();
    if (parts[0].equals("g")) { // cursor in the groups phase: g <groups page> <users delta link>
      return groupsPhase(require(parts, 3), parts[2]);
    }
    String usersUrl;
    String groupsLink;
    if (parts[0].equals("u")) { // cursor in the users phase: u <users page> [<groups delta link>]
      usersUrl = require(parts, scoped ? 3 : 2);
      groupsLink = scoped ? parts[2] : "";
    } else { // a token: <users delta link> [<groups delta link>]
      usersUrl = parts[0];
      groupsLink = scoped ? require(parts, 2) : "";
      if (!scoped && parts.length != 1) {
        throw expired("the saved token was taken with groups in scope; the scope changed");
      }
    }
    JsonPage<Map<String, @Nullable Object>> page = deltaPage("list changed users", usersUrl);
    List<String> removed = new ArrayList<>();
    List<String> changedIds = new ArrayList<>();
    for (Map<String, @Nullable Object> item : page.items()) {
      (item.containsKey("@removed") ? removed : changedIds).add(Records.id(item));
    }
    List<SourceUser> changed = readWhole(changedIds, removed);
    String next = page.field("@odata.nextLink");
    if (next != null) {
      return DeltaPage.more(changed, removed, "u " + next + (scoped ? " " + groupsLink : ""));
    }
    String usersDelta = requireDeltaLink(page);
    return scoped ? DeltaPage.more(changed, removed, "g " + groupsLink + " " + usersDelta)
        : DeltaPage.last(changed, removed, usersDelta);
  }

  private DeltaPage groupsPhase(String groupsUrl, String usersDelta) {
    JsonPage<Map<String, @Nullable Object>> page = deltaPage("list changed memberships", groupsUrl);
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (Map<String, @Nullable Object> group : page.items()) {
      if (group.get("members@delta") instanceof List<?> members) {
        for (Object m : members) {
          if (m instanceof Map<?, ?> member && member.get("id") instanceof String id
              && "#microsoft.graph.user".equals(member.get("@odata.type"))) {
            // a removed member may still be in scope through another group: the engine's
            // lookupById confirms before it deprovisions
            (member.containsKey("@removed") ? removed : added).add(id);
          }
        }
      }
    }
    List<SourceUser> changed = readWhole(added, removed);
    String next = page.field("@odata.nextLink");
    return next != null ? DeltaPage.more(changed, removed, "g " + next + " " + usersDelta)
        : DeltaPage.last(changed, removed, usersDelta + " " + requireDeltaLink(page));
  }

  private JsonPage<Map<String, @Nullable Object>> deltaPage(String call, String url) {
    URI uri = URI.create(url);
    URI graph = config.graphUrl();
    if (!graph.getHost().equals(uri.getHost()) || graph.getPort() != uri.getPort()
        || !graph.getScheme().equals(uri.getScheme())) {
      throw expired("the saved delta link points at " + uri.getHost() + ", not " + graph.getHost());
    }
    return delta(() -> api.getPage(call, uri, Map.of(), "value", m -> m));
  }

  private static String requireDeltaLink(JsonPage<?> page) {
    String link = page.field("@odata.deltaLink");
    if (link == null) {
      throw new SourceCallException(Reason.SOURCE_FAILED, "delta", 200, null,
          "a delta page has neither @odata.nextLink nor @odata.deltaLink", null);
    }
    return link;
  }

  private static String require(String[] parts, int length) {
    if (parts.length != length) {
      throw expired("the saved delta token or cursor is not one this connector gave out");
    }
    return parts[1];
  }

  private static UserSyncException expired(String why) {
    return new UserSyncException(Reason.DELTA_EXPIRED, why + "; a full sync starts over");
  }

  /** Runs a delta call, reporting Graph's refusal of an old token as DELTA_EXPIRED. */
  private static <T> T delta(Supplier<T> call) {
    try {
      return call.get();
    } catch (SourceCallException e) {
      String code = e.vendorCode();
      if (e.status() == 410 || (code != null && EXPIRED_CODES.contains(code))) {
        throw new UserSyncException(Reason.DELTA_EXPIRED, "Graph no longer accepts the delta"
            + " token (" + e.getMessage() + "); a full sync starts over", e);
      }
      throw e;
    }
  }

  /**
   * Reads changed users whole (delta pages may carry only changed properties), 15 per request; a
   * user gone meanwhile or outside the scope joins the removed ones.
   */
  private List<SourceUser> readWhole(List<String> ids, List<String> removed) {
    List<SourceUser> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IDS_PER_FILTER) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_FILTER));
      String filter = chunk.stream().map(id -> "'" + id.replace("'", "''") + "'")
          .collect(Collectors.joining(",", "id in (", ")"));
      Map<String, SourceUser> found = new LinkedHashMap<>();
      for (SourceUser u : api.getPage("read changed users", query("/users", "$filter", filter,
          "$select", select, "$top", Integer.toString(IDS_PER_FILTER)), Map.of(), "value",
          EntraSource::toUser).items()) {
        found.put(u.id(), u);
      }
      for (String id : chunk) {
        SourceUser u = found.get(id);
        if (u != null && inScope(u)) {
          out.add(u);
        } else {
          removed.add(id);
        }
      }
    }
    return out;
  }

  private boolean inScope(SourceUser user) {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return true;
    }
    String relation = config.transitiveMembers() ? "/transitiveMemberOf" : "/memberOf";
    try (Stream<String> groups = nextLinkPaging("list the user's groups",
        query("/users/" + Records.segment(user.id()) + relation + "/microsoft.graph.group",
            "$select", "id", "$top", Integer.toString(config.pageSize())), Records::id).stream()) {
      return groups.anyMatch(scope::contains);
    }
  }

  private <T> Paging<T> membersPaging(String groupId, String fields,
      Function<Map<String, @Nullable Object>, T> item) {
    String relation = config.transitiveMembers() ? "/transitiveMembers" : "/members";
    return nextLinkPaging("list group members", query("/groups/" + Records.segment(groupId) + relation
        + "/microsoft.graph.user", "$select", fields, "$top", Integer.toString(config.pageSize())),
        item);
  }

  private <T> Paging<T> nextLinkPaging(String call, URI first,
      Function<Map<String, @Nullable Object>, T> item) {
    return Paging.builder(api, call, first, item).items("value")
        .nextLinkField("@odata.nextLink").build();
  }

  /** The Graph v1.0 address of a path with query parameters given as name, value, name, value… */
  private URI query(String path, String... params) {
    URI uri = URI.create(v1 + path);
    for (int i = 0; i < params.length; i += 2) {
      uri = Paging.withParam(uri, params[i], params[i + 1]);
    }
    return uri;
  }

  private static SourceUser toUser(Map<String, @Nullable Object> record) {
    record.remove("@odata.type");
    return SourceUser.of(Records.id(record), record);
  }

  private static SourceGroup toGroup(Map<String, @Nullable Object> record) {
    Object name = record.get("displayName");
    if (!(name instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("a group without a displayName");
    }
    return new SourceGroup(Records.id(record), s);
  }

  @Override
  public String toString() {
    return "EntraSource[" + config + "]";
  }
}
