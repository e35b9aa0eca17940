package io.github.albauth.usersync.connectors.onelogin;

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
import io.github.albauth.usersync.connectors.onelogin.internal.UserReader;
import io.github.albauth.usersync.connectors.support.ApiClient;
import io.github.albauth.usersync.connectors.support.ErrorFormat;
import io.github.albauth.usersync.connectors.support.ListingProgress;
import io.github.albauth.usersync.connectors.support.Paging;
import io.github.albauth.usersync.connectors.support.RateLimitHeaders;
import io.github.albauth.usersync.connectors.support.Records;
import io.github.albauth.usersync.connectors.support.SourceCallException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectorySource} for OneLogin's API v2 (https://developers.onelogin.com/api-docs/2/users/list-users).
 *
 * <ul>
 *   <li>{@link #users()}: {@code GET /api/2/users?limit=50&fields=…}, paged by passing each
 *       response's {@code After-Cursor} header back as {@code cursor} (API v2; {@code after_cursor}
 *       is API v1's), the next page fetched while the engine works on this one. {@code fields}
 *       asks for {@code role_ids} (and {@code custom_attributes} when configured), which the
 *       listing leaves out otherwise. With roles in scope, the users holding one of them.
 *   <li>{@link #checkListing()}: complete when the listing reached its last page, with the {@code
 *       Total-Count} header of its last page as the count when every user is in scope.
 *   <li>{@link #groups()}, {@link #memberIds(String)}: OneLogin <em>roles</em>, {@code GET
 *       /api/2/roles?limit=650} and {@code GET /api/2/roles/{id}/users?limit=100}. Roles are the
 *       connector's groups because they are OneLogin's multi-valued membership (what grants apps,
 *       and what an OIDC app's {@code groups} claim usually carries); a user's single {@code
 *       group_id} (a policy group) stays in the record for mappings that want it.
 *   <li>{@link #lookupById(String)}: {@code GET /api/2/users/{id}} ({@code 404}: gone); with roles
 *       in scope, a user holding none of them is empty.
 *   <li>{@link #lookup(String, String)}: attributes {@code id}, {@code username}, {@code email},
 *       through the listing's exact-match filters; a value with {@code *} (OneLogin's wildcard) is
 *       refused.
 *   <li>{@link #changes(String)}: {@code updated_since=<token>}; suspended users come back with
 *       status 2 and are deactivated by the mapping; with roles in scope, changed users outside
 *       them are reported as removed. Tokens are instants two minutes before the round started
 *       (clock skew between this host and OneLogin); they do not expire. Deleted users are not in
 *       {@code updated_since} results: the next full sync finds them (their lookup answers 404).
 * </ul>
 *
 * <p>Records are delivered as OneLogin sends them, limited to the same fields whether listed or
 * looked up; ids are the integers' decimal text. Map them with the {@code onelogin} preset, whose
 * {@code active} follows {@link OneLoginStatus} and {@link OneLoginState}. Calls slow down when
 * {@code X-RateLimit-Remaining} runs low, and a {@code 429} waits for {@code X-RateLimit-Reset}.
 *
 * <p>Thread-safe.
 */
public final class OneLoginSource
    implements DirectorySource, GroupSource, UserLookup, ListingCheck, DeltaSource {

  /**
   * API v2's error object, {@code {"statusCode": 404, "name": "NotFoundError", "message": "…"}}:
   * https://developers.onelogin.com/api-docs/2/users/get-user
   */
  private static final ErrorFormat ERRORS = ErrorFormat.fields("name", "message");
  /**
   * Account-wide limit, requests left, and seconds until the hour's window resets:
   * https://developers.onelogin.com/api-docs/2/oauth20-tokens/get-rate-limit
   */
  private static final RateLimitHeaders RATE_LIMIT = RateLimitHeaders.deltaSeconds(
      "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
  /** The response header with the next page's cursor (API v2 pagination). */
  private static final String NEXT_CURSOR = "After-Cursor";
  /** The response header with the number of items in the whole listing. */
  private static final String TOTAL_COUNT = "Total-Count";
  /** How far before a round a delta token reaches back, for clock skew between us and OneLogin. */
  private static final Duration DELTA_OVERLAP = Duration.ofMinutes(2);

  private final OneLoginConfig config;
  private final ApiClient api;
  private final String base;
  private final UserReader reader;
  private final AtomicReference<Listing> lastListing = new AtomicReference<>(new Listing());

  /** One {@link #users()} listing: whether it reached its end, and the count OneLogin gave. */
  private static final class Listing {
    final ListingProgress progress = new ListingProgress(1);
    final AtomicReference<@Nullable String> totalCount = new AtomicReference<>();
  }

  private OneLoginSource(OneLoginConfig config) {
    this.config = config;
    this.api = ApiClient.builder(config.http(), ERRORS)
        .authorization(config.authorization())
        .rateLimitHeaders(RATE_LIMIT)
        .build();
    this.base = config.apiUrl().toString();
    this.reader = new UserReader(config.customAttributes(), config.rolesInScope());
  }

  /**
   * Creates the source; nothing is fetched until a method needs it.
   *
   * @param config the configuration
   * @return the source
   */
  public static OneLoginSource create(OneLoginConfig config) {
    return new OneLoginSource(config);
  }

  @Override
  public String id() {
    return config.sourceId();
  }

  @Override
  public Stream<SourceUser> users() {
    Listing listing = new Listing();
    lastListing.set(listing);
    Paging<SourceUser> all = paging("list users", usersUri(config.userPageSize()), reader::toUser)
        .onPage(page -> listing.totalCount.set(page.headers().firstValue(TOTAL_COUNT).orElse(null)))
        .build();
    Stream<SourceUser> users = listing.progress.stream(List.of(all));
    return config.rolesInScope().isEmpty() ? users : users.filter(reader::inScope);
  }

  @Override
  public ListingCheck.Verdict checkListing() {
    Listing listing = lastListing.get();
    if (!listing.progress.complete()) {
      return Verdict.incomplete();
    }
    String total = listing.totalCount.get();
    if (!config.rolesInScope().isEmpty() || total == null) {
      return Verdict.uncounted(); // a role scope is filtered here, so OneLogin's count is not ours
    }
    try {
      long count = Long.parseLong(total.strip());
      if (count >= 0) {
        return Verdict.counted(count);
      }
    } catch (NumberFormatException e) {
      // reported below, without the header's text
    }
    throw new SourceCallException(Reason.SOURCE_FAILED, "list users", 200, null, "list users:"
        + " OneLogin's Total-Count header is not a count; the listing cannot be verified, so"
        + " nobody is cleaned up", null);
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> scope = config.rolesInScope();
    if (scope.isEmpty()) {
      return paging("list roles", uri("/api/2/roles?limit=" + config.rolePageSize()),
          OneLoginSource::toRole).build().stream();
    }
    return scope.stream().map(id -> readWith("get role", OneLoginSource::toRole,
        api.getObject("get role", uri("/api/2/roles/" + Records.segment(id)), Map.of())));
  }

  @Override
  public Stream<String> memberIds(String roleId) {
    // include_unassigned is false by default; a member marked "assigned": false is skipped anyway
    return paging("list role members", uri("/api/2/roles/" + Records.segment(roleId)
        + "/users?limit=" + config.memberPageSize()), OneLoginSource::assignedMember)
        .build().stream().flatMap(Optional::stream);
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    return api.findObject("get user", uri("/api/2/users/" + Records.segment(id)), Map.of())
        .map(record -> readWith("get user", reader::toUser, record))
        .filter(reader::inScope);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    if (attribute.equals("id")) {
      return lookupById(value);
    }
    if (!attribute.equals("username") && !attribute.equals("email")) {
      throw new UserSyncException(Reason.UNSUPPORTED, "OneLogin lookup attribute \"" + attribute
          + "\" is not supported; use id, username or email");
    }
    if (value.contains("*")) {
      throw new UserSyncException(Reason.UNSUPPORTED, "a OneLogin " + attribute + " lookup value"
          + " contains *, which OneLogin's filters read as a wildcard; it cannot be looked up"
          + " exactly");
    }
    String call = "find user by " + attribute;
    List<SourceUser> found = api.getPage(call, Paging.withParam(usersUri(2), attribute, value),
        Map.of(), null, reader::toUser).items().stream()
        .filter(user -> user.attributes().get(attribute) instanceof String s
            && s.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)))
        .toList();
    if (found.size() > 1) {
      throw new UserSyncException(Reason.CONFLICT, "several OneLogin users have the " + attribute
          + " looked up; look users up by an attribute that is unique (username or id)");
    }
    return found.stream().findFirst().filter(reader::inScope);
  }

  @Override
  public String currentDeltaToken() {
    return config.http().clock().instant().minus(DELTA_OVERLAP).truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A round's token is an instant ({@code updated_since}); a cursor within a round is the
   * round's next token, its {@code updated_since} and OneLogin's {@code After-Cursor}, separated
   * by spaces (OneLogin's cursor holds the page, not the filter, so the filter is sent again).
   */
  @Override
  public DeltaPage changes(String cursorOrToken) {
    String[] parts = cursorOrToken.split(" ", 3);
    String nextToken;
    Instant since;
    String cursor;
    if (parts.length == 3) {
      nextToken = instant(parts[0]).toString();
      since = instant(parts[1]);
      cursor = parts[2];
    } else {
      nextToken = currentDeltaToken();
      since = instant(cursorOrToken);
      cursor = null;
    }
    URI first = Paging.withParam(usersUri(config.userPageSize()), "updated_since", since.toString());
    Page<SourceUser> page = paging("list changed users", first, reader::toUser).build().fetch(cursor);
    List<SourceUser> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (SourceUser user : page.items()) {
      if (reader.inScope(user)) {
        changed.add(user);
      } else {
        removed.add(user.id()); // left the roles in scope (or never held one)
      }
    }
    String next = page.nextCursor();
    return next == null ? DeltaPage.last(changed, removed, nextToken)
        : DeltaPage.more(changed, removed, nextToken + " " + since + " " + next);
  }

  private static Instant instant(String token) {
    try {
      return Instant.parse(token);
    } catch (DateTimeParseException e) {
      throw new UserSyncException(Reason.DELTA_EXPIRED, "the saved OneLogin delta token is not an"
          + " instant; a full sync starts over", e);
    }
  }

  private <T> Paging.Builder<T> paging(String call, URI first,
      Function<Map<String, @Nullable Object>, T> item) {
    return Paging.builder(api, call, first, item).cursorHeader(NEXT_CURSOR, "cursor");
  }

  /** The users listing at a page size, asking for the fields the connector delivers. */
  private URI usersUri(int limit) {
    return Paging.withParam(uri("/api/2/users?limit=" + limit), "fields", reader.fieldsParameter());
  }

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  /** Reads a single object as a page item would be read: a refusal is a malformed response. */
  private static <T> T readWith(String call, Function<Map<String, @Nullable Object>, T> read,
      Map<String, @Nullable Object> record) {
    try {
      return read.apply(record);
    } catch (IllegalArgumentException e) {
      throw new SourceCallException(Reason.SOURCE_FAILED, call, 200, null, call + ": the response"
          + " is not the object expected (" + e.getMessage() + "); check the API URL", e);
    }
  }

  private static SourceGroup toRole(Map<String, @Nullable Object> record) {
    if (!(record.get("name") instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException("a role without a name");
    }
    return new SourceGroup(UserReader.id(record, "id"), name);
  }

  private static Optional<String> assignedMember(Map<String, @Nullable Object> record) {
    String id = UserReader.id(record, "id");
    return Boolean.FALSE.equals(record.get("assigned")) ? Optional.empty() : Optional.of(id);
  }

  @Override
  public String toString() {
    return "OneLoginSource[" + config + "]";
  }
}
