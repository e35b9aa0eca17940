package io.github.albauth.usersync.connectors.onelogin.simulation;

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
import io.github.albauth.usersync.testkit.TestDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * OneLogin's API v2 as WireMock serves it from a {@link TestDirectory}: the token endpoint, users,
 * roles and role members, with bodies, cursor paging headers, rate-limit headers and error objects
 * shaped as OneLogin documents them. Register it as an extension, then {@link #serve} a directory.
 * The directory's groups are OneLogin roles; ids made of digits are sent as JSON integers, as
 * OneLogin's are, others (the compliance kit's {@code u1}, {@code g1}) as text.
 *
 * <ul>
 *   <li>Token: https://developers.onelogin.com/api-docs/2/oauth20-tokens/generate-tokens-2 ({@code
 *       POST /auth/oauth2/v2/token}, the pair in the form body; an RFC 6749 section 5.1 response,
 *       valid 10 hours)
 *   <li>Users: https://developers.onelogin.com/api-docs/2/users/list-users (up to 50 per page;
 *       {@code updated_since}, {@code username}, {@code email} filters; {@code fields}; without
 *       {@code fields} the listing leaves out {@code role_ids} and {@code custom_attributes}) and
 *       https://developers.onelogin.com/api-docs/2/users/get-user (the whole user; {@code 404
 *       NotFoundError})
 *   <li>Paging: https://developers.onelogin.com/api-docs/2/getting-started/using-query-parameters
 *       ({@code limit}, {@code cursor} from {@code After-Cursor}/{@code Before-Cursor}; the
 *       cursors are base64 of {@code limit=…&page=…} as in the page's example; {@code Total-Count},
 *       {@code Total-Pages}, {@code Current-Page}, {@code Page-Items})
 *   <li>Roles: https://developers.onelogin.com/api-docs/2/roles/list-roles (up to 650 per page)
 *       and https://developers.onelogin.com/api-docs/2/roles/get-role-users (members with {@code
 *       assigned}; 100 per page, OneLogin's OpenAPI description)
 *   <li>Rate limit: https://developers.onelogin.com/api-docs/2/oauth20-tokens/get-rate-limit (an
 *       account-wide hourly window; {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining},
 *       {@code X-RateLimit-Reset} in seconds until the window resets). The {@code 429} body is
 *       not documented; it is shaped like the other API v2 errors.
 * </ul>
 */
public final class OneLoginSimulation implements ResponseDefinitionTransformerV2 {

  /** What the token endpoint hands out; API calls must carry it. */
  public static final String ACCESS_TOKEN = "xx508xx63817x752xx74004x30705xx92x58349x5x78f5xx34xxxxx51";
  /** The policy group every simulated user is in ({@code group_id}). */
  public static final long GROUP_ID = 444444;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2024-01-15T09:00:00.123Z");
  private static final int USER_PAGE = 50;
  private static final int ROLE_PAGE = 650;
  private static final int MEMBER_PAGE = 100;

  private final Clock clock;
  private volatile Model model = new Model(new TestDirectory(List.of(), List.of()));
  private volatile boolean failUserPagesAfterFirst;
  private volatile boolean truncateUserListing;
  private volatile int latencyMillis;
  private volatile int limitPerHour;
  private volatile long windowStart;
  private final AtomicInteger used = new AtomicInteger();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();

  /** The directory and the users' updated_at, swapped whole on changes. */
  private record Model(TestDirectory directory, Map<String, Instant> updatedAt,
      Map<String, TestDirectory.User> byId) {
    Model(TestDirectory directory) {
      this(directory, new HashMap<>(), index(directory));
    }

    static Map<String, TestDirectory.User> index(TestDirectory d) {
      Map<String, TestDirectory.User> out = new HashMap<>();
      d.users().forEach(u -> out.put(u.id(), u));
      return out;
    }
  }

  /**
   * Creates the simulation.
   *
   * @param clock the clock of updated_at stamps and rate-limit windows
   */
  public OneLoginSimulation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "onelogin-simulation";
  }

  /**
   * Serves a directory from now on (and forgets faults, counters and limits).
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   * @param directory the users and roles
   */
  public void serve(Stubbing server, TestDirectory directory) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    model = new Model(directory);
    failUserPagesAfterFirst = false;
    truncateUserListing = false;
    latencyMillis = 0;
    limitPerHour = 0;
    windowStart = clock.instant().getEpochSecond();
    used.set(0);
    requests.clear();
    throttled.set(0);
  }

  /**
   * Serves {@code after} from now on: changed and new users get {@code updated_at} now (an
   * inactive user is suspended, status 2); users missing from it are deleted, as OneLogin deletes
   * users: gone from listings and filters, {@code 404} when looked up.
   *
   * @param after the directory from now on
   */
  public void changeTo(TestDirectory after) {
    Model before = model;
    Model next = new Model(after);
    next.updatedAt().putAll(before.updatedAt());
    Instant now = clock.instant();
    for (TestDirectory.User u : after.users()) {
      if (!u.equals(before.byId().get(u.id()))) {
        next.updatedAt().put(u.id(), now);
      }
    }
    next.updatedAt().keySet().retainAll(next.byId().keySet());
    model = next;
  }

  /** From now on, every page of {@code GET /api/2/users} after the first fails with HTTP 500. */
  public void failUserPagesAfterFirst() {
    failUserPagesAfterFirst = true;
  }

  /**
   * From now on, the first page of {@code GET /api/2/users} has no {@code After-Cursor}, as if it
   * were the last, while {@code Total-Count} still counts every user: a listing cut short.
   */
  public void truncateUserListing() {
    truncateUserListing = true;
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
   * Enforces an account-wide limit per hour on API calls, with OneLogin's headers and 429s.
   *
   * @param perHour requests per hour, 0 for none (OneLogin documents 5,000)
   */
  public void limitPerHour(int perHour) {
    limitPerHour = perHour;
  }

  /** {@return requests served, per endpoint (method and path pattern)} */
  public Map<String, Integer> requests() {
    Map<String, Integer> out = new LinkedHashMap<>();
    requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** {@return all requests served} */
  public int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@return 429 responses sent} */
  public int throttled() {
    return throttled.get();
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = request.getUrl().replaceFirst("\\?.*", "");
    String[] parts = path.split("/");
    String[] pattern = parts.clone();
    if (pattern.length > 4 && (pattern[3].equals("users") || pattern[3].equals("roles"))) {
      pattern[4] = "{id}";
    }
    String endpoint = request.getMethod() + " " + String.join("/", pattern);
    requests.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    ResponseDefinitionBuilder response;
    if (path.equals("/auth/oauth2/v2/token")) {
      response = token(request);
    } else {
      response = rateLimited();
      if (response == null) {
        response = authorized(request) ? route(request, parts) : error(401, "UnauthorizedError",
            "Unauthorized");
      }
      rateLimitHeaders(response);
    }
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.build();
  }

  private static ResponseDefinitionBuilder token(Request request) {
    String body = request.getBodyAsString();
    if (!body.contains("grant_type=client_credentials") || !body.contains("client_id=")
        || !body.contains("client_secret=")) {
      return error(400, "BadRequestError", "grant_type is incorrect/absent");
    }
    return json(200, write(Map.of("access_token", ACCESS_TOKEN,
        "created_at", "2015-11-11T03:36:18.714Z", "expires_in", 36000,
        "refresh_token", "628x9x0xx447xx4x421x517x4x474x33x2065x4x1xx523xxxxx6x7x20",
        "token_type", "bearer", "account_id", 555555)));
  }

  private static boolean authorized(Request request) {
    String header = request.getHeader("Authorization");
    return header != null && header.toLowerCase(Locale.ROOT).equals("bearer " + ACCESS_TOKEN);
  }

  /** Counts the call in the hour's window; a 429 once the window is spent. */
  private @Nullable ResponseDefinitionBuilder rateLimited() {
    int limit = limitPerHour;
    if (limit <= 0) {
      return null;
    }
    long now = clock.instant().getEpochSecond();
    synchronized (used) {
      if (now - windowStart >= 3600) {
        windowStart = now;
        used.set(0);
      }
    }
    if (used.incrementAndGet() > limit) {
      throttled.incrementAndGet();
      return error(429, "TooManyRequestsError", "Too Many Requests");
    }
    return null;
  }

  private void rateLimitHeaders(ResponseDefinitionBuilder response) {
    int limit = limitPerHour;
    if (limit > 0) {
      long reset = Math.max(0, windowStart + 3600 - clock.instant().getEpochSecond());
      response.withHeader("X-RateLimit-Limit", Integer.toString(limit))
          .withHeader("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - used.get())))
          .withHeader("X-RateLimit-Reset", Long.toString(reset));
    }
  }

  private ResponseDefinitionBuilder route(Request request, String[] parts) {
    Model m = model;
    if (parts.length < 4 || !parts[1].equals("api") || !parts[2].equals("2")) {
      return error(404, "NotFoundError", "No Route Exists");
    }
    if (parts.length == 4 && parts[3].equals("users")) {
      if (failUserPagesAfterFirst && param(request, "cursor") != null) {
        return error(500, "InternalServerError", "Internal Server Error");
      }
      return page(request, USER_PAGE, users(m, request), u -> listedUser(m, u, request),
          truncateUserListing);
    }
    if (parts.length == 5 && parts[3].equals("users")) {
      TestDirectory.User u = m.byId().get(parts[4]);
      return u == null ? notFound() : json(200, write(userJson(m, u)));
    }
    if (parts.length == 4 && parts[3].equals("roles")) {
      return page(request, ROLE_PAGE, m.directory().groups(), OneLoginSimulation::roleJson,
          false);
    }
    TestDirectory.Group role = parts.length >= 5 && parts[3].equals("roles")
        ? m.directory().groups().stream().filter(g -> g.id().equals(parts[4])).findFirst()
            .orElse(null) : null;
    if (role == null || parts.length > 6 || (parts.length == 6 && !parts[5].equals("users"))) {
      return notFound();
    }
    if (parts.length == 5) {
      Map<String, Object> json = roleJson(role);
      json.put("users", m.directory().memberIds(role.id()).stream()
          .map(OneLoginSimulation::idValue).toList());
      json.put("admins", List.of());
      return json(200, write(json));
    }
    List<TestDirectory.User> members = m.directory().users().stream()
        .filter(u -> u.groupIds().contains(role.id())).toList();
    return page(request, MEMBER_PAGE, members, OneLoginSimulation::memberJson, false);
  }

  private static List<TestDirectory.User> users(Model m, Request request) {
    String since = param(request, "updated_since");
    String username = param(request, "username");
    String email = param(request, "email");
    List<TestDirectory.User> out = new ArrayList<>();
    for (TestDirectory.User u : m.directory().users()) {
      if ((since != null && !m.updatedAt().getOrDefault(u.id(), CREATED).isAfter(Instant.parse(since)))
          || (username != null && !u.login().equalsIgnoreCase(username))
          || (email != null && !u.email().equalsIgnoreCase(email))) {
        continue;
      }
      out.add(u);
    }
    return out;
  }

  /**
   * Pages a list as API v2 does: {@code limit} (capped at the endpoint's maximum), an opaque
   * {@code cursor}, and the paging headers; {@code cutShort} leaves out the next cursor.
   */
  private static <T> ResponseDefinitionBuilder page(Request request, int max, List<T> all,
      Function<T, Object> json, boolean cutShort) {
    int limit = max;
    int page = 1;
    String cursor = param(request, "cursor");
    String limitParam = param(request, "limit");
    if (cursor != null) {
      Map<String, String> state = decode(cursor);
      if (state == null) {
        return error(400, "BadRequestError", "Invalid cursor");
      }
      limit = Integer.parseInt(state.get("limit"));
      page = Integer.parseInt(state.get("page"));
    } else if (limitParam != null) {
      limit = Math.min(max, Integer.parseInt(limitParam));
    }
    int from = Math.min(all.size(), (page - 1) * limit);
    int to = Math.min(all.size(), from + limit);
    List<Object> items = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      items.add(json.apply(all.get(i)));
    }
    int pages = Math.max(1, (all.size() + limit - 1) / limit);
    ResponseDefinitionBuilder response = json(200, write(items))
        .withHeader("Total-Count", Integer.toString(all.size()))
        .withHeader("Total-Pages", Integer.toString(pages))
        .withHeader("Current-Page", Integer.toString(page))
        .withHeader("Page-Items", Integer.toString(items.size()));
    if (page > 1) {
      response.withHeader("Before-Cursor", encode(limit, page - 1));
    }
    if (to < all.size() && !cutShort) {
      response.withHeader("After-Cursor", encode(limit, page + 1));
    }
    return response;
  }

  private static String encode(int limit, int page) {
    return Base64.getEncoder().encodeToString(("limit=" + limit + "&page=" + page)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable Map<String, String> decode(String cursor) {
    try {
      Map<String, String> state = new HashMap<>();
      for (String pair : new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8)
          .split("&")) {
        String[] kv = pair.split("=", 2);
        state.put(kv[0], kv[1]);
      }
      Integer.parseInt(state.get("limit"));
      Integer.parseInt(state.get("page"));
      return state;
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  private static @Nullable String param(Request request, String name) {
    QueryParameter p = request.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  /** A listed user: without {@code fields}, the listing leaves out role_ids and custom_attributes. */
  private Map<String, Object> listedUser(Model m, TestDirectory.User u, Request request) {
    Map<String, Object> user = userJson(m, u);
    String fields = param(request, "fields");
    if (fields == null) {
      user.remove("role_ids");
      user.remove("custom_attributes");
    } else {
      List<String> wanted = new ArrayList<>(Arrays.asList(fields.split(",")));
      wanted.add("id");
      user.keySet().retainAll(wanted);
    }
    return user;
  }

  /** The user resource, with the fields and nulls of the Get User example. */
  private static Map<String, Object> userJson(Model m, TestDirectory.User u) {
    Instant updated = m.updatedAt().getOrDefault(u.id(), CREATED);
    int at = u.login().indexOf('@');
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("activated_at", CREATED.plusSeconds(92).toString());
    user.put("distinguished_name", null);
    user.put("external_id", null);
    user.put("firstname", at > 0 ? u.login().substring(0, at) : u.login());
    user.put("last_login", null);
    user.put("lastname", "Example");
    user.put("company", "Example Corp");
    user.put("directory_id", null);
    user.put("invitation_sent_at", null);
    user.put("member_of", null);
    user.put("updated_at", updated.toString());
    user.put("preferred_locale_code", null);
    user.put("created_at", CREATED.toString());
    user.put("userprincipalname", null);
    user.put("trusted_idp_id", null);
    user.put("comment", "");
    user.put("title", "Engineer");
    user.put("role_ids", u.groupIds().stream().sorted().map(OneLoginSimulation::idValue).toList());
    user.put("department", "Waves");
    user.put("id", idValue(u.id()));
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("employeenumber", null);
    custom.put("food", "chicken");
    user.put("custom_attributes", custom);
    user.put("invalid_login_attempts", 0);
    user.put("manager_user_id", null);
    user.put("locked_until", null);
    user.put("username", u.login());
    user.put("manager_ad_id", null);
    user.put("email", u.email());
    user.put("phone", "+64272001122");
    user.put("state", 1);
    user.put("group_id", GROUP_ID);
    user.put("password_changed_at", CREATED.toString());
    user.put("status", u.active() ? 1 : 2);
    user.put("samaccountname", null);
    return user;
  }

  private static Map<String, Object> roleJson(TestDirectory.Group g) {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("id", idValue(g.id()));
    role.put("name", g.name());
    role.put("apps", List.of());
    return role;
  }

  private static Object memberJson(TestDirectory.User u) {
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("id", idValue(u.id()));
    member.put("name", u.login());
    member.put("username", u.login());
    member.put("added_by", Map.of("id", 678, "name", "Susan Boss"));
    member.put("added_at", "2019-12-27T00:00:00Z");
    member.put("assigned", true);
    return member;
  }

  /** OneLogin's ids are JSON integers; the compliance kit's text ids stay text. */
  private static Object idValue(String id) {
    return id.matches("[1-9][0-9]{0,17}") ? (Object) Long.parseLong(id) : id;
  }

  private static ResponseDefinitionBuilder notFound() {
    return error(404, "NotFoundError", "The resource with the given id could not be found");
  }

  /** API v2's error object: https://developers.onelogin.com/api-docs/2/users/get-user */
  static ResponseDefinitionBuilder error(int status, String name, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("name", name);
    body.put("statusCode", status);
    return json(status, write(body));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) { // JsonProcessingException
      throw new IllegalStateException(e);
    }
  }
}
