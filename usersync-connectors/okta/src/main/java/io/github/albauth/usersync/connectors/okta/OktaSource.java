package io.github.albauth.usersync.connectors.okta;

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
import io.github.albauth.usersync.connectors.support.RateLimitHeaders;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DirectorySource} for Okta's Users and Groups APIs
 * (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/).
 *
 * <ul>
 *   <li>{@link #users()}: {@code GET /api/v1/users?limit=200}, paged by {@code Link: rel="next"},
 *       the next page fetched while the engine works on this one; with groups in scope, the members
 *       of those groups ({@code GET /api/v1/groups/{id}/users}), each user once. The plain listing
 *       leaves out {@code DEPROVISIONED} users, as Okta does.
 *   <li>{@link #groups()}, {@link #memberIds(String)}: {@code GET /api/v1/groups}, {@code GET
 *       /api/v1/groups/{id}/users}.
 *   <li>{@link #lookupById(String)}: {@code GET /api/v1/users/{id}}, which also returns {@code
 *       DEPROVISIONED} users (so the engine sees them as inactive and deprovisions them); with
 *       groups in scope, a user in none of them is empty.
 *   <li>{@link #lookup(String, String)}: attributes {@code id}, {@code login}, {@code email}, or
 *       any {@code profile.*} property, through {@code search=profile.… eq "…"}.
 *   <li>{@link #changes(String)}: {@code filter=lastUpdated gt "…"}, which also returns {@code
 *       DEPROVISIONED} users: their ids are reported as removed. Tokens are instants a minute
 *       before the round started (Okta's filter index lags a little); they do not expire.
 *       Membership changes that do not touch a user show at the next full sync.
 *   <li>{@link #checkListing()}: complete when the last listing reached its last page; Okta
 *       offers no count.
 * </ul>
 *
 * <p>Records are delivered as Okta sends them, minus {@code credentials} (recovery question,
 * provider) and {@code _links}; map them with the {@code okta} preset, whose {@code active} follows
 * {@link OktaStatus}.
 *
 * <p>Thread-safe.
 */
public final class OktaSource
    implements DirectorySource, GroupSource, UserLookup, ListingCheck, DeltaSource {

  /** Okta's error object: https://developer.okta.com/docs/reference/error-codes/ */
  private static final ErrorFormat ERRORS = ErrorFormat.fields("errorCode", "errorSummary");
  /** How far before a round a delta token reaches back, for the lag of Okta's filter index. */
  private static final Duration DELTA_OVERLAP = Duration.ofMinutes(1);
  private static final DateTimeFormatter OKTA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final OktaConfig config;
  private final ApiClient api;
  private final String base;
  private final AtomicReference<ListingProgress> lastListing =
      new AtomicReference<>(new ListingProgress(1));

  private OktaSource(OktaConfig config) {
    this.config = config;
    this.api = ApiClient.builder(config.http(), ERRORS)
        .authorization(config.authorization())
        .rateLimitHeaders(RateLimitHeaders.OKTA)
        .build();
    this.base = config.orgUrl().toString();
  }

  /**
   * Creates the source; nothing is fetched until a method needs it.
   *
   * @param config the configuration
   * @return the source
   */
  public static OktaSource create(OktaConfig config) {
    return new OktaSource(config);
  }

  @Override
  public String id() {
    return config.sourceId();
  }

  @Override
  public Stream<SourceUser> users() {
    Set<String> scope = config.groupsInScope();
    List<Paging<SourceUser>> sequences = scope.isEmpty()
        ? List.of(linkPaging("list users", uri("/api/v1/users?limit=" + config.userPageSize()),
            OktaSource::toUser))
        : scope.stream().map(group -> membersPaging(group, OktaSource::toUser)).toList();
    ListingProgress listing = new ListingProgress(sequences.size());
    lastListing.set(listing);
    return listing.stream(sequences);
  }

  @Override
  public ListingCheck.Verdict checkListing() {
    return lastListing.get().complete() ? Verdict.uncounted() : Verdict.incomplete();
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return linkPaging("list groups", uri("/api/v1/groups?limit=" + config.groupPageSize()),
          OktaSource::toGroup).stream();
    }
    return scope.stream().map(id ->
        toGroup(api.getObject("get group", uri("/api/v1/groups/" + Records.segment(id)), Map.of())));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return membersPaging(groupId, Records::id).stream();
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    return api.findObject("get user", uri("/api/v1/users/" + Records.segment(id)), Map.of())
        .map(OktaSource::toUser)
        .filter(this::inScope);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    String property = switch (attribute) {
      case "id" -> "";
      case "login", "email" -> "profile." + attribute;
      default -> attribute.startsWith("profile.") && attribute.length() > "profile.".length()
          ? attribute : null;
    };
    if (property == null) {
      throw new UserSyncException(Reason.UNSUPPORTED, "Okta lookup attribute \"" + attribute
          + "\" is not supported; use id, login, email or a profile.* property");
    }
    if (property.isEmpty()) {
      return lookupById(value);
    }
    String search = property + " eq \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    URI uri = Paging.withParam(uri("/api/v1/users?limit=2"), "search", search);
    List<SourceUser> found = api.getPage("find user by " + property, uri, Map.of(), null,
        OktaSource::toUser).items();
    if (found.size() > 1) {
      throw new UserSyncException(Reason.CONFLICT, "several Okta users have the " + property
          + " looked up; look users up by an attribute that is unique (login or id)");
    }
    return found.stream().findFirst().filter(this::inScope);
  }

  @Override
  public String currentDeltaToken() {
    return OKTA_TIME.format(config.http().clock().instant().minus(DELTA_OVERLAP));
  }

  @Override
  public DeltaPage changes(String cursorOrToken) {
    int space = cursorOrToken.indexOf(' ');
    String nextToken;
    String cursor;
    URI first;
    if (space > 0) { // a cursor: the round's next token, then the next page's URL
      nextToken = cursorOrToken.substring(0, space);
      cursor = cursorOrToken.substring(space + 1);
      first = uri("/api/v1/users");
    } else {
      Instant since;
      try {
        since = Instant.from(OKTA_TIME.parse(cursorOrToken));
      } catch (DateTimeParseException e) {
        throw new UserSyncException(Reason.DELTA_EXPIRED, "the saved Okta delta token is not an"
            + " instant; a full sync starts over", e);
      }
      nextToken = currentDeltaToken();
      cursor = null;
      first = Paging.withParam(uri("/api/v1/users?limit=" + config.userPageSize()), "filter",
          "lastUpdated gt \"" + OKTA_TIME.format(since) + "\"");
    }
    Page<SourceUser> page = linkPaging("list changed users", first, OktaSource::toUser)
        .fetch(cursor);
    List<SourceUser> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (SourceUser user : page.items()) {
      boolean deprovisioned = OktaStatus.of(user.attributes().get("status"))
          == OktaStatus.DEPROVISIONED;
      if (deprovisioned || !inScope(user)) {
        removed.add(user.id());
      } else {
        changed.add(user);
      }
    }
    String next = page.nextCursor();
    return next == null ? DeltaPage.last(changed, removed, nextToken)
        : DeltaPage.more(changed, removed, nextToken + " " + next);
  }

  private boolean inScope(SourceUser user) {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return true;
    }
    try (Stream<String> groups = linkPaging("list the user's groups",
        uri("/api/v1/users/" + Records.segment(user.id()) + "/groups"), Records::id).stream()) {
      return groups.anyMatch(scope::contains);
    }
  }

  private <T> Paging<T> membersPaging(String groupId, Function<Map<String, @Nullable Object>, T> item) {
    return linkPaging("list group members", uri("/api/v1/groups/" + Records.segment(groupId)
        + "/users?limit=" + config.memberPageSize()), item);
  }

  private <T> Paging<T> linkPaging(String call, URI first,
      Function<Map<String, @Nullable Object>, T> item) {
    return Paging.builder(api, call, first, item).linkHeader().build();
  }

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private static SourceUser toUser(Map<String, @Nullable Object> record) {
    record.remove("credentials"); // recovery question and provider: not the app's business
    record.remove("_links");
    return SourceUser.of(Records.id(record), record);
  }

  private static SourceGroup toGroup(Map<String, @Nullable Object> record) {
    Object name = record.get("profile") instanceof Map<?, ?> profile ? profile.get("name") : null;
    if (!(name instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("a group without profile.name");
    }
    return new SourceGroup(Records.id(record), s);
  }

  @Override
  public String toString() {
    return "OktaSource[" + config + "]";
  }
}
