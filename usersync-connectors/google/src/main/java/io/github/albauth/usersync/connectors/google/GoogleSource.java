package io.github.albauth.usersync.connectors.google;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.connectors.google.internal.GoogleAdvice;
import io.github.albauth.usersync.connectors.support.ApiClient;
import io.github.albauth.usersync.connectors.support.ErrorFormat;
import io.github.albauth.usersync.connectors.support.JsonPage;
import io.github.albauth.usersync.connectors.support.ListingProgress;
import io.github.albauth.usersync.connectors.support.Paging;
import io.github.albauth.usersync.connectors.support.Records;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectorySource} for Google Workspace through the Admin SDK Directory API
 * (https://developers.google.com/workspace/admin/directory/reference/rest), as a service account
 * acting as an admin (domain-wide delegation).
 *
 * <ul>
 *   <li>{@link #users()}: {@code users.list} ({@code GET /admin/directory/v1/users?customer=
 *       my_customer&maxResults=500}), paged by {@code nextPageToken}, the next page fetched while
 *       the engine works on this one. With groups in scope: first the direct members of type
 *       {@code USER} of each group ({@code members.list}, 200 per page), then the listing, keeping
 *       those members (one request per 500 users rather than one per member).
 *   <li>{@link #checkListing()}: complete when every page sequence reached its last page; the
 *       Directory API has no count.
 *   <li>{@link #groups()}, {@link #memberIds(String)}: {@code groups.list} (or {@code groups.get}
 *       per group in scope), {@code members.list}; members of type {@code GROUP} or {@code
 *       CUSTOMER} are left out (nested groups are not expanded).
 *   <li>{@link #lookupById(String)}: {@code users.get}; {@code 404} (a deleted user) is empty, a
 *       suspended or archived user is returned (and maps to inactive, see {@link
 *       GoogleUserState}); outside the domain or the groups in scope it is empty.
 *   <li>{@link #lookup(String, String)}: {@code id}; {@code primaryEmail} (the primary address
 *       only); {@code email} (the primary address or an alias, as {@code users.get} resolves
 *       both).
 * </ul>
 *
 * <p>Throttling ({@code 403 rateLimitExceeded}, {@code userRateLimitExceeded}, {@code
 * quotaExceeded}, {@code 429}) is retried with exponential backoff and jitter within the retry
 * budget; other errors fail at once and say what to fix. There is no delta API: every sync is a
 * full pass.
 *
 * <p>Records are delivered as Google sends them, without {@code recoveryEmail} and {@code
 * recoveryPhone}; map them with the {@code google} preset.
 *
 * <p>Thread-safe.
 */
public final class GoogleSource implements DirectorySource, GroupSource, UserLookup, ListingCheck {

  /** Google's error body: {@code {"error": {"code", "message", "errors": [{"reason", …}]}}}. */
  private static final ErrorFormat ERRORS = ErrorFormat.fields("error.errors.0.reason",
      "error.message");
  private static final String USERS = "admin#directory#users";
  private static final String GROUPS = "admin#directory#groups";
  private static final String MEMBERS = "admin#directory#members";
  /** The account's ways back in; not the app's business. */
  private static final List<String> LEFT_OUT = List.of("recoveryEmail", "recoveryPhone");

  /** One entry of {@code members.list}: only {@code USER} members are users. */
  private record Member(String id, boolean user) {}

  private final GoogleConfig config;
  private final ApiClient api;
  private final String base;
  private final AtomicReference<ListingProgress> lastListing =
      new AtomicReference<>(new ListingProgress(1));

  private GoogleSource(GoogleConfig config) {
    this.config = config;
    this.api = ApiClient.builder(config.http(), ERRORS)
        .authorization(config.authorization())
        .retryOn(403, "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded")
        .advice(GoogleAdvice.api(config.subject(), GoogleConfig.SCOPES))
        .build();
    this.base = config.apiUrl() + "/admin/directory/v1";
  }

  /**
   * Creates the source; nothing is fetched until a method needs it.
   *
   * @param config the configuration
   * @return the source
   */
  public static GoogleSource create(GoogleConfig config) {
    return new GoogleSource(config);
  }

  @Override
  public String id() {
    return config.sourceId();
  }

  @Override
  public Stream<SourceUser> users() {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      ListingProgress listing = new ListingProgress(1);
      lastListing.set(listing);
      return listing.stream(List.of(usersPaging()));
    }
    ListingProgress listing = new ListingProgress(scope.size() + 1);
    lastListing.set(listing);
    Paging<SourceUser> all = usersPaging();
    AtomicReference<Set<String>> members = new AtomicReference<>(Set.of());
    return Paging.prefetching(cursor -> {
      if (cursor == null) { // the first page: the members first, within the stream's errors
        members.set(memberIdsOf(scope, listing));
      }
      Page<SourceUser> page = listing.track(all.fetch(cursor));
      Set<String> ids = members.get();
      return new Page<>(page.items().stream().filter(u -> ids.contains(u.id())).toList(),
          page.nextCursor());
    });
  }

  private Set<String> memberIdsOf(Set<String> groups, ListingProgress listing) {
    Set<String> ids = new HashSet<>();
    for (String group : groups) {
      Paging<Member> members = membersPaging(group);
      try (Stream<Member> s = Paging.prefetching(cursor -> listing.track(members.fetch(cursor)))) {
        s.filter(Member::user).forEach(m -> ids.add(m.id()));
      }
    }
    return ids;
  }

  @Override
  public ListingCheck.Verdict checkListing() {
    return lastListing.get().complete() ? Verdict.uncounted() : Verdict.incomplete();
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return tokenPaging("list groups", scoped(query("/groups"), "maxResults",
          Integer.toString(config.groupPageSize())), "groups", GROUPS, GoogleSource::toGroup)
          .stream();
    }
    return scope.stream().map(key -> toGroup(api.getObject("get group",
        query("/groups/" + Records.segment(key)), Map.of())));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return membersPaging(groupId).stream().filter(Member::user).map(Member::id);
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    return getUser(id).filter(user -> user.id().equals(id)).filter(this::inScope);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    return switch (attribute) {
      case "id" -> lookupById(value);
      case "primaryEmail" -> getUser(value)
          .filter(user -> value.equalsIgnoreCase(text(user, "primaryEmail")))
          .filter(this::inScope);
      case "email" -> getUser(value)
          .filter(user -> addresses(user).contains(value.toLowerCase(Locale.ROOT)))
          .filter(this::inScope);
      default -> throw new UserSyncException(Reason.UNSUPPORTED, "Google lookup attribute \""
          + attribute + "\" is not supported; use id, primaryEmail, or email (the primary"
          + " address or an alias)");
    };
  }

  /** {@code users.get}: a key that cannot name a user finds none, without a request. */
  private Optional<SourceUser> getUser(String key) {
    if (key.isBlank() || key.length() > 254 || key.codePoints().anyMatch(
        c -> Character.isWhitespace(c) || Character.isISOControl(c)
            || Character.getType(c) == Character.FORMAT)) {
      return Optional.empty();
    }
    return api.findObject("get user", projected(query("/users/" + Records.segment(key))), Map.of())
        .map(GoogleSource::toUser);
  }

  private static Set<String> addresses(SourceUser user) {
    Set<String> out = new HashSet<>();
    String primary = text(user, "primaryEmail");
    if (primary != null) {
      out.add(primary.toLowerCase(Locale.ROOT));
    }
    for (String field : List.of("aliases", "nonEditableAliases")) {
      if (user.attributes().get(field) instanceof List<?> aliases) {
        aliases.stream().filter(String.class::isInstance)
            .forEach(a -> out.add(((String) a).toLowerCase(Locale.ROOT)));
      }
    }
    return out;
  }

  private boolean inScope(SourceUser user) {
    String domain = config.domain();
    String primary = text(user, "primaryEmail");
    if (domain != null && (primary == null
        || !primary.toLowerCase(Locale.ROOT).endsWith("@" + domain))) {
      return false;
    }
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return true;
    }
    Set<String> keys = new HashSet<>();
    scope.forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
    try (Stream<List<String>> groups = tokenPaging("list the user's groups", query("/groups",
        "userKey", user.id(), "maxResults", Integer.toString(config.groupPageSize())), "groups",
        GROUPS, GoogleSource::groupKeys).stream()) {
      return groups.anyMatch(group -> group.stream().anyMatch(keys::contains));
    }
  }

  private Paging<SourceUser> usersPaging() {
    return tokenPaging("list users", projected(scoped(query("/users"), "maxResults",
        Integer.toString(config.userPageSize()))), "users", USERS, GoogleSource::toUser);
  }

  private Paging<Member> membersPaging(String groupKey) {
    return tokenPaging("list group members", query("/groups/" + Records.segment(groupKey)
        + "/members", "maxResults", Integer.toString(config.memberPageSize())), "members", MEMBERS,
        GoogleSource::toMember);
  }

  private <T> Paging<T> tokenPaging(String call, URI first, String itemsField, String kind,
      Function<Map<String, @Nullable Object>, T> item) {
    return Paging.builder(api, call, first, item).optionalItems(itemsField)
        .pageToken("nextPageToken", "pageToken").onPage(requireKind(call, kind)).build();
  }

  /**
   * Google leaves out an empty page's array, so an empty page must at least say what it is: a
   * proxy's or portal's unrelated JSON object must not read as "no users".
   */
  private static <T> Consumer<JsonPage<T>> requireKind(String call, String kind) {
    return page -> {
      String actual = page.field("kind");
      if (actual == null ? page.items().isEmpty() : !actual.equals(kind)) {
        throw new SourceCallException(Reason.SOURCE_FAILED, call, 200, null, call + ": the"
            + " response is not a page of " + kind + " (its \"kind\" is "
            + (actual == null ? "missing" : "another") + "); the IdP or a proxy in between"
            + " answered something else; check albauth.google.api-url", null);
      }
    };
  }

  /** A user address with the projection, for {@code users.list} and {@code users.get}. */
  private URI projected(URI uri) {
    List<String> schemas = config.customSchemas();
    return schemas.isEmpty() ? Paging.withParam(uri, "projection", "basic")
        : Paging.withParam(Paging.withParam(uri, "projection", "custom"), "customFieldMask",
            String.join(",", schemas));
  }

  /** A listing's address for the customer or the domain, with more parameters. */
  private URI scoped(URI listing, String... params) {
    String domain = config.domain();
    return withParams(domain != null ? Paging.withParam(listing, "domain", domain)
        : Paging.withParam(listing, "customer", Objects.requireNonNull(config.customer())), params);
  }

  /** The API address of a path with query parameters given as name, value, name, value… */
  private URI query(String path, String... params) {
    return withParams(URI.create(base + path), params);
  }

  private static URI withParams(URI uri, String... params) {
    for (int i = 0; i < params.length; i += 2) {
      uri = Paging.withParam(uri, params[i], params[i + 1]);
    }
    return uri;
  }

  private static @Nullable String text(SourceUser user, String field) {
    return user.attributes().get(field) instanceof String s ? s : null;
  }

  private static SourceUser toUser(Map<String, @Nullable Object> record) {
    LEFT_OUT.forEach(record::remove);
    return SourceUser.of(Records.id(record), record);
  }

  private static SourceGroup toGroup(Map<String, @Nullable Object> record) {
    Object name = record.get("name");
    Object email = record.get("email");
    String display = name instanceof String n && !n.isBlank() ? n
        : email instanceof String e && !e.isBlank() ? e : null;
    if (display == null) {
      throw new IllegalArgumentException("a group without a name or email");
    }
    return new SourceGroup(Records.id(record), display);
  }

  /** A group's id and address, lower case, to compare with the keys in scope. */
  private static List<String> groupKeys(Map<String, @Nullable Object> record) {
    String id = Records.id(record).toLowerCase(Locale.ROOT);
    return record.get("email") instanceof String email
        ? List.of(id, email.toLowerCase(Locale.ROOT)) : List.of(id);
  }

  private static Member toMember(Map<String, @Nullable Object> record) {
    return new Member(Records.id(record), "USER".equals(record.get("type")));
  }

  @Override
  public String toString() {
    return "GoogleSource[" + config + "]";
  }
}
