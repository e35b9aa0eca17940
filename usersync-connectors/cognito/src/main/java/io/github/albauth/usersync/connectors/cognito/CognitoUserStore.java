package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.GroupStore;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.connectors.cognito.internal.Calls;
import io.github.albauth.usersync.connectors.cognito.internal.Operation;
import io.github.albauth.usersync.connectors.cognito.internal.StoreRecords;
import io.github.albauth.usersync.connectors.cognito.internal.UserRecords;
import io.github.albauth.usersync.connectors.support.Paging;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListGroupsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * A {@link UserStore} and {@link GroupStore} that provisions the engine's users and groups into an
 * Amazon Cognito user pool, so the sync engine can push users from any source (Okta, Entra, a
 * file, the host's own store) into Cognito. With {@link CognitoConfig.Builder#deleteUsers()} it
 * also implements {@link io.github.albauth.usersync.UserDeletion}; without, the engine can only
 * disable users.
 *
 * <p>How the engine's model maps onto Cognito's:
 *
 * <ul>
 *   <li>A Cognito {@code Username} never changes, so the engine's username is the user's {@code
 *       preferred_username} (add it to the pool's aliases to let users sign in with it), and a
 *       managed user's Cognito {@code Username} is the SHA-256 of its source and external id, which
 *       never change either ({@code AdminGetUser} finds a user by them; Cognito refuses a second
 *       user with the same pair). A rename is an update of {@code preferred_username}. A local
 *       user (no source) gets a random Cognito username.
 *   <li>Usernames are compared exactly ({@link #caseSensitiveUsernames()} is true), whatever the
 *       pool's {@code UsernameConfiguration}: in a case-insensitive pool, map usernames to one
 *       case, so that no two differ only in case.
 *   <li>{@code custom:albauth_source}, {@code custom:albauth_id} and {@code custom:albauth_grp}
 *       (which the pool's schema must have) hold the source, the external id and the memberships
 *       whose owner is not the default: a membership of a user in a group that one source manages
 *       both is that source's; any other is the host's unless recorded.
 *   <li>Attributes: {@code displayName}, {@code givenName}, {@code familyName} are {@code name},
 *       {@code given_name}, {@code family_name}; other standard attributes keep their names; any
 *       other attribute {@code x} is {@code custom:x}. Values are text (booleans and numbers are
 *       written as text and read back as text, but {@code email_verified} and {@code
 *       phone_number_verified}, read as {@code true} or absent). Only the attributes the engine
 *       changed are sent ({@code AdminUpdateUserAttributes}; removals {@code
 *       AdminDeleteUserAttributes}).
 *   <li>{@code active} is Cognito's {@code Enabled} ({@code AdminDisableUser}, {@code
 *       AdminEnableUser}).
 *   <li>Groups keep their names (Cognito's pattern: no spaces); a managed group's {@code
 *       Description} records its source and external id. Cognito cannot rename a group: {@link
 *       #renameGroup} creates the new group, moves the members and deletes the old one.
 * </ul>
 *
 * <p>Names and attribute values with control, bidi or zero-width characters are refused ({@link
 * Reason#INVALID_USER}) before they reach Cognito. Failures are {@link CognitoCallException}s
 * whose reason tells the engine whether one user failed or the store is unavailable.
 *
 * <p>Thread-safe. Close it to close the SDK client it built (an application's client stays open).
 */
public class CognitoUserStore implements UserStore, GroupStore, AutoCloseable {

  private static final int MAX_REMEMBERED = 10_000;
  private static final Duration GROUP_CACHE = Duration.ofMinutes(1);
  /** How long a name found free stays free for this store: the engine asks just before it writes. */
  private static final Duration FREE_NAME = Duration.ofSeconds(2);
  private static final int STRIPES = 64;

  /** The configuration. */
  final CognitoConfig config;
  /** The calls. */
  final Calls calls;
  private final PasswordProvider passwords;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  /** The engine's username to the Cognito username last seen with it; verified on use. */
  private final Map<String, String> remembered = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_REMEMBERED;
        }
      });
  /**
   * Usernames a lookup just found free, until when: the engine calls {@link #findByUsername} right
   * before {@link #create} or a rename, so the write need not ask {@code ListUsers} (UserList, 30
   * per second) again. A name this store writes leaves the map; another process's write in those
   * two seconds is the race that only Cognito can close (make {@code preferred_username} an alias).
   */
  private final Map<String, Instant> free = new ConcurrentHashMap<>();
  /** Groups as last read; GetGroup is 5 requests per second and pool. */
  private final Map<String, CachedGroup> groups = new ConcurrentHashMap<>();

  /** A user of the pool as the store reads it. */
  record Account(String cognitoUsername, String username, @Nullable String source,
      @Nullable String externalId, boolean enabled, Map<String, String> attributes) {}

  private record CachedGroup(GroupType group, Instant until) {}

  CognitoUserStore(CognitoConfig config, PasswordProvider passwords) {
    this.config = config;
    this.passwords = passwords;
    this.calls = config.open(Calls.Side.STORE);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /**
   * Creates the store; Cognito generates the first passwords.
   *
   * @param config the configuration
   * @return the store (implementing {@link io.github.albauth.usersync.UserDeletion} when the
   *     configuration allows deleting users)
   */
  public static CognitoUserStore create(CognitoConfig config) {
    return create(config, PasswordProvider.NONE);
  }

  /**
   * Creates the store with the host's first passwords.
   *
   * @param config the configuration
   * @param passwords chooses each new user's first password
   * @return the store (implementing {@link io.github.albauth.usersync.UserDeletion} when the
   *     configuration allows deleting users)
   */
  public static CognitoUserStore create(CognitoConfig config, PasswordProvider passwords) {
    Objects.requireNonNull(passwords, "passwords");
    return config.deleteUsers() ? new DeletingCognitoUserStore(config, passwords)
        : new CognitoUserStore(Objects.requireNonNull(config, "config"), passwords);
  }

  /** Usernames ({@code preferred_username}) are compared exactly. */
  @Override
  public boolean caseSensitiveUsernames() {
    return true;
  }

  @Override
  public Optional<StoredUser> findByUsername(String username) {
    return resolve(username).map(CognitoUserStore::stored);
  }

  @Override
  public Optional<StoredUser> findByExternalId(String source, String externalId) {
    return get(StoreRecords.cognitoUsername(source, externalId))
        .filter(a -> source.equals(a.source()) && externalId.equals(a.externalId()))
        .map(CognitoUserStore::stored);
  }

  @Override
  public void create(StoredUser user) {
    String name = StoreRecords.requireName(user.username(), "username", false);
    List<AttributeType> attributes = new ArrayList<>();
    attributes.add(attribute(StoreRecords.USERNAME, name));
    attributes.addAll(written(user.attributes()));
    String source = user.source();
    String externalId = user.externalId();
    String cognitoUsername;
    if (source != null && externalId != null) {
      cognitoUsername = StoreRecords.cognitoUsername(source, externalId);
      attributes.add(attribute(StoreRecords.SOURCE, source));
      attributes.add(attribute(StoreRecords.EXTERNAL_ID, externalId));
    } else {
      cognitoUsername = "local-" + UUID.randomUUID();
    }
    locked(name, () -> {
      if (!takeFree(name) && resolve(name).isPresent()) {
        throw new UserSyncException(Reason.CONFLICT, "username " + name + " is taken in user pool "
            + calls.userPoolId());
      }
      InitialPassword password = passwords.initialPassword(user);
      try {
        calls.call(Operation.AdminCreateUser, () -> calls.client().adminCreateUser(r -> {
          r.userPoolId(calls.userPoolId()).username(cognitoUsername).userAttributes(attributes);
          switch (config.invitation()) {
            case SUPPRESS -> r.messageAction(MessageActionType.SUPPRESS);
            case EMAIL -> r.desiredDeliveryMediums(DeliveryMediumType.EMAIL);
            case SMS -> r.desiredDeliveryMediums(DeliveryMediumType.SMS);
            case EMAIL_AND_SMS -> r.desiredDeliveryMediums(DeliveryMediumType.EMAIL,
                DeliveryMediumType.SMS);
          }
          if (password != null && !password.permanent()) {
            r.temporaryPassword(password.value());
          }
        }));
      } catch (CognitoCallException e) {
        if (e.reason() == Reason.CONFLICT) {
          throw new UserSyncException(Reason.CONFLICT, "user " + name + ": source " + source
              + " already has a user with this external id in user pool " + calls.userPoolId(), e);
        }
        throw e;
      }
      remembered.put(name, cognitoUsername);
      free.remove(name);
      if (!user.active()) {
        calls.call(Operation.AdminDisableUser, () -> calls.client().adminDisableUser(r -> r
            .userPoolId(calls.userPoolId()).username(cognitoUsername)));
      }
      if (password != null && password.permanent()) {
        calls.call(Operation.AdminSetUserPassword, () -> calls.client().adminSetUserPassword(r -> r
            .userPoolId(calls.userPoolId()).username(cognitoUsername).password(password.value())
            .permanent(true)));
      }
      return null;
    });
  }

  /** The engine's attributes as Cognito attributes, with the verified flags the config sets. */
  private List<AttributeType> written(Map<String, ?> attributes) {
    // each engine name has its own Cognito name (StoreRecords.cognitoName), so none is written twice
    List<AttributeType> out = new ArrayList<>();
    attributes.forEach((name, value) -> {
      if (value != null) {
        out.add(StoreRecords.toCognito(name, value));
      }
    });
    addVerified(out, attributes, "email", "email_verified", config.emailVerified());
    addVerified(out, attributes, "phone_number", "phone_number_verified", config.phoneVerified());
    return out;
  }

  private static void addVerified(List<AttributeType> out, Map<String, ?> attributes,
      String address, String flag, boolean verified) {
    if (verified && attributes.containsKey(address) && !attributes.containsKey(flag)) {
      out.add(attribute(flag, "true"));
    }
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }

  @Override
  public void update(String username, UserUpdate update) {
    Account account = require(username);
    String newName = update.newUsername();
    Map<String, Object> set = new LinkedHashMap<>();
    List<String> removed = new ArrayList<>();
    update.attributes().forEach((name, value) -> {
      if (value == null) {
        removed.add(StoreRecords.cognitoName(name));
      } else {
        set.put(name, value);
      }
    });
    List<AttributeType> changes = new ArrayList<>(written(set));
    Runnable apply = () -> {
      if (!changes.isEmpty()) {
        calls.call(Operation.AdminUpdateUserAttributes, () -> calls.client()
            .adminUpdateUserAttributes(r -> r.userPoolId(calls.userPoolId())
                .username(account.cognitoUsername()).userAttributes(changes)));
      }
      if (!removed.isEmpty()) {
        calls.call(Operation.AdminDeleteUserAttributes, () -> calls.client()
            .adminDeleteUserAttributes(r -> r.userPoolId(calls.userPoolId())
                .username(account.cognitoUsername()).userAttributeNames(removed)));
      }
    };
    if (newName == null || newName.equals(account.username())) {
      apply.run();
      return;
    }
    StoreRecords.requireName(newName, "new username", false);
    changes.add(attribute(StoreRecords.USERNAME, newName));
    locked(newName, () -> {
      if (!takeFree(newName) && resolve(newName).isPresent()) {
        throw new UserSyncException(Reason.CONFLICT, "cannot rename " + username + " to "
            + newName + ": the username is taken in user pool " + calls.userPoolId());
      }
      apply.run();
      remembered.remove(username);
      remembered.put(newName, account.cognitoUsername());
      free.remove(newName);
      return null;
    });
  }

  @Override
  public void deactivate(String username) {
    Account account = require(username);
    if (account.enabled()) {
      calls.call(Operation.AdminDisableUser, () -> calls.client().adminDisableUser(r -> r
          .userPoolId(calls.userPoolId()).username(account.cognitoUsername())));
    }
  }

  @Override
  public void reactivate(String username) {
    Account account = require(username);
    if (!account.enabled()) {
      calls.call(Operation.AdminEnableUser, () -> calls.client().adminEnableUser(r -> r
          .userPoolId(calls.userPoolId()).username(account.cognitoUsername())));
    }
  }

  /** Lists the pool ({@code ListUsers}, 60 per page) and keeps the source's users. */
  @Override
  public Stream<StoredUser> managedBy(String source) {
    return Paging.prefetching(cursor -> {
      ListUsersResponse page = calls.call(Operation.ListUsers, () -> calls.client().listUsers(r -> r
          .userPoolId(calls.userPoolId()).limit(CognitoConfig.MAX_PAGE).paginationToken(cursor)));
      return new Page<>(page.users().stream().map(CognitoUserStore::account).toList(),
          emptyToNull(page.paginationToken()));
    }).filter(a -> source.equals(a.source())).map(CognitoUserStore::stored);
  }

  // --- groups

  @Override
  public Optional<StoredGroup> findGroup(String name) {
    return group(name).map(CognitoUserStore::stored);
  }

  @Override
  public void createGroup(StoredGroup group) {
    String name = StoreRecords.requireName(group.name(), "group name", true);
    String source = group.source();
    String externalId = group.externalId();
    String description = source != null && externalId != null
        ? StoreRecords.groupDescription(source, externalId) : null;
    // Cognito answers GroupExistsException; asking first also keeps a stand-in from overwriting
    if (group(name).isPresent()) {
      throw new UserSyncException(Reason.CONFLICT, "a group " + name + " exists in user pool "
          + calls.userPoolId());
    }
    GroupType created = calls.call(Operation.CreateGroup, () -> calls.client().createGroup(r -> r
        .userPoolId(calls.userPoolId()).groupName(name).description(description))).group();
    cache(created);
  }

  /**
   * Renames a group the only way Cognito allows: creates the new group with the old one's
   * description, precedence and IAM role, adds every member to it (keeping which memberships a
   * source manages), then deletes the old group. Not atomic: a failure half-way leaves both groups,
   * and the next rename or sync finishes the move.
   */
  @Override
  public void renameGroup(String name, String newName) {
    GroupType old = group(name).orElseThrow(() -> new UserSyncException(Reason.NOT_FOUND,
        "no group " + name + " in user pool " + calls.userPoolId()));
    StoreRecords.requireName(newName, "group name", true);
    if (group(newName).isPresent()) {
      throw new UserSyncException(Reason.CONFLICT, "cannot rename group " + name + " to " + newName
          + ": a group " + newName + " exists in user pool " + calls.userPoolId());
    }
    GroupType created = calls.call(Operation.CreateGroup, () -> calls.client().createGroup(r -> r
        .userPoolId(calls.userPoolId()).groupName(newName).description(old.description())
        .precedence(old.precedence()).roleArn(old.roleArn()))).group();
    cache(created);
    for (Account member : accountsIn(name)) {
      addToGroup(newName, member.cognitoUsername());
      Map<String, String> owners = StoreRecords.owners(member.attributes().get(StoreRecords.OWNERS));
      String owner = owners.remove(name);
      if (owner != null) {
        owners.put(newName, owner);
        writeOwners(member, owners);
      }
    }
    calls.call(Operation.DeleteGroup, () -> calls.client().deleteGroup(r -> r
        .userPoolId(calls.userPoolId()).groupName(name)));
    groups.remove(name);
  }

  @Override
  public void addMember(String group, String username) {
    add(group, username, null);
  }

  @Override
  public void addManagedMember(String group, String username, String source) {
    add(group, username, Objects.requireNonNull(source, "source"));
  }

  /**
   * Adds a membership owned by a source (or by the host, null). Already a member: nothing changes.
   * When the owner is the default one, the membership needs no record, and adding is idempotent in
   * Cognito: one call. Else the user's groups are read first, and the owner recorded.
   */
  private void add(String groupName, String username, @Nullable String owner) {
    GroupType group = group(groupName).orElseThrow(() -> new UserSyncException(Reason.NOT_FOUND,
        "no group " + groupName + " in user pool " + calls.userPoolId()));
    Account account = require(username);
    if (Objects.equals(owner, defaultOwner(account, group))) {
      addToGroup(groupName, account.cognitoUsername());
      return;
    }
    locked(account.cognitoUsername(), () -> {
      Account fresh = get(account.cognitoUsername()).orElse(account);
      if (groupsOf(fresh).stream().anyMatch(g -> g.groupName().equals(groupName))) {
        return null;
      }
      addToGroup(groupName, fresh.cognitoUsername());
      Map<String, String> owners = StoreRecords.owners(fresh.attributes().get(StoreRecords.OWNERS));
      owners.put(groupName, owner == null ? "" : owner);
      writeOwners(fresh, owners);
      return null;
    });
  }

  private void addToGroup(String groupName, String cognitoUsername) {
    try {
      calls.call(Operation.AdminAddUserToGroup, () -> calls.client().adminAddUserToGroup(r -> r
          .userPoolId(calls.userPoolId()).groupName(groupName).username(cognitoUsername)));
    } catch (CognitoCallException e) {
      if ("ResourceNotFoundException".equals(e.errorCode())) {
        groups.remove(groupName); // deleted behind our back: the next findGroup asks Cognito
      }
      throw e;
    }
  }

  private void writeOwners(Account account, Map<String, String> owners) {
    if (owners.isEmpty()) {
      calls.call(Operation.AdminDeleteUserAttributes, () -> calls.client()
          .adminDeleteUserAttributes(r -> r.userPoolId(calls.userPoolId())
              .username(account.cognitoUsername()).userAttributeNames(StoreRecords.OWNERS)));
      return;
    }
    String value = StoreRecords.owners(owners);
    calls.call(Operation.AdminUpdateUserAttributes, () -> calls.client()
        .adminUpdateUserAttributes(r -> r.userPoolId(calls.userPoolId())
            .username(account.cognitoUsername())
            .userAttributes(attribute(StoreRecords.OWNERS, value))));
  }

  /** The source that owns a membership nobody recorded: the one managing user and group both. */
  private static @Nullable String defaultOwner(Account account, GroupType group) {
    String[] managedBy = StoreRecords.managedBy(group.description());
    return managedBy != null && account.source() != null && managedBy[0].equals(account.source())
        ? account.source() : null;
  }

  private static @Nullable String owner(Account account, GroupType group) {
    Map<String, String> owners = StoreRecords.owners(account.attributes().get(StoreRecords.OWNERS));
    String recorded = owners.get(group.groupName());
    if (recorded != null) {
      return recorded.isEmpty() ? null : recorded;
    }
    return defaultOwner(account, group);
  }

  @Override
  public Stream<String> managedMembers(String group, String source) {
    Optional<GroupType> g = group(group);
    if (g.isEmpty()) {
      return Stream.empty();
    }
    return accountsIn(group).stream().filter(a -> source.equals(owner(a, g.get())))
        .map(Account::username);
  }

  @Override
  public Stream<String> managedMemberships(String username, String source) {
    Optional<Account> account = resolve(username);
    if (account.isEmpty()) {
      return Stream.empty();
    }
    return groupsOf(account.get()).stream()
        .filter(g -> source.equals(owner(account.get(), g))).map(GroupType::groupName);
  }

  @Override
  public void removeMember(String group, String username) {
    Optional<Account> found = resolve(username);
    if (found.isEmpty()) {
      return;
    }
    Account account = found.get();
    try {
      calls.call(Operation.AdminRemoveUserFromGroup, () -> calls.client()
          .adminRemoveUserFromGroup(r -> r.userPoolId(calls.userPoolId()).groupName(group)
              .username(account.cognitoUsername())));
    } catch (CognitoCallException e) {
      if (e.reason() != Reason.NOT_FOUND) {
        throw e;
      }
    }
    locked(account.cognitoUsername(), () -> {
      Account fresh = get(account.cognitoUsername()).orElse(account);
      Map<String, String> owners = StoreRecords.owners(fresh.attributes().get(StoreRecords.OWNERS));
      if (owners.remove(group) != null) {
        writeOwners(fresh, owners);
      }
      return null;
    });
  }

  @Override
  public Stream<String> members(String group) {
    if (group(group).isEmpty()) {
      return Stream.empty();
    }
    return accountsIn(group).stream().map(Account::username);
  }

  @Override
  public Stream<String> groupsOf(String username) {
    return resolve(username).stream().flatMap(a -> groupsOf(a).stream()).map(GroupType::groupName);
  }

  @Override
  public Stream<StoredGroup> managedGroups(String source) {
    return Paging.prefetching(cursor -> {
      ListGroupsResponse page = calls.call(Operation.ListGroups, () -> calls.client().listGroups(r -> r
          .userPoolId(calls.userPoolId()).limit(CognitoConfig.MAX_PAGE).nextToken(cursor)));
      page.groups().forEach(this::cache);
      return new Page<>(page.groups(), emptyToNull(page.nextToken()));
    }).map(CognitoUserStore::stored).filter(g -> g.isManagedBy(source));
  }

  // --- reading the pool

  /** Finds the user whose {@code preferred_username} is this username, exactly. */
  Optional<Account> resolve(String username) {
    String cognitoUsername = remembered.get(username);
    if (cognitoUsername != null) {
      Optional<Account> account = get(cognitoUsername);
      if (account.isPresent() && account.get().username().equals(username)) {
        return account;
      }
      remembered.remove(username);
    }
    String filter = UserRecords.exactFilter(StoreRecords.USERNAME, username, "the username");
    List<Account> found = calls.call(Operation.ListUsers, () -> calls.client().listUsers(r -> r
            .userPoolId(calls.userPoolId()).filter(filter).limit(CognitoConfig.MAX_PAGE)))
        .users().stream().map(CognitoUserStore::account)
        .filter(a -> a.username().equals(username)).toList();
    if (found.size() > 1) {
      throw new UserSyncException(Reason.STORE_FAILED, found.size() + " users of user pool "
          + calls.userPoolId() + " have preferred_username " + username + "; give all but one"
          + " another preferred_username (make it an alias attribute of the pool to keep it unique)");
    }
    found.forEach(a -> remembered.put(username, a.cognitoUsername()));
    if (found.isEmpty()) {
      Instant now = config.clock().instant();
      if (free.size() >= MAX_REMEMBERED) {
        free.values().removeIf(until -> !now.isBefore(until));
      }
      free.put(username, now.plus(FREE_NAME));
    }
    return found.stream().findFirst();
  }

  /** Whether a lookup found the name free moments ago; forgets it (the caller writes it now). */
  private boolean takeFree(String username) {
    Instant until = free.remove(username);
    return until != null && config.clock().instant().isBefore(until)
        && !remembered.containsKey(username);
  }

  /** Like {@link #resolve}, or NOT_FOUND. */
  Account require(String username) {
    return resolve(username).orElseThrow(() -> new UserSyncException(Reason.NOT_FOUND,
        "no user " + username + " in user pool " + calls.userPoolId()));
  }

  /** Reads a user by Cognito username ({@code AdminGetUser}). */
  Optional<Account> get(String cognitoUsername) {
    try {
      AdminGetUserResponse user = calls.call(Operation.AdminGetUser, () -> calls.client()
          .adminGetUser(r -> r.userPoolId(calls.userPoolId()).username(cognitoUsername)));
      return Optional.of(account(user.username(), user.enabled(), user.userAttributes()));
    } catch (CognitoCallException e) {
      if ("UserNotFoundException".equals(e.errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private List<Account> accountsIn(String group) {
    try {
      return allPages(cursor -> {
        ListUsersInGroupResponse page = calls.call(Operation.ListUsersInGroup, () -> calls.client()
            .listUsersInGroup(r -> r.userPoolId(calls.userPoolId()).groupName(group)
                .limit(CognitoConfig.MAX_PAGE).nextToken(cursor)));
        return new Page<>(page.users().stream().map(CognitoUserStore::account).toList(),
            emptyToNull(page.nextToken()));
      });
    } catch (CognitoCallException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  private List<GroupType> groupsOf(Account account) {
    return allPages(cursor -> {
      var page = calls.call(Operation.AdminListGroupsForUser, () -> calls.client()
          .adminListGroupsForUser(r -> r.userPoolId(calls.userPoolId())
              .username(account.cognitoUsername()).limit(CognitoConfig.MAX_PAGE).nextToken(cursor)));
      page.groups().forEach(this::cache);
      return new Page<>(page.groups(), emptyToNull(page.nextToken()));
    });
  }

  /** Reads every page of a listing the store needs whole (a group's members, a user's groups). */
  private static <T> List<T> allPages(Function<@Nullable String, Page<T>> fetch) {
    try (Stream<T> items = Page.stream(fetch)) {
      return items.toList();
    }
  }

  private Optional<GroupType> group(String name) {
    CachedGroup cached = groups.get(name);
    Instant now = config.clock().instant();
    if (cached != null && now.isBefore(cached.until())) {
      return Optional.of(cached.group());
    }
    try {
      GroupType group = calls.call(Operation.GetGroup, () -> calls.client().getGroup(r -> r
          .userPoolId(calls.userPoolId()).groupName(name))).group();
      cache(group);
      return Optional.of(group);
    } catch (CognitoCallException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        groups.remove(name);
        return Optional.empty();
      }
      throw e;
    }
  }

  private void cache(GroupType group) {
    groups.put(group.groupName(), new CachedGroup(group, config.clock().instant().plus(GROUP_CACHE)));
  }

  private static Account account(UserType user) {
    return account(user.username(), user.enabled(), user.attributes());
  }

  private static Account account(String cognitoUsername, @Nullable Boolean enabled,
      List<AttributeType> attributes) {
    Map<String, String> values = new LinkedHashMap<>();
    for (AttributeType a : attributes) {
      if (a.name() != null && a.value() != null) {
        values.put(a.name(), a.value());
      }
    }
    String username = values.getOrDefault(StoreRecords.USERNAME, cognitoUsername);
    return new Account(cognitoUsername, username, values.get(StoreRecords.SOURCE),
        values.get(StoreRecords.EXTERNAL_ID), !Boolean.FALSE.equals(enabled),
        Collections.unmodifiableMap(values));
  }

  private static StoredUser stored(Account account) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    account.attributes().forEach((name, value) -> {
      Map.Entry<String, Object> a = StoreRecords.fromCognito(name, value);
      if (a != null) {
        attributes.put(a.getKey(), a.getValue());
      }
    });
    String source = account.source();
    String externalId = account.externalId();
    return source != null && externalId != null && !source.isBlank() && !externalId.isBlank()
        ? StoredUser.managed(account.username(), source, externalId, account.enabled(), attributes)
        : StoredUser.local(account.username(), account.enabled(), attributes);
  }

  private static StoredGroup stored(GroupType group) {
    String[] managedBy = StoreRecords.managedBy(group.description());
    return managedBy == null ? StoredGroup.local(group.groupName())
        : StoredGroup.managed(group.groupName(), managedBy[0], managedBy[1]);
  }

  private static @Nullable String emptyToNull(@Nullable String token) {
    return token == null || token.isEmpty() ? null : token;
  }

  /** Runs work under the lock of a name (a username, a Cognito username). */
  <T> T locked(String name, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(name.hashCode(), STRIPES)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the SDK client when the store built it; an application's client stays open. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + config + "]";
  }
}
