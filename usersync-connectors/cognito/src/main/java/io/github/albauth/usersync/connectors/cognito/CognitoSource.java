package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.ListingCheck;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.Usernames;
import io.github.albauth.usersync.connectors.cognito.internal.Calls;
import io.github.albauth.usersync.connectors.cognito.internal.Operation;
import io.github.albauth.usersync.connectors.cognito.internal.UserRecords;
import io.github.albauth.usersync.connectors.support.ListingProgress;
import io.github.albauth.usersync.connectors.support.Paging;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListGroupsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;

/**
 * A {@link DirectorySource} for an Amazon Cognito user pool, through the AWS SDK for Java v2
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/).
 *
 * <ul>
 *   <li>{@link #users()}: {@code ListUsers} with {@code Limit} (at most 60) and {@code
 *       PaginationToken}, the next page fetched while the engine works on this one; with groups in
 *       scope, {@code ListUsersInGroup} per group, each user once. The id of a user is its {@code
 *       sub}, which never changes; {@code Username} is the username the {@code cognito} preset
 *       maps.
 *   <li>{@link #groups()}, {@link #memberIds(String)}: {@code ListGroups} (or {@code GetGroup} per
 *       group in scope), {@code ListUsersInGroup}. A group's id is its {@code GroupName} (Cognito
 *       cannot rename a group), its name the {@code GroupName} or, configured so, its {@code
 *       Description}.
 *   <li>{@link #lookup(String, String)}: {@code ListUsers} with {@code Filter} {@code <attribute> =
 *       "<value>"} (the value escaped) for {@code sub}, {@code username}, {@code email}, {@code
 *       phone_number}, {@code preferred_username}, {@code name}, {@code given_name}, {@code
 *       family_name}; {@link #lookupById(String)} by {@code sub}. With groups in scope, also
 *       {@code AdminListGroupsForUser}: a user in none of them is empty.
 *   <li>{@link #checkListing()}: complete when every listing reached its last page. Cognito's
 *       {@code EstimatedNumberOfUsers} is an estimate, so the source gives no count.
 *   <li>No deltas: Cognito cannot filter users by a modification date. Every sync is a full pass.
 * </ul>
 *
 * <p>Calls are paced per request-rate category ({@link CognitoQuota}; listings 5 per second by
 * default) and retried by the SDK within the configured attempts and budget. Map the records with
 * the {@code cognito} preset, whose {@code active} follows {@link CognitoStatus}.
 *
 * <p>Thread-safe. Close it to close the SDK client it built (an application's client stays open).
 */
public final class CognitoSource
    implements DirectorySource, GroupSource, UserLookup, ListingCheck, AutoCloseable {

  private final CognitoConfig config;
  private final Calls calls;
  private final AtomicReference<ListingProgress> lastListing =
      new AtomicReference<>(new ListingProgress(1));

  private CognitoSource(CognitoConfig config) {
    this.config = config;
    this.calls = config.open(Calls.Side.SOURCE);
  }

  /**
   * Creates the source; nothing is fetched until a method needs it.
   *
   * @param config the configuration
   * @return the source
   */
  public static CognitoSource create(CognitoConfig config) {
    return new CognitoSource(config);
  }

  @Override
  public String id() {
    return config.sourceId();
  }

  @Override
  public Stream<SourceUser> users() {
    Set<String> scope = config.groupsInScope();
    List<Pages> sequences = scope.isEmpty() ? List.of(this::userPage)
        : scope.stream().<Pages>map(group -> cursor -> memberPage(group, cursor)).toList();
    ListingProgress listing = new ListingProgress(sequences.size());
    lastListing.set(listing);
    if (sequences.size() == 1) { // closing this stream cancels the prefetch in flight
      return Paging.prefetching(cursor -> listing.track(sequences.get(0).page(cursor)));
    }
    Set<String> seen = ConcurrentHashMap.newKeySet(); // a user in two groups in scope, once
    return sequences.stream()
        .flatMap(sequence -> Paging.prefetching(cursor -> listing.track(sequence.page(cursor))))
        .filter(user -> seen.add(user.id()));
  }

  /** One page sequence of a listing: all users, or the members of one group in scope. */
  private interface Pages {
    Page<SourceUser> page(@Nullable String cursor);
  }

  private Page<SourceUser> userPage(@Nullable String cursor) {
    ListUsersResponse page = calls.call(Operation.ListUsers, () -> calls.client().listUsers(r -> r
        .userPoolId(calls.userPoolId()).limit(config.pageSize()).paginationToken(cursor)));
    return new Page<>(page.users().stream().map(UserRecords::toSourceUser).toList(),
        emptyToNull(page.paginationToken()));
  }

  private Page<SourceUser> memberPage(String group, @Nullable String cursor) {
    ListUsersInGroupResponse page = calls.call(Operation.ListUsersInGroup, () -> calls.client()
        .listUsersInGroup(r -> r.userPoolId(calls.userPoolId()).groupName(group)
            .limit(config.pageSize()).nextToken(cursor)));
    return new Page<>(page.users().stream().map(UserRecords::toSourceUser).toList(),
        emptyToNull(page.nextToken()));
  }

  private static @Nullable String emptyToNull(@Nullable String token) {
    return token == null || token.isEmpty() ? null : token;
  }

  @Override
  public ListingCheck.Verdict checkListing() {
    return lastListing.get().complete() ? Verdict.uncounted() : Verdict.incomplete();
  }

  @Override
  public Stream<SourceGroup> groups() {
    Set<String> scope = config.groupsInScope();
    if (!scope.isEmpty()) {
      return scope.stream().map(name -> toGroup(calls.call(Operation.GetGroup, () -> calls.client()
          .getGroup(r -> r.userPoolId(calls.userPoolId()).groupName(name))).group()));
    }
    return Paging.prefetching(cursor -> {
      ListGroupsResponse page = calls.call(Operation.ListGroups, () -> calls.client()
          .listGroups(r -> r.userPoolId(calls.userPoolId()).limit(config.pageSize())
              .nextToken(cursor)));
      return new Page<>(page.groups().stream().map(this::toGroup).toList(),
          emptyToNull(page.nextToken()));
    });
  }

  private SourceGroup toGroup(GroupType group) {
    String description = group.description();
    if (!config.groupNamesFromDescriptions() || description == null || description.isBlank()) {
      return new SourceGroup(group.groupName(), group.groupName());
    }
    Usernames.Result name = Usernames.canonicalize(description);
    if (!name.isValid()) {
      throw new UserSyncException(Reason.SOURCE_FAILED, "the description of Cognito group "
          + Calls.escape(group.groupName()) + " cannot name a group (" + name.reason()
          + "); fix it, or name groups by GroupName (albauth.cognito.group-names=group-name)");
    }
    return new SourceGroup(group.groupName(), java.util.Objects.requireNonNull(name.username()));
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return Paging.prefetching(cursor -> memberPage(groupId, cursor)).map(SourceUser::id);
  }

  @Override
  public Optional<SourceUser> lookupById(String id) {
    return find("sub", id);
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    if (!UserRecords.FILTERABLE.contains(attribute)) {
      throw new UserSyncException(Reason.UNSUPPORTED, "Cognito lookup attribute \""
          + Calls.escape(attribute) + "\" is not supported; ListUsers filters only on "
          + String.join(", ", UserRecords.FILTERABLE.stream().sorted().toList())
          + " (custom attributes are not searchable)");
    }
    return find(attribute, value);
  }

  private Optional<SourceUser> find(String attribute, String value) {
    String filter = UserRecords.exactFilter(attribute, value, "the " + attribute + " looked up");
    List<SourceUser> found = calls.call(Operation.ListUsers, () -> calls.client().listUsers(r -> r
        .userPoolId(calls.userPoolId()).filter(filter).limit(2))).users().stream()
        .map(UserRecords::toSourceUser).toList();
    if (found.size() > 1) {
      throw new UserSyncException(Reason.CONFLICT, "several Cognito users have the " + attribute
          + " looked up; look users up by an attribute that is unique (sub or username)");
    }
    return found.stream().findFirst().filter(this::inScope);
  }

  private boolean inScope(SourceUser user) {
    Set<String> scope = config.groupsInScope();
    if (scope.isEmpty()) {
      return true;
    }
    String username = String.valueOf(user.attributes().get("Username"));
    return calls.call(Operation.AdminListGroupsForUser, () -> calls.client().adminListGroupsForUser(
            r -> r.userPoolId(calls.userPoolId()).username(username).limit(CognitoConfig.MAX_PAGE)))
        .groups().stream().anyMatch(g -> scope.contains(g.groupName()));
  }

  /** Closes the SDK client when the source built it; an application's client stays open. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public String toString() {
    return "CognitoSource[" + config + "]";
  }
}
