package io.github.albauth.usersync.connectors.okta.simulation;

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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Okta's Users and Groups APIs as WireMock serves them from a {@link TestDirectory}: bodies, {@code
 * Link} paging, {@code X-Rate-Limit-*} headers, error objects and status values shaped as Okta
 * documents them. Register it as an extension, then {@link #serve} a directory.
 *
 * <ul>
 *   <li>Users: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/
 *       (the user object; the plain listing leaves out DEPROVISIONED users:
 *       https://developer.okta.com/docs/reference/user-query/)
 *   <li>Paging: https://developer.okta.com/docs/api/#pagination ({@code Link} with {@code
 *       rel="self"} and {@code rel="next"}, cursor {@code after})
 *   <li>Rate limits: https://developer.okta.com/docs/reference/rl-best-practices/
 *   <li>Errors: https://developer.okta.com/docs/reference/error-codes/ (E0000007 not found,
 *       E0000009 internal error, E0000047 rate limit)
 * </ul>
 */
public final class OktaSimulation implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter OKTA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Instant CREATED = Instant.parse("2024-01-15T09:00:00Z");
  private static final Pattern EQ = Pattern.compile("(profile\\.\\w+|id) eq \"(.*)\"");
  private static final Pattern GT = Pattern.compile("lastUpdated gt \"(.*)\"");

  private final Clock clock;
  private volatile Model model = new Model(new TestDirectory(List.of(), List.of()), Map.of());
  private volatile boolean failUserPagesAfterFirst;
  private volatile int latencyMillis;
  private volatile int limitPerMinute;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();

  /** One rate-limit window of one endpoint. */
  private static final class Window {
    final AtomicLong start = new AtomicLong();
    final AtomicInteger used = new AtomicInteger();
  }

  /** The directory and the users' lastUpdated, swapped whole on changes. */
  private record Model(TestDirectory directory, Map<String, Instant> lastUpdated,
      Map<String, TestDirectory.User> byId, Map<String, TestDirectory.User> deprovisioned) {
    Model(TestDirectory directory, Map<String, TestDirectory.User> deprovisioned) {
      this(directory, new HashMap<>(), index(directory), deprovisioned);
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
   * @param clock the clock of lastUpdated stamps and rate-limit windows
   */
  public OktaSimulation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "okta-simulation";
  }

  /**
   * Serves a directory from now on (and forgets faults, counters and limits).
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   * @param directory the users and groups
   */
  public void serve(Stubbing server, TestDirectory directory) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    model = new Model(directory, Map.of());
    failUserPagesAfterFirst = false;
    latencyMillis = 0;
    limitPerMinute = 0;
    windows.clear();
    requests.clear();
    throttled.set(0);
  }

  /**
   * Serves {@code after} from now on: changed and new users get lastUpdated now; users missing
   * from it become DEPROVISIONED (listed by filters and lookups, not by the plain listing).
   *
   * @param after the directory from now on
   */
  public void changeTo(TestDirectory after) {
    Model before = model;
    Instant now = clock.instant();
    Map<String, TestDirectory.User> gone = new HashMap<>(before.deprovisioned());
    Model next = new Model(after, gone);
    next.lastUpdated().putAll(before.lastUpdated());
    for (TestDirectory.User u : after.users()) {
      if (!u.equals(before.byId().get(u.id()))) {
        next.lastUpdated().put(u.id(), now);
      }
    }
    for (TestDirectory.User u : before.directory().users()) {
      if (!next.byId().containsKey(u.id())) {
        gone.put(u.id(), u);
        next.lastUpdated().put(u.id(), now);
      }
    }
    model = next;
  }

  /** From now on, every page of {@code GET /api/v1/users} after the first fails with HTTP 500. */
  public void failUserPagesAfterFirst() {
    failUserPagesAfterFirst = true;
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
   * Enforces a rate limit per endpoint and minute, with Okta's headers and 429s.
   *
   * @param perMinute requests per minute per endpoint, 0 for none
   */
  public void limitPerMinute(int perMinute) {
    limitPerMinute = perMinute;
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
    URI uri = URI.create(request.getAbsoluteUrl());
    String path = uri.getRawPath();
    String base = uri.getScheme() + "://" + uri.getAuthority();
    String[] segments = path.split("/");
    if (segments.length > 4) {
      segments[4] = "{id}"; // /api/v1/users/{id}/groups: one rate-limit bucket per endpoint
    }
    String endpoint = request.getMethod() + " " + String.join("/", segments);
    requests.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    ResponseDefinitionBuilder response = route(request, path, base);
    rateLimit(endpoint, response);
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.build();
  }

  private void rateLimit(String endpoint, ResponseDefinitionBuilder response) {
    int limit = limitPerMinute;
    if (limit <= 0) {
      return;
    }
    long nowSecond = clock.instant().getEpochSecond();
    Window w = windows.computeIfAbsent(endpoint, k -> new Window());
    synchronized (w) {
      if (nowSecond - w.start.get() >= 60) {
        w.start.set(nowSecond);
        w.used.set(0);
      }
    }
    int used = w.used.incrementAndGet();
    long reset = w.start.get() + 60;
    if (used > limit) {
      throttled.incrementAndGet();
      response.withStatus(429).withBody(error("E0000047",
          "API call exceeded rate limit due to too many requests."));
    }
    response.withHeader("X-Rate-Limit-Limit", Integer.toString(limit))
        .withHeader("X-Rate-Limit-Remaining", Integer.toString(Math.max(0, limit - used)))
        .withHeader("X-Rate-Limit-Reset", Long.toString(reset));
  }

  private ResponseDefinitionBuilder route(Request request, String path, String base) {
    Model m = model;
    String[] parts = path.split("/");
    if (request.getMethod().getName().equals("POST") && path.equals("/oauth2/v1/token")) {
      return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":"
          + "\"eyJraWQiOiJ.service-app-token\",\"scope\":\"okta.users.read okta.groups.read\"}");
    }
    if (path.equals("/api/v1/users")) {
      String after = param(request, "after");
      if (after != null && failUserPagesAfterFirst) {
        return json(500, error("E0000009", "Internal Server Error"));
      }
      return page(base, path, request, users(m, request), u -> userJson(m, u));
    }
    if (parts.length == 5 && path.startsWith("/api/v1/users/")) {
      TestDirectory.User u = find(m, parts[4]);
      return u == null ? notFound(parts[4]) : json(200, write(userJson(m, u)));
    }
    if (parts.length == 6 && path.startsWith("/api/v1/users/") && parts[5].equals("groups")) {
      TestDirectory.User u = find(m, parts[4]);
      if (u == null) {
        return notFound(parts[4]);
      }
      List<TestDirectory.Group> groups = m.directory().groups().stream()
          .filter(g -> u.groupIds().contains(g.id())).toList();
      return page(base, path, request, groups, OktaSimulation::groupJson);
    }
    if (path.equals("/api/v1/groups")) {
      return page(base, path, request, m.directory().groups(), OktaSimulation::groupJson);
    }
    if (parts.length >= 5 && path.startsWith("/api/v1/groups/")) {
      TestDirectory.Group group = m.directory().groups().stream()
          .filter(g -> g.id().equals(parts[4])).findFirst().orElse(null);
      if (group == null) {
        return notFound(parts[4]);
      }
      if (parts.length == 5) {
        return json(200, write(groupJson(group)));
      }
      List<TestDirectory.User> members = m.directory().users().stream()
          .filter(u -> u.groupIds().contains(group.id())).toList();
      return page(base, path, request, members, u -> userJson(m, u));
    }
    return json(404, error("E0000022", "The endpoint does not support the provided HTTP method"));
  }

  private static TestDirectory.@Nullable User find(Model m, String id) {
    TestDirectory.User u = m.byId().get(id);
    return u != null ? u : m.deprovisioned().get(id);
  }

  private static List<TestDirectory.User> users(Model m, Request request) {
    String filter = param(request, "filter");
    String search = param(request, "search");
    if (filter != null) {
      Matcher gt = GT.matcher(filter);
      if (!gt.matches()) {
        return List.of();
      }
      Instant since = Instant.from(OKTA_TIME.parse(gt.group(1)));
      List<TestDirectory.User> out = new ArrayList<>();
      Predicate<String> changed = id -> m.lastUpdated().getOrDefault(id, CREATED).isAfter(since);
      m.directory().users().stream().filter(u -> changed.test(u.id())).forEach(out::add);
      m.deprovisioned().values().stream().filter(u -> changed.test(u.id())).forEach(out::add);
      return out;
    }
    if (search != null) {
      Matcher eq = EQ.matcher(search);
      if (!eq.matches()) {
        return List.of();
      }
      String value = eq.group(2);
      List<TestDirectory.User> out = new ArrayList<>();
      for (TestDirectory.User u : m.directory().users()) {
        String actual = switch (eq.group(1)) {
          case "profile.email" -> u.email();
          case "profile.login" -> u.login();
          default -> u.id();
        };
        if (actual.equalsIgnoreCase(value)) {
          out.add(u);
        }
      }
      return out;
    }
    return m.directory().users();
  }

  /** Pages a list as Okta does: {@code limit}, an opaque {@code after} cursor, Link headers. */
  private static <T> ResponseDefinitionBuilder page(String base, String path, Request request,
      List<T> all, java.util.function.Function<T, Object> json) {
    String limitParam = param(request, "limit");
    int limit = limitParam == null ? 200 : Integer.parseInt(limitParam);
    String after = param(request, "after");
    int from = after == null ? 0 : Integer.parseInt(after);
    int to = Math.min(all.size(), from + limit);
    List<Object> items = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      items.add(json.apply(all.get(i)));
    }
    String query = request.getAbsoluteUrl().contains("?")
        ? request.getAbsoluteUrl().substring(request.getAbsoluteUrl().indexOf('?')) : "";
    ResponseDefinitionBuilder response = json(200, write(items))
        .withHeader("Link", "<" + base + path + query + ">; rel=\"self\"");
    if (to < all.size()) {
      String nextQuery = query.replaceAll("[?&]after=[^&]*", "");
      nextQuery = (nextQuery.isEmpty() ? "?" : nextQuery + "&") + "after=" + to;
      response.withHeader("Link", "<" + base + path + nextQuery + ">; rel=\"next\"");
    }
    return response;
  }

  private static @Nullable String param(Request request, String name) {
    QueryParameter p = request.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  private Map<String, Object> userJson(Model m, TestDirectory.User u) {
    boolean gone = !m.byId().containsKey(u.id());
    String status = gone ? "DEPROVISIONED" : u.active() ? "ACTIVE" : "SUSPENDED";
    Instant updated = m.lastUpdated().getOrDefault(u.id(), CREATED);
    Map<String, Object> profile = new LinkedHashMap<>();
    int at = u.login().indexOf('@');
    profile.put("firstName", at > 0 ? u.login().substring(0, at) : u.login());
    profile.put("lastName", "Example");
    profile.put("mobilePhone", null);
    profile.put("secondEmail", null);
    profile.put("login", u.login());
    profile.put("email", u.email());
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", u.id());
    user.put("status", status);
    user.put("created", OKTA_TIME.format(CREATED));
    user.put("activated", OKTA_TIME.format(CREATED));
    user.put("statusChanged", OKTA_TIME.format(updated));
    user.put("lastLogin", null);
    user.put("lastUpdated", OKTA_TIME.format(updated));
    user.put("passwordChanged", OKTA_TIME.format(CREATED));
    user.put("type", Map.of("id", "oty1b2c3d4e5f6g7h8i9"));
    user.put("profile", profile);
    user.put("credentials", Map.of("password", Map.of(), "recovery_question",
        Map.of("question", "Who's a major player in the cowboy scene?"),
        "provider", Map.of("type", "OKTA", "name", "OKTA")));
    user.put("_links", Map.of("self", Map.of("href", "/api/v1/users/" + u.id())));
    return user;
  }

  private static Object groupJson(TestDirectory.Group g) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("id", g.id());
    group.put("created", OKTA_TIME.format(CREATED));
    group.put("lastUpdated", OKTA_TIME.format(CREATED));
    group.put("lastMembershipUpdated", OKTA_TIME.format(CREATED));
    group.put("objectClass", List.of("okta:user_group"));
    group.put("type", "OKTA_GROUP");
    group.put("profile", Map.of("name", g.name(), "description", g.name() + " team"));
    group.put("_links", Map.of("users", Map.of("href", "/api/v1/groups/" + g.id() + "/users")));
    return group;
  }

  private static ResponseDefinitionBuilder notFound(String id) {
    return json(404, error("E0000007", "Not found: Resource not found: " + id + " (User)"));
  }

  static String error(String code, String summary) {
    return write(Map.of("errorCode", code, "errorSummary", summary, "errorLink", code,
        "errorId", "oae" + Integer.toHexString(summary.hashCode()), "errorCauses", List.of()));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) { // JsonProcessingException
      throw new IllegalStateException(e);
    }
  }
}
