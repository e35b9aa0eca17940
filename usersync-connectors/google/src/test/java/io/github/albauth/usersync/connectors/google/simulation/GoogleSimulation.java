package io.github.albauth.usersync.connectors.google.simulation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Google's token endpoint and Admin SDK Directory API as WireMock serves them from a {@link
 * TestDirectory}: the JWT bearer grant checked as Google checks it, bodies, {@code nextPageToken}
 * paging, error objects and the per-user quota shaped as Google documents them. Register it as an
 * extension, then {@link #serve} a directory; {@link #keyFile} is a service-account key whose
 * assertions this simulation accepts.
 *
 * <ul>
 *   <li>Token: https://developers.google.com/identity/protocols/oauth2/service-account (the JWT's
 *       claims, {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}, the token
 *       response; errors {@code invalid_grant}, {@code unauthorized_client})
 *   <li>Users: https://developers.google.com/workspace/admin/directory/reference/rest/v1/users
 *       and {@code users/list} ({@code customer} or {@code domain}, {@code maxResults} 1 to 500,
 *       {@code pageToken}/{@code nextPageToken}; an empty page has no {@code users} array)
 *   <li>Groups and members: {@code groups/list} ({@code userKey} for a user's groups, {@code
 *       maxResults} up to 200), {@code members/list} ({@code maxResults} up to 200; {@code type}
 *       {@code USER} or {@code GROUP})
 *   <li>Errors and quota: https://developers.google.com/workspace/admin/directory/v1/limits ({@code
 *       403 userRateLimitExceeded} past 2,400 queries per minute per user and project) and
 *       https://cloud.google.com/apis/design/errors (the JSON shape)
 * </ul>
 */
public final class GoogleSimulation implements ResponseDefinitionTransformerV2 {

  /** The service account of {@link #keyFile}. */
  public static final String SERVICE_ACCOUNT = "albauth-sync@albauth-test.iam.gserviceaccount.com";
  /** Its numeric client id, which domain-wide delegation names. */
  public static final String CLIENT_ID = "113427391855210989104";
  /** Google's documented default: queries per minute per user per project. */
  public static final int QUOTA_PER_MINUTE = 2_400;
  /** The scopes the simulated domain-wide delegation grants. */
  public static final Set<String> DELEGATED = Set.of(
      "https://www.googleapis.com/auth/admin.directory.user.readonly",
      "https://www.googleapis.com/auth/admin.directory.group.readonly");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/admin/directory/v1";

  private final Clock clock;
  private final KeyPair keys;
  private volatile Model model = new Model(new TestDirectory(List.of(), List.of()));
  private volatile boolean failUserPagesAfterFirst;
  private volatile boolean cutUserPagesAfterFirst;
  private volatile int latencyMillis;
  private volatile int quotaPerMinute;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> windows = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();

  /** The directory and its indexes, swapped whole on changes. */
  private record Model(TestDirectory directory, Map<String, TestDirectory.User> byKey,
      Map<String, TestDirectory.Group> groupsByKey) {
    Model(TestDirectory d) {
      this(d, new HashMap<>(), new HashMap<>());
      for (TestDirectory.User u : d.users()) {
        byKey.put(u.id(), u);
        byKey.put(u.login().toLowerCase(Locale.ROOT), u);
        byKey.put(u.email().toLowerCase(Locale.ROOT), u); // an alias resolves too
      }
      for (TestDirectory.Group g : d.groups()) {
        groupsByKey.put(g.id(), g);
        groupsByKey.put(groupEmail(g), g);
      }
    }
  }

  /**
   * Creates the simulation and its service account's key pair.
   *
   * @param clock the clock of tokens and quota windows
   */
  public GoogleSimulation(Clock clock) {
    this.clock = clock;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String getName() {
    return "google-simulation";
  }

  /**
   * {@return a service-account key file (JSON text) for {@link #SERVICE_ACCOUNT}, shaped as the
   * Cloud console issues it, with {@code token_uri} at this server}
   *
   * @param baseUrl the WireMock server's base URL
   */
  public String keyFile(String baseUrl) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("type", "service_account");
    key.put("project_id", "albauth-test");
    key.put("private_key_id", "6f1c3a2b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a");
    key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    key.put("client_email", SERVICE_ACCOUNT);
    key.put("client_id", CLIENT_ID);
    key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    key.put("token_uri", baseUrl + "/token");
    key.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    key.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/"
        + SERVICE_ACCOUNT.replace("@", "%40"));
    key.put("universe_domain", "googleapis.com");
    return write(key);
  }

  /**
   * Serves a directory from now on (and forgets faults, counters, tokens and limits).
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   * @param directory the users and groups
   */
  public void serve(Stubbing server, TestDirectory directory) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    model = new Model(directory);
    failUserPagesAfterFirst = false;
    cutUserPagesAfterFirst = false;
    latencyMillis = 0;
    quotaPerMinute = 0;
    tokens.clear();
    windows.clear();
    requests.clear();
    throttled.set(0);
  }

  /**
   * Serves {@code after} from now on: users missing from it are deleted ({@code users.get}
   * answers 404), as are groups.
   *
   * @param after the directory from now on
   */
  public void changeTo(TestDirectory after) {
    model = new Model(after);
  }

  /** From now on, every page of {@code users.list} after the first fails with 503 backendError. */
  public void failUserPagesAfterFirst() {
    failUserPagesAfterFirst = true;
  }

  /**
   * From now on, every page of {@code users.list} after the first is cut off halfway through its
   * body (status 200, the JSON unfinished), as a proxy or a broken connection may deliver it.
   */
  public void cutUserPagesAfterFirst() {
    cutUserPagesAfterFirst = true;
  }

  /**
   * Answers every request after this many milliseconds.
   *
   * @param millis the latency
   */
  public void latency(int millis) {
    latencyMillis = millis;
  }

  /**
   * Enforces Google's per-user quota ({@link #QUOTA_PER_MINUTE} by default in a project): more
   * than this many Directory API queries by one user (the subject the service account acts as)
   * within any 60 seconds are answered {@code 403 userRateLimitExceeded}.
   *
   * @param perMinute queries per rolling minute and user, 0 for none
   */
  public void quotaPerMinute(int perMinute) {
    quotaPerMinute = perMinute;
  }

  /** {@return requests served, per method (e.g. {@code users.list})} */
  public Map<String, Integer> requests() {
    Map<String, Integer> out = new LinkedHashMap<>();
    requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** {@return all requests served} */
  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@return quota errors sent (403 userRateLimitExceeded)} */
  public int throttled() {
    return throttled.get();
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    URI uri = URI.create(request.getAbsoluteUrl());
    String path = uri.getRawPath();
    ResponseDefinitionBuilder response;
    if (request.getMethod().getName().equals("POST") && path.equals("/token")) {
      count("token");
      response = token(request, uri.getScheme() + "://" + uri.getAuthority() + path);
    } else if (path.startsWith(API + "/")) {
      response = api(request, path.substring(API.length()));
    } else {
      response = error(404, "global", "notFound", "Not Found");
    }
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.build();
  }

  private void count(String method) {
    requests.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
  }

  private ResponseDefinitionBuilder token(Request request, String tokenUrl) {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "Invalid grant_type: "
          + form.get("grant_type"));
    }
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(form.getOrDefault("assertion", ""));
      if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))) {
        return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      return oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token"
          + " (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT"
          + " claim.");
    }
    Instant now = clock.instant();
    if (claims.getIssueTime() == null || claims.getExpirationTime() == null
        || claims.getExpirationTime().toInstant().isBefore(now)
        || Duration.between(claims.getIssueTime().toInstant(),
            claims.getExpirationTime().toInstant()).compareTo(Duration.ofHours(1)) > 0) {
      return oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token"
          + " (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT"
          + " claim.");
    }
    if (!SERVICE_ACCOUNT.equals(claims.getIssuer())
        || !List.of(tokenUrl).equals(claims.getAudience())) {
      return oauthError(400, "invalid_grant", "Invalid JWT: Failed audience check.");
    }
    Object scope = claims.getClaim("scope");
    String subject = claims.getSubject();
    if (!(scope instanceof String s) || !DELEGATED.containsAll(List.of(s.split(" ")))
        || subject == null) {
      return oauthError(401, "unauthorized_client", "Client is unauthorized to retrieve access"
          + " tokens using this method, or client not authorized for any of the scopes"
          + " requested.");
    }
    String token = "ya29.c." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString((subject + "|" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    tokens.put(token, subject);
    return json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,"
        + "\"token_type\":\"Bearer\"}");
  }

  private ResponseDefinitionBuilder api(Request request, String path) {
    String[] parts = path.split("/");
    if (parts.length < 2) {
      return error(404, "global", "notFound", "Not Found");
    }
    String method = parts.length == 2 ? parts[1] + ".list"
        : parts.length == 3 ? parts[1] + ".get" : parts[1] + "." + parts[3] + ".list";
    count(method.replace("groups.members", "members"));
    String auth = request.getHeader("Authorization");
    String user = auth == null || !auth.startsWith("Bearer ") ? null
        : tokens.get(auth.substring("Bearer ".length()));
    if (user == null) {
      return error(401, "global", "authError", "Invalid Credentials")
          .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
    }
    if (overQuota(user)) {
      throttled.incrementAndGet();
      return error(403, "usageLimits", "userRateLimitExceeded", "Quota exceeded for quota metric"
          + " 'Queries' and limit 'Queries per minute per user' of service"
          + " 'admin.googleapis.com' for consumer 'project_number:408571260817'.");
    }
    Model m = model;
    return switch (method) {
      case "users.list" -> listUsers(m, request);
      case "users.get" -> getUser(m, parts[2]);
      case "groups.list" -> listGroups(m, request);
      case "groups.get" -> getGroup(m, parts[2]);
      case "groups.members.list" -> listMembers(m, request, parts[2]);
      default -> error(404, "global", "notFound", "Not Found");
    };
  }

  private boolean overQuota(String user) {
    int limit = quotaPerMinute;
    if (limit <= 0) {
      return false;
    }
    Instant now = clock.instant();
    Deque<Instant> window = windows.computeIfAbsent(user, k -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && !window.peekFirst().isAfter(now.minusSeconds(60))) {
        window.removeFirst();
      }
      if (window.size() >= limit) {
        return true;
      }
      window.addLast(now);
      return false;
    }
  }

  private ResponseDefinitionBuilder listUsers(Model m, Request request) {
    String customer = param(request, "customer");
    String domain = param(request, "domain");
    if ((customer == null) == (domain == null)) {
      return error(400, "global", "badRequest", "Bad Request");
    }
    String token = param(request, "pageToken");
    if (token != null && failUserPagesAfterFirst) {
      return error(503, "global", "backendError", "The service is currently unavailable.");
    }
    List<TestDirectory.User> users = m.directory().users().stream()
        .filter(u -> domain == null || u.login().toLowerCase(Locale.ROOT).endsWith("@" + domain))
        .toList();
    ResponseDefinitionBuilder page = page(request, 500, "admin#directory#users", "users", users,
        GoogleSimulation::userJson);
    if (token != null && cutUserPagesAfterFirst) {
      String body = page.build().getBody();
      return json(200, body.substring(0, body.length() / 2));
    }
    return page;
  }

  private ResponseDefinitionBuilder getUser(Model m, String rawKey) {
    String key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
    TestDirectory.User u = m.byKey().get(key.contains("@") ? key.toLowerCase(Locale.ROOT) : key);
    return u == null ? error(404, "global", "notFound", "Resource Not Found: userKey")
        : json(200, write(userJson(u)));
  }

  private ResponseDefinitionBuilder listGroups(Model m, Request request) {
    String userKey = param(request, "userKey");
    List<TestDirectory.Group> groups = m.directory().groups();
    if (userKey != null) {
      TestDirectory.User u = m.byKey().get(userKey);
      if (u == null) {
        return error(404, "global", "notFound", "Resource Not Found: userKey");
      }
      groups = groups.stream().filter(g -> u.groupIds().contains(g.id())).toList();
    }
    return page(request, 200, "admin#directory#groups", "groups", groups,
        g -> groupJson(m, g));
  }

  private ResponseDefinitionBuilder getGroup(Model m, String rawKey) {
    TestDirectory.Group g = m.groupsByKey().get(
        URLDecoder.decode(rawKey, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    return g == null ? error(404, "global", "notFound", "Resource Not Found: groupKey")
        : json(200, write(groupJson(m, g)));
  }

  private ResponseDefinitionBuilder listMembers(Model m, Request request, String rawKey) {
    TestDirectory.Group g = m.groupsByKey().get(
        URLDecoder.decode(rawKey, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    if (g == null) {
      return error(404, "global", "notFound", "Resource Not Found: groupKey");
    }
    List<Map<String, Object>> members = new ArrayList<>();
    for (String id : m.directory().memberIds(g.id())) {
      members.add(member(id, m.byKey().get(id).login(), "USER"));
    }
    if (!members.isEmpty()) { // a nested group among the users, which the connector leaves out
      members.add(members.size() / 2, member("03cqmetx0q9xkrb", "nested-" + groupEmail(g),
          "GROUP"));
    }
    return page(request, 200, "admin#directory#members", "members", members, x -> x);
  }

  private static Map<String, Object> member(String id, String email, String type) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("kind", "admin#directory#member");
    member.put("etag", "\"m" + Integer.toHexString(id.hashCode()) + "\"");
    member.put("id", id);
    member.put("email", email);
    member.put("role", "MEMBER");
    member.put("type", type);
    member.put("status", "ACTIVE");
    return member;
  }

  /** Pages as Google does: {@code maxResults}, an opaque {@code nextPageToken}, no empty array. */
  private static <T> ResponseDefinitionBuilder page(Request request, int max, String kind,
      String field, List<T> all, Function<T, Object> json) {
    String maxParam = param(request, "maxResults");
    int size = maxParam == null ? Math.min(max, 100) : Integer.parseInt(maxParam);
    if (size < 1 || size > max) {
      return error(400, "global", "invalid", "Invalid value '" + size + "'. Values must be within"
          + " the range: [1, " + max + "]");
    }
    String token = param(request, "pageToken");
    int from = 0;
    if (token != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token),
            StandardCharsets.UTF_8).substring(2));
      } catch (RuntimeException e) {
        return error(400, "global", "invalid", "Invalid Input: pageToken");
      }
    }
    int to = Math.min(all.size(), from + size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("etag", "\"p" + Integer.toHexString(all.size() * 31 + from) + "\"");
    if (to > from) {
      List<Object> items = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        items.add(json.apply(all.get(i)));
      }
      body.put(field, items);
    }
    if (to < all.size()) {
      body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return json(200, write(body));
  }

  private static @Nullable String param(Request request, String name) {
    QueryParameter p = request.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  private static Object userJson(TestDirectory.User u) {
    int at = u.login().indexOf('@');
    String given = at > 0 ? u.login().substring(0, at) : u.login();
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("kind", "admin#directory#user");
    user.put("id", u.id());
    user.put("etag", "\"u" + Integer.toHexString(u.hashCode()) + "\"");
    user.put("primaryEmail", u.login());
    user.put("name", Map.of("givenName", given, "familyName", "Example",
        "fullName", given + " Example"));
    user.put("isAdmin", false);
    user.put("isDelegatedAdmin", false);
    user.put("lastLoginTime", "1970-01-01T00:00:00.000Z");
    user.put("creationTime", "2024-01-15T09:00:00.000Z");
    user.put("agreedToTerms", true);
    user.put("suspended", !u.active());
    if (!u.active()) {
      user.put("suspensionReason", "ADMIN");
    }
    user.put("archived", false);
    user.put("changePasswordAtNextLogin", false);
    user.put("ipWhitelisted", false);
    user.put("emails", List.of(Map.of("address", u.login(), "primary", true),
        Map.of("address", u.email())));
    user.put("aliases", List.of(u.email()));
    user.put("nonEditableAliases", List.of(given + "@example.com.test-google-a.com"));
    user.put("customerId", "C03az79cb");
    user.put("orgUnitPath", "/");
    user.put("isMailboxSetup", true);
    user.put("isEnrolledIn2Sv", false);
    user.put("isEnforcedIn2Sv", false);
    user.put("includeInGlobalAddressList", true);
    user.put("recoveryEmail", given + "@personal.example.org");
    return user;
  }

  private static Object groupJson(Model m, TestDirectory.Group g) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("kind", "admin#directory#group");
    group.put("id", g.id());
    group.put("etag", "\"g" + Integer.toHexString(g.hashCode()) + "\"");
    group.put("email", groupEmail(g));
    group.put("name", g.name());
    int users = m.directory().memberIds(g.id()).size();
    group.put("directMembersCount", Integer.toString(users == 0 ? 0 : users + 1));
    group.put("description", g.name() + " team");
    group.put("adminCreated", true);
    return group;
  }

  private static String groupEmail(TestDirectory.Group g) {
    return g.id().toLowerCase(Locale.ROOT) + "@groups.example.com";
  }

  private static ResponseDefinitionBuilder oauthError(int status, String code, String description) {
    return json(status, write(Map.of("error", code, "error_description", description)));
  }

  /**
   * An error body of the Directory API.
   *
   * @param status the HTTP status
   * @param domain the error's domain ({@code global}, {@code usageLimits})
   * @param reason the reason ({@code notFound}, {@code userRateLimitExceeded}, …)
   * @param message the message
   * @return the response
   */
  public static ResponseDefinitionBuilder error(int status, String domain, String reason,
      String message) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("message", message);
    detail.put("domain", domain);
    detail.put("reason", reason);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("message", message);
    error.put("errors", List.of(detail));
    return json(status, write(Map.of("error", error)));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type",
        "application/json; charset=UTF-8").withBody(body);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) { // JsonProcessingException
      throw new IllegalStateException(e);
    }
  }
}
