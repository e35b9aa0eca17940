package io.github.albauth.usersync.connectors.cognito.simulation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.albauth.usersync.connectors.cognito.CognitoQuota;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One Amazon Cognito user pool as WireMock serves it over the JSON protocol the AWS SDK speaks:
 * {@code POST /} with {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}, SigV4-signed; bodies, paging ({@code Limit}
 * at most 60, opaque {@code PaginationToken}/{@code NextToken}), filters, schema checks, errors
 * ({@code {"__type": "...", "message": "..."}} with the status AWS uses) and, when asked, the
 * per-category request-rate quotas, shaped as the Cognito API reference documents them:
 *
 * <ul>
 *   <li>Operations: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_Operations.html
 *       (ListUsers, ListUsersInGroup, ListGroups, GetGroup, CreateGroup, DeleteGroup, AdminGetUser,
 *       AdminListGroupsForUser, AdminCreateUser, AdminUpdateUserAttributes,
 *       AdminDeleteUserAttributes, AdminDisableUser, AdminEnableUser, AdminDeleteUser,
 *       AdminSetUserPassword, AdminAddUserToGroup, AdminRemoveUserFromGroup)
 *   <li>Filters: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 *       (one attribute, {@code =} or {@code ^=}, quotes escaped with a backslash)
 *   <li>Errors: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 *       and each operation's Errors section (TooManyRequestsException and the other client
 *       errors 400, InternalErrorException 500)
 *   <li>Quotas: https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
 * </ul>
 *
 * <p>Register it as a WireMock extension, then {@link #serve} a directory or an {@link #emptyPool}.
 * Thread-safe: every request runs under one lock, as one pool would serialise writes to a user.
 */
public final class CognitoSimulation implements ResponseDefinitionTransformerV2 {

  /** The pool id the simulation serves. */
  public static final String POOL_ID = "eu-west-1_SimPool1";
  /** The custom attributes every pool the simulation serves has (albauth's own among them). */
  public static final List<String> CUSTOM_ATTRIBUTES = List.of("custom:albauth_source",
      "custom:albauth_id", "custom:albauth_grp", "custom:title", "custom:department");
  private static final Set<String> STANDARD = Set.of("sub", "email", "email_verified",
      "phone_number", "phone_number_verified", "name", "given_name", "family_name", "middle_name",
      "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate",
      "zoneinfo", "locale", "address", "updated_at");
  private static final Set<String> IMMUTABLE = Set.of("sub", "custom:albauth_source",
      "custom:albauth_id");
  private static final Pattern FILTER =
      Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
  private static final Pattern UNESCAPE = Pattern.compile("\\\\(.)");
  private static final Map<String, CognitoQuota> CATEGORY = Map.ofEntries(
      Map.entry("ListUsers", CognitoQuota.USER_LIST),
      Map.entry("ListUsersInGroup", CognitoQuota.USER_LIST),
      Map.entry("ListGroups", CognitoQuota.USER_POOL_RESOURCE_READ),
      Map.entry("GetGroup", CognitoQuota.USER_POOL_RESOURCE_READ),
      Map.entry("CreateGroup", CognitoQuota.USER_POOL_RESOURCE_UPDATE),
      Map.entry("DeleteGroup", CognitoQuota.USER_POOL_RESOURCE_UPDATE),
      Map.entry("AdminGetUser", CognitoQuota.USER_READ),
      Map.entry("AdminListGroupsForUser", CognitoQuota.USER_RESOURCE_READ),
      Map.entry("AdminCreateUser", CognitoQuota.USER_CREATION),
      Map.entry("AdminUpdateUserAttributes", CognitoQuota.USER_UPDATE),
      Map.entry("AdminDeleteUserAttributes", CognitoQuota.USER_UPDATE),
      Map.entry("AdminDisableUser", CognitoQuota.USER_UPDATE),
      Map.entry("AdminEnableUser", CognitoQuota.USER_UPDATE),
      Map.entry("AdminDeleteUser", CognitoQuota.USER_UPDATE),
      Map.entry("AdminSetUserPassword", CognitoQuota.USER_ACCOUNT_RECOVERY),
      Map.entry("AdminAddUserToGroup", CognitoQuota.USER_RESOURCE_UPDATE),
      Map.entry("AdminRemoveUserFromGroup", CognitoQuota.USER_RESOURCE_UPDATE));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger invitations = new AtomicInteger();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private volatile boolean failUserPagesAfterFirst;
  private volatile boolean enforceQuotas;
  private volatile int latencyMillis;

  /** A user of the pool. */
  private static final class User {
    final String username;
    final Map<String, String> attributes = new LinkedHashMap<>();
    boolean enabled = true;
    String status = "CONFIRMED";
    final Instant created;
    Instant modified;
    @Nullable String password;

    User(String username, Instant created) {
      this.username = username;
      this.created = created;
      this.modified = created;
    }
  }

  /** A group of the pool, with its members' usernames in the order they were added. */
  private static final class Group {
    final String name;
    final @Nullable String description;
    final @Nullable Integer precedence;
    final @Nullable String roleArn;
    final Instant created;
    final Set<String> members = new LinkedHashSet<>();

    Group(String name, @Nullable String description, @Nullable Integer precedence,
        @Nullable String roleArn, Instant created) {
      this.name = name;
      this.description = description;
      this.precedence = precedence;
      this.roleArn = roleArn;
      this.created = created;
    }
  }

  /** A token bucket: capacity one second of requests, refilled continuously. */
  private static final class Bucket {
    final double rate;
    double tokens;
    long updated;

    Bucket(double rate, long now) {
      this.rate = rate;
      this.tokens = rate;
      this.updated = now;
    }
  }

  /** An AWS error to answer with. */
  private static final class AwsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    AwsError(int status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }
  }

  /**
   * Creates the simulation.
   *
   * @param clock the clock of timestamps and quota buckets
   */
  public CognitoSimulation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "cognito-simulation";
  }

  /**
   * Serves an empty pool from now on (and forgets faults, counters and quotas), with {@link
   * #CUSTOM_ATTRIBUTES} in its schema.
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   */
  public void emptyPool(Stubbing server) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    synchronized (lock) {
      users.clear();
      groups.clear();
    }
    failUserPagesAfterFirst = false;
    enforceQuotas = false;
    latencyMillis = 0;
    failures.clear();
    buckets.clear();
    requests.clear();
    throttled.set(0);
    invitations.set(0);
  }

  /**
   * Serves a directory from now on: each user's {@code sub} is its id, its {@code Username} its
   * login, {@code email} its email, {@code Enabled} its active flag, status {@code CONFIRMED};
   * each group's {@code GroupName} is its id and its {@code Description} its name.
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   * @param directory the users and groups
   */
  public void serve(Stubbing server, TestDirectory directory) {
    emptyPool(server);
    Instant now = clock.instant();
    synchronized (lock) {
      for (TestDirectory.Group g : directory.groups()) {
        groups.put(g.id(), new Group(g.id(), g.name(), null, null, now));
      }
      for (TestDirectory.User u : directory.users()) {
        User user = new User(u.login(), now);
        user.attributes.put("sub", u.id());
        user.attributes.put("email", u.email());
        user.attributes.put("email_verified", "true");
        user.enabled = u.active();
        users.put(user.username, user);
        for (String g : u.groupIds()) {
          groups.get(g).members.add(user.username);
        }
      }
    }
  }

  /** From now on, every page of ListUsers after the first fails with InternalErrorException. */
  public void failUserPagesAfterFirst() {
    failUserPagesAfterFirst = true;
  }

  /**
   * From now on, every call of an operation fails with this AWS error (status 400, or 500 for
   * {@code InternalErrorException}).
   *
   * @param operation e.g. {@code AdminCreateUser}
   * @param errorType e.g. {@code TooManyRequestsException}
   */
  public void fail(String operation, String errorType) {
    failures.put(operation, errorType);
  }

  /** From now on, enforces each category's documented quota, and 5 per second per group operation. */
  public void enforceQuotas() {
    enforceQuotas = true;
  }

  /**
   * Answers every request after this many milliseconds.
   *
   * @param millis the latency
   */
  public void latency(int millis) {
    latencyMillis = millis;
  }

  /** {@return requests served, per operation} */
  public Map<String, Integer> requests() {
    Map<String, Integer> out = new LinkedHashMap<>();
    requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** {@return all requests served} */
  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@return TooManyRequestsException answers sent} */
  public int throttled() {
    return throttled.get();
  }

  /** {@return invitations Cognito would have sent (AdminCreateUser without SUPPRESS)} */
  public int invitations() {
    return invitations.get();
  }

  /**
   * Reads a user's attribute as the pool holds it.
   *
   * @param username the Cognito username
   * @param attribute the attribute
   * @return its value, or null
   */
  public @Nullable String attribute(String username, String attribute) {
    synchronized (lock) {
      User u = users.get(username);
      return u == null ? null : u.attributes.get(attribute);
    }
  }

  /**
   * Reads a user's password as the pool holds it (tests check the host's password arrived).
   *
   * @param username the Cognito username
   * @return the password and its status, or null
   */
  public @Nullable String passwordAndStatus(String username) {
    synchronized (lock) {
      User u = users.get(username);
      return u == null || u.password == null ? null : u.password + " " + u.status;
    }
  }

  /** {@return the Cognito usernames of the pool's users} */
  public Set<String> usernames() {
    synchronized (lock) {
      return Set.copyOf(users.keySet());
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String target = request.getHeader("X-Amz-Target");
    String operation = target != null && target.startsWith("AWSCognitoIdentityProviderService.")
        ? target.substring(target.indexOf('.') + 1) : "?";
    requests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    ResponseDefinitionBuilder response;
    try {
      checkProtocol(request, operation);
      throttle(operation);
      String failure = failures.get(operation);
      if (failure != null) {
        throw new AwsError(failure.equals("InternalErrorException") ? 500 : 400, failure,
            "simulated " + failure);
      }
      Map<String, Object> body = parse(request.getBodyAsString());
      if (!POOL_ID.equals(body.get("UserPoolId"))) {
        throw new AwsError(400, "ResourceNotFoundException",
            "User pool " + body.get("UserPoolId") + " does not exist.");
      }
      Object result;
      synchronized (lock) {
        result = handle(operation, body);
      }
      response = json(200, write(result));
    } catch (AwsError e) {
      response = json(e.status, write(Map.of("__type", e.type, "message", e.getMessage())))
          .withHeader("x-amzn-ErrorType", e.type + ":");
    }
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).build();
  }

  private static void checkProtocol(Request request, String operation) {
    if (!request.getMethod().getName().equals("POST") || !request.getUrl().equals("/")) {
      throw new AwsError(404, "UnknownOperationException", "not POST /");
    }
    String type = request.getHeader("Content-Type");
    if (type == null || !type.startsWith("application/x-amz-json-1.1")) {
      throw new AwsError(400, "SerializationException", "Content-Type is " + type);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
      throw new AwsError(400, "MissingAuthenticationTokenException",
          "Missing Authentication Token");
    }
    if (!CATEGORY.containsKey(operation)) {
      throw new AwsError(400, "UnknownOperationException", null == operation ? "" : operation);
    }
  }

  private void throttle(String operation) {
    if (!enforceQuotas) {
      return;
    }
    CognitoQuota quota = CATEGORY.get(operation);
    boolean allowed = take(quota.name(), quota.documentedQuota());
    if (allowed && quota.perPoolOperationLimit()) {
      allowed = take(operation, CognitoQuota.PER_POOL_OPERATION_QUOTA);
    }
    if (!allowed) {
      throttled.incrementAndGet();
      throw new AwsError(400, "TooManyRequestsException", "Too many requests");
    }
  }

  private boolean take(String key, double rate) {
    Instant instant = clock.instant();
    long now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(rate, now));
    synchronized (b) {
      b.tokens = Math.min(b.rate, b.tokens + (now - b.updated) / 1e9 * b.rate);
      b.updated = now;
      if (b.tokens < 1) {
        return false;
      }
      b.tokens -= 1;
      return true;
    }
  }

  private Object handle(String operation, Map<String, Object> body) {
    return switch (operation) {
      case "ListUsers" -> listUsers(body);
      case "ListUsersInGroup" -> {
        Group g = group(body);
        List<User> members = g.members.stream().map(users::get).toList();
        yield page(body, "NextToken", "Users", members, this::userType);
      }
      case "ListGroups" -> page(body, "NextToken", "Groups", List.copyOf(groups.values()),
          CognitoSimulation::groupType);
      case "GetGroup" -> Map.of("Group", groupType(group(body)));
      case "CreateGroup" -> createGroup(body);
      case "DeleteGroup" -> {
        groups.remove(group(body).name);
        yield Map.of();
      }
      case "AdminGetUser" -> {
        User u = user(body);
        Map<String, Object> out = new LinkedHashMap<>(userType(u));
        out.put("UserAttributes", out.remove("Attributes"));
        yield out;
      }
      case "AdminListGroupsForUser" -> {
        User u = user(body);
        yield page(body, "NextToken", "Groups",
            groups.values().stream().filter(g -> g.members.contains(u.username)).toList(),
            CognitoSimulation::groupType);
      }
      case "AdminCreateUser" -> createUser(body);
      case "AdminUpdateUserAttributes" -> updateAttributes(body);
      case "AdminDeleteUserAttributes" -> {
        User u = user(body);
        for (Object name : list(body, "UserAttributeNames")) {
          checkWritable(String.valueOf(name));
          u.attributes.remove(String.valueOf(name));
        }
        u.modified = clock.instant();
        yield Map.of();
      }
      case "AdminDisableUser" -> {
        user(body).enabled = false;
        yield Map.of();
      }
      case "AdminEnableUser" -> {
        user(body).enabled = true;
        yield Map.of();
      }
      case "AdminDeleteUser" -> {
        User u = user(body);
        users.remove(u.username);
        groups.values().forEach(g -> g.members.remove(u.username));
        yield Map.of();
      }
      case "AdminSetUserPassword" -> {
        User u = user(body);
        String password = String.valueOf(body.get("Password"));
        if (password.length() < 8) {
          throw new AwsError(400, "InvalidPasswordException",
              "Password did not conform with policy: Password not long enough");
        }
        u.password = password;
        u.status = Boolean.TRUE.equals(body.get("Permanent")) ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
        yield Map.of();
      }
      case "AdminAddUserToGroup" -> {
        Group g = group(body);
        g.members.add(user(body).username);
        yield Map.of();
      }
      case "AdminRemoveUserFromGroup" -> {
        Group g = group(body);
        g.members.remove(user(body).username);
        yield Map.of();
      }
      default -> throw new AwsError(400, "UnknownOperationException", operation);
    };
  }

  private Object listUsers(Map<String, Object> body) {
    if (failUserPagesAfterFirst && body.get("PaginationToken") != null) {
      throw new AwsError(500, "InternalErrorException", "Internal server error.");
    }
    Predicate<User> filter = filter(body.get("Filter"));
    return page(body, "PaginationToken", "Users",
        users.values().stream().filter(filter).toList(), this::userType);
  }

  private static Predicate<User> filter(@Nullable Object filter) {
    if (filter == null || filter.toString().isEmpty()) {
      return u -> true;
    }
    String text = filter.toString();
    if (text.length() > 256) {
      throw new AwsError(400, "InvalidParameterException", "1 validation error detected: Value at"
          + " 'filter' failed to satisfy constraint: Member must have length less than or equal"
          + " to 256");
    }
    Matcher m = FILTER.matcher(text);
    if (!m.matches()) {
      throw new AwsError(400, "InvalidParameterException", "Error while parsing filter.");
    }
    String attribute = m.group(1);
    boolean prefix = m.group(2).equals("^=");
    String value = UNESCAPE.matcher(m.group(3)).replaceAll("$1");
    if (!Set.of("username", "email", "phone_number", "name", "given_name", "family_name",
        "preferred_username", "cognito:user_status", "status", "sub").contains(attribute)) {
      throw new AwsError(400, "InvalidParameterException", "Invalid search attribute: " + attribute);
    }
    return u -> {
      String actual = switch (attribute) {
        case "username" -> u.username;
        case "status" -> u.enabled ? "Enabled" : "Disabled";
        case "cognito:user_status" -> u.status;
        default -> u.attributes.get(attribute);
      };
      return actual != null && (prefix ? actual.startsWith(value) : actual.equals(value));
    };
  }

  private static <T> Map<String, Object> page(Map<String, Object> body, String tokenField,
      String itemsField, List<T> all, java.util.function.Function<T, Object> json) {
    int limit = 60;
    if (body.get("Limit") instanceof Number n) {
      limit = n.intValue();
      if (limit < 0 || limit > 60) {
        throw new AwsError(400, "InvalidParameterException", "1 validation error detected: Value '"
            + limit + "' at 'limit' failed to satisfy constraint: Member must have value less"
            + " than or equal to 60");
      }
      limit = limit == 0 ? 60 : limit;
    }
    int from = 0;
    Object token = body.get(tokenField);
    if (token != null) {
      try {
        String decoded = new String(Base64.getDecoder().decode(token.toString()),
            StandardCharsets.UTF_8);
        from = Integer.parseInt(decoded.substring(decoded.indexOf(':') + 1));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new AwsError(400, "InvalidParameterException", "Pagination token is invalid.");
      }
    }
    int to = Math.min(all.size(), from + limit);
    List<Object> items = new ArrayList<>();
    for (int i = Math.min(from, to); i < to; i++) {
      items.add(json.apply(all.get(i)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(itemsField, items);
    if (to < all.size()) {
      out.put(tokenField, Base64.getEncoder().encodeToString(("page:" + to)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Reads a name parameter, checked against the pattern AWS documents for it. */
  private static String name(Map<String, Object> body, String field) {
    String name = String.valueOf(body.get(field));
    if (!name.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
      String parameter = Character.toLowerCase(field.charAt(0)) + field.substring(1);
      throw new AwsError(400, "InvalidParameterException", "1 validation error detected: Value at"
          + " '" + parameter + "' failed to satisfy constraint: Member must satisfy regular"
          + " expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    }
    return name;
  }

  private Object createGroup(Map<String, Object> body) {
    String name = name(body, "GroupName");
    if (groups.containsKey(name)) {
      throw new AwsError(400, "GroupExistsException", "A group with the name " + name
          + " already exists.");
    }
    Group g = new Group(name, (String) body.get("Description"),
        body.get("Precedence") instanceof Number n ? n.intValue() : null,
        (String) body.get("RoleArn"), clock.instant());
    groups.put(name, g);
    return Map.of("Group", groupType(g));
  }

  private Object createUser(Map<String, Object> body) {
    String username = name(body, "Username");
    if (users.containsKey(username)) {
      throw new AwsError(400, "UsernameExistsException", "User account already exists");
    }
    User u = new User(username, clock.instant());
    u.attributes.put("sub", UUID.randomUUID().toString());
    for (Map<String, Object> a : attributes(body, "UserAttributes")) {
      String name = String.valueOf(a.get("Name"));
      checkSchema(name);
      u.attributes.put(name, String.valueOf(a.get("Value")));
    }
    u.status = "FORCE_CHANGE_PASSWORD";
    if (body.get("TemporaryPassword") != null) {
      u.password = body.get("TemporaryPassword").toString();
    }
    if (!"SUPPRESS".equals(body.get("MessageAction"))) {
      invitations.incrementAndGet();
    }
    users.put(username, u);
    return Map.of("User", userType(u));
  }

  private Object updateAttributes(Map<String, Object> body) {
    User u = user(body);
    List<Map<String, Object>> changes = attributes(body, "UserAttributes");
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> a : changes) {
      String name = String.valueOf(a.get("Name"));
      checkWritable(name);
      names.add(name);
    }
    for (Map<String, Object> a : changes) {
      u.attributes.put(String.valueOf(a.get("Name")), String.valueOf(a.get("Value")));
    }
    // as Cognito does: a new address is unverified unless the request says otherwise
    if (names.contains("email") && !names.contains("email_verified")) {
      u.attributes.put("email_verified", "false");
    }
    u.modified = clock.instant();
    return Map.of();
  }

  private static void checkSchema(String name) {
    if (!STANDARD.contains(name) && !CUSTOM_ATTRIBUTES.contains(name)) {
      throw new AwsError(400, "InvalidParameterException", "Attributes did not conform to the"
          + " schema: " + name + ": Attribute does not exist in the schema.\n");
    }
  }

  private static void checkWritable(String name) {
    checkSchema(name);
    if (IMMUTABLE.contains(name)) {
      throw new AwsError(400, "InvalidParameterException", "Attribute cannot be updated."
          + " (changing an immutable attribute): " + name);
    }
  }

  private User user(Map<String, Object> body) {
    String name = String.valueOf(body.get("Username"));
    User u = users.get(name);
    if (u == null) { // Cognito also takes a user's sub where it takes a username
      u = users.values().stream().filter(x -> name.equals(x.attributes.get("sub"))).findFirst()
          .orElse(null);
    }
    if (u == null) {
      throw new AwsError(400, "UserNotFoundException", "User does not exist.");
    }
    return u;
  }

  private Group group(Map<String, Object> body) {
    Group g = groups.get(String.valueOf(body.get("GroupName")));
    if (g == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Group not found.");
    }
    return g;
  }

  private Map<String, Object> userType(User u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Username", u.username);
    List<Map<String, String>> attributes = new ArrayList<>();
    u.attributes.forEach((k, v) -> attributes.add(Map.of("Name", k, "Value", v)));
    out.put("Attributes", attributes);
    out.put("UserCreateDate", seconds(u.created));
    out.put("UserLastModifiedDate", seconds(u.modified));
    out.put("Enabled", u.enabled);
    out.put("UserStatus", u.status);
    return out;
  }

  private static Map<String, Object> groupType(Group g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("GroupName", g.name);
    out.put("UserPoolId", POOL_ID);
    if (g.description != null) {
      out.put("Description", g.description);
    }
    if (g.roleArn != null) {
      out.put("RoleArn", g.roleArn);
    }
    if (g.precedence != null) {
      out.put("Precedence", g.precedence);
    }
    out.put("LastModifiedDate", seconds(g.created));
    out.put("CreationDate", seconds(g.created));
    return out;
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  @SuppressWarnings("unchecked") // Jackson's tree of a JSON object: string keys
  private static Map<String, Object> parse(String body) {
    try {
      return JSON.readValue(body, Map.class);
    } catch (IOException e) {
      throw new AwsError(400, "SerializationException", "body is not JSON");
    }
  }

  private static List<?> list(Map<String, Object> body, String field) {
    return body.get(field) instanceof List<?> l ? l : List.of();
  }

  @SuppressWarnings("unchecked") // the SDK sends a list of {Name, Value} objects
  private static List<Map<String, Object>> attributes(Map<String, Object> body, String field) {
    return (List<Map<String, Object>>) list(body, field);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return the quota categories by operation, as the simulation enforces them} */
  public static Map<String, CognitoQuota> categories() {
    return CATEGORY;
  }

  /** {@return a fresh category-to-count map, for reports} */
  public Map<CognitoQuota, Integer> requestsByCategory() {
    Map<CognitoQuota, Integer> out = new EnumMap<>(CognitoQuota.class);
    requests().forEach((op, n) -> {
      CognitoQuota q = CATEGORY.get(op);
      if (q != null) {
        out.merge(q, n, Integer::sum);
      }
    });
    return out;
  }
}
