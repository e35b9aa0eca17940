package io.github.albauth.usersync.connectors.entra.simulation;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Graph v1.0 (users, groups, members, delta) and the v2.0 token endpoint as WireMock
 * serves them from a {@link TestDirectory}, with bodies, paging links and errors shaped as
 * Microsoft documents them:
 *
 * <ul>
 *   <li>Users and paging: https://learn.microsoft.com/en-us/graph/api/user-list and
 *       https://learn.microsoft.com/en-us/graph/paging ({@code @odata.nextLink}, {@code $top})
 *   <li>{@code $count}: https://learn.microsoft.com/en-us/graph/aad-advanced-queries
 *   <li>Delta: https://learn.microsoft.com/en-us/graph/delta-query-users, {@code
 *       /groups/delta} with {@code members@delta}:
 *       https://learn.microsoft.com/en-us/graph/delta-query-groups, an expired token: {@code 410
 *       Gone} (https://learn.microsoft.com/en-us/graph/delta-query-overview)
 *   <li>Errors: https://learn.microsoft.com/en-us/graph/errors; throttling with {@code
 *       Retry-After}: https://learn.microsoft.com/en-us/graph/throttling
 *   <li>Tokens: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 * </ul>
 */
public final class GraphSimulation implements ResponseDefinitionTransformerV2 {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MAIL_EQ = Pattern.compile("mail eq '(.*)'");
  private static final Pattern ID_IN = Pattern.compile("id in \\((.*)\\)");
  private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
  private static final int DELTA_PAGE = 2;

  private final Clock clock;
  private volatile TestDirectory directory = new TestDirectory(List.of(), List.of());
  private volatile Map<String, TestDirectory.User> byId = Map.of();
  /** Change log: version → what changed (user ids changed or removed, memberships). */
  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private volatile int expiredBefore;
  private volatile boolean failUserPagesAfterFirst;
  private volatile long countSkew;
  private volatile int latencyMillis;
  private volatile int limitPerTenSeconds;
  private volatile long windowStart;
  private final AtomicInteger windowUsed = new AtomicInteger();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();

  private record Change(String userId, @Nullable String groupId, boolean removed) {}

  /**
   * Creates the simulation.
   *
   * @param clock the clock of rate-limit windows
   */
  public GraphSimulation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "graph-simulation";
  }

  /**
   * Serves a directory from now on (and forgets faults, counters, limits and the change log).
   *
   * @param server the WireMock server (or JUnit extension) this simulation is registered with
   * @param served the users and groups
   */
  public void serve(Stubbing server, TestDirectory served) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    directory = served;
    byId = index(served);
    changes.clear();
    expiredBefore = 0;
    failUserPagesAfterFirst = false;
    countSkew = 0;
    latencyMillis = 0;
    limitPerTenSeconds = 0;
    requests.clear();
    throttled.set(0);
  }

  private static Map<String, TestDirectory.User> index(TestDirectory d) {
    Map<String, TestDirectory.User> out = new HashMap<>();
    d.users().forEach(u -> out.put(u.id(), u));
    return out;
  }

  /**
   * Serves {@code after} from now on and logs the differences for delta queries: changed, new and
   * removed users, and memberships added and removed.
   *
   * @param after the directory from now on
   */
  public void changeTo(TestDirectory after) {
    Map<String, TestDirectory.User> before = byId;
    Map<String, TestDirectory.User> next = index(after);
    for (TestDirectory.User u : after.users()) {
      TestDirectory.User old = before.get(u.id());
      if (!u.equals(old)) {
        changes.add(new Change(u.id(), null, false));
      }
      for (String g : u.groupIds()) {
        if (old == null || !old.groupIds().contains(g)) {
          changes.add(new Change(u.id(), g, false));
        }
      }
    }
    for (TestDirectory.User old : before.values()) {
      TestDirectory.User now = next.get(old.id());
      if (now == null) {
        changes.add(new Change(old.id(), null, true));
      }
      for (String g : old.groupIds()) {
        if (now == null || !now.groupIds().contains(g)) {
          changes.add(new Change(old.id(), g, true));
        }
      }
    }
    directory = after;
    byId = next;
  }

  /** From now on, delta tokens and links given out so far answer {@code 410 Gone}. */
  public void expireDeltaTokens() {
    expiredBefore = changes.size() + 1;
  }

  /** From now on, every page of {@code GET /users} after the first answers 503. */
  public void failUserPagesAfterFirst() {
    failUserPagesAfterFirst = true;
  }

  /**
   * Makes {@code @odata.count} disagree with the users listed.
   *
   * @param skew added to the true count
   */
  public void skewCount(long skew) {
    countSkew = skew;
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
   * Throttles above this many requests per ten seconds, with 429 and {@code Retry-After}.
   *
   * @param perTenSeconds the limit, 0 for none
   */
  public void limitPerTenSeconds(int perTenSeconds) {
    limitPerTenSeconds = perTenSeconds;
  }

  /** {@return requests served, per endpoint} */
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
    String[] segments = path.split("/");
    if (segments.length > 3 && !segments[3].equals("delta")) {
      segments[3] = "{id}";
    }
    String endpoint = request.getMethod() + " " + String.join("/", segments);
    requests.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    ResponseDefinitionBuilder response = throttle();
    if (response == null) {
      response = route(request, path, uri.getScheme() + "://" + uri.getAuthority());
    }
    if (latencyMillis > 0) {
      response.withFixedDelay(latencyMillis);
    }
    return response.build();
  }

  private @Nullable ResponseDefinitionBuilder throttle() {
    int limit = limitPerTenSeconds;
    if (limit <= 0) {
      return null;
    }
    long now = clock.millis();
    synchronized (windowUsed) {
      if (now - windowStart >= 10_000) {
        windowStart = now;
        windowUsed.set(0);
      }
    }
    if (windowUsed.incrementAndGet() <= limit) {
      return null;
    }
    throttled.incrementAndGet();
    long seconds = Math.max(1, (windowStart + 10_000 - now + 999) / 1000);
    return error(429, "TooManyRequests", "Too many requests.")
        .withHeader("Retry-After", Long.toString(seconds));
  }

  private ResponseDefinitionBuilder route(Request request, String path, String base) {
    if (request.getMethod().getName().equals("POST") && path.endsWith("/oauth2/v2.0/token")) {
      return json(200, Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
          "access_token", "eyJ0eXAiOiJKV1Qi.graph-token"));
    }
    String[] p = path.split("/");
    TestDirectory d = directory;
    if (path.equals("/v1.0/users")) {
      if (param(request, "$skiptoken") != null && failUserPagesAfterFirst) {
        return error(503, "serviceNotAvailable", "Service unavailable.").withHeader("Retry-After", "0");
      }
      return page(request, base, path, users(d, request), this::userJson,
          "eventual".equals(request.getHeader("ConsistencyLevel"))
              && "true".equals(param(request, "$count")));
    }
    if (path.equals("/v1.0/users/delta")) {
      return delta(request, base, path, false);
    }
    if (path.equals("/v1.0/groups/delta")) {
      return delta(request, base, path, true);
    }
    if (p.length >= 4 && p[2].equals("users")) {
      String key = java.net.URLDecoder.decode(p[3], StandardCharsets.UTF_8);
      TestDirectory.User u = byId.get(key);
      if (u == null) {
        u = d.users().stream().filter(x -> x.login().equalsIgnoreCase(key)).findFirst().orElse(null);
      }
      if (u == null) {
        return error(404, "Request_ResourceNotFound", "Resource '" + key + "' does not exist or"
            + " one of its queried reference-property objects are not present.");
      }
      if (p.length == 4) {
        return json(200, userJson(u));
      }
      TestDirectory.User member = u;
      return page(request, base, path, d.groups().stream()
          .filter(g -> member.groupIds().contains(g.id())).toList(), GraphSimulation::groupJson, false);
    }
    if (path.equals("/v1.0/groups")) {
      return page(request, base, path, d.groups(), GraphSimulation::groupJson, false);
    }
    if (p.length >= 4 && p[2].equals("groups")) {
      TestDirectory.Group group = d.groups().stream().filter(g -> g.id().equals(p[3])).findFirst()
          .orElse(null);
      if (group == null) {
        return error(404, "Request_ResourceNotFound", "Resource '" + p[3] + "' does not exist or"
            + " one of its queried reference-property objects are not present.");
      }
      if (p.length == 4) {
        return json(200, groupJson(group));
      }
      boolean idsOnly = "id".equals(param(request, "$select"));
      return page(request, base, path, d.users().stream()
          .filter(u -> u.groupIds().contains(group.id())).toList(),
          u -> idsOnly ? Map.of("@odata.type", "#microsoft.graph.user", "id", u.id()) : userJson(u),
          false);
    }
    return error(400, "BadRequest", "Resource not found for the segment '" + path + "'.");
  }

  private List<TestDirectory.User> users(TestDirectory d, Request request) {
    String filter = param(request, "$filter");
    if (filter == null) {
      return d.users();
    }
    Matcher mail = MAIL_EQ.matcher(filter);
    if (mail.matches()) {
      String value = mail.group(1).replace("''", "'");
      return d.users().stream().filter(u -> u.email().equalsIgnoreCase(value)).toList();
    }
    Matcher in = ID_IN.matcher(filter);
    List<TestDirectory.User> out = new ArrayList<>();
    if (in.matches()) {
      Matcher q = QUOTED.matcher(in.group(1));
      while (q.find()) {
        TestDirectory.User u = byId.get(q.group(1).replace("''", "'"));
        if (u != null) {
          out.add(u);
        }
      }
    }
    return out;
  }

  /** A page: {@code $top} (default 100), {@code $skiptoken} as the offset, {@code @odata.nextLink}. */
  private <T> ResponseDefinitionBuilder page(Request request, String base, String path, List<T> all,
      Function<T, Object> json, boolean count) {
    String top = param(request, "$top");
    int size = top == null ? 100 : Integer.parseInt(top);
    String skip = param(request, "$skiptoken");
    int from = skip == null ? 0 : Integer.parseInt(skip);
    int to = Math.min(all.size(), from + size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", base + "/v1.0/$metadata#" + path.substring(path.lastIndexOf('/') + 1));
    if (count) {
      body.put("@odata.count", all.size() + countSkew);
    }
    if (to < all.size()) {
      body.put("@odata.nextLink", base + path + "?" + queryWithout(request, "$skiptoken")
          + "$skiptoken=" + to);
    }
    List<Object> value = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      value.add(json.apply(all.get(i)));
    }
    body.put("value", value);
    return json(200, body);
  }

  private static String queryWithout(Request request, String name) {
    String url = request.getAbsoluteUrl();
    int q = url.indexOf('?');
    if (q < 0) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String pair : url.substring(q + 1).split("&")) {
      String key = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
      if (!key.equals(name)) {
        out.append(pair).append('&');
      }
    }
    return out.toString();
  }

  /**
   * A delta page. Tokens are change-log positions: {@code $deltatoken=N} (or {@code latest})
   * starts a round at N; {@code $skiptoken=N.offset} continues it.
   */
  private ResponseDefinitionBuilder delta(Request request, String base, String path, boolean groups) {
    String deltaToken = param(request, "$deltatoken");
    String skipToken = param(request, "$skiptoken");
    int since;
    int offset = 0;
    if ("latest".equals(deltaToken)) {
      return json(200, Map.of("@odata.context", base + "/v1.0/$metadata#users", "value", List.of(),
          "@odata.deltaLink", base + path + "?$deltatoken=" + changes.size()));
    } else if (deltaToken != null) {
      since = Integer.parseInt(deltaToken);
    } else if (skipToken != null) {
      String[] parts = skipToken.split("\\.");
      since = Integer.parseInt(parts[0]);
      offset = Integer.parseInt(parts[1]);
    } else {
      since = 0; // an initial round: everything, as Graph's first delta call returns every object
    }
    if ((deltaToken != null || skipToken != null) && since < expiredBefore) {
      return error(410, "syncStateNotFound", "The sync state is not found; start over with a new"
          + " delta query.");
    }
    List<Object> items = groups ? membershipChanges(since) : userChanges(since);
    int to = Math.min(items.size(), offset + DELTA_PAGE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", base + "/v1.0/$metadata#" + (groups ? "groups" : "users"));
    if (to < items.size()) {
      body.put("@odata.nextLink", base + path + "?$skiptoken=" + since + "." + to);
    } else {
      body.put("@odata.deltaLink", base + path + "?$deltatoken=" + changes.size());
    }
    body.put("value", new ArrayList<>(items.subList(offset, to)));
    return json(200, body);
  }

  private List<Object> userChanges(int since) {
    Map<String, Object> latest = new LinkedHashMap<>();
    for (Change c : changes.subList(Math.min(since, changes.size()), changes.size())) {
      if (c.groupId() != null) {
        continue;
      }
      TestDirectory.User u = byId.get(c.userId());
      latest.put(c.userId(), c.removed() || u == null
          ? Map.of("id", c.userId(), "@removed", Map.of("reason", "changed"))
          // delta pages may carry only the changed properties: the connector must read the rest
          : Map.of("id", u.id(), "mail", u.email()));
    }
    return new ArrayList<>(latest.values());
  }

  private List<Object> membershipChanges(int since) {
    Map<String, List<Object>> byGroup = new LinkedHashMap<>();
    for (Change c : changes.subList(Math.min(since, changes.size()), changes.size())) {
      if (c.groupId() == null) {
        continue;
      }
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("@odata.type", "#microsoft.graph.user");
      member.put("id", c.userId());
      if (c.removed()) {
        member.put("@removed", Map.of("reason", "deleted"));
      }
      byGroup.computeIfAbsent(c.groupId(), g -> new ArrayList<>()).add(member);
    }
    List<Object> out = new ArrayList<>();
    byGroup.forEach((g, members) -> out.add(Map.of("id", g, "members@delta", members)));
    return out;
  }

  private Object userJson(TestDirectory.User u) {
    Map<String, Object> user = new LinkedHashMap<>();
    int at = u.login().indexOf('@');
    String given = at > 0 ? u.login().substring(0, at) : u.login();
    user.put("id", u.id());
    user.put("userPrincipalName", u.login());
    user.put("mail", u.email());
    user.put("displayName", given + " Example");
    user.put("givenName", given);
    user.put("surname", "Example");
    user.put("accountEnabled", u.active());
    return user;
  }

  private static Object groupJson(TestDirectory.Group g) {
    return Map.of("@odata.type", "#microsoft.graph.group", "id", g.id(), "displayName", g.name());
  }

  private static @Nullable String param(Request request, String name) {
    QueryParameter p = request.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  private static ResponseDefinitionBuilder error(int status, String code, String message) {
    return json(status, Map.of("error", Map.of("code", code, "message", message, "innerError",
        Map.of("date", "2026-12-01T10:00:00", "request-id", "94fb3b52-452a-4535-a601-69e0a90e3aa2",
            "client-request-id", "94fb3b52-452a-4535-a601-69e0a90e3aa2"))));
  }

  private static ResponseDefinitionBuilder json(int status, Object body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (java.io.IOException e) { // JsonProcessingException
      throw new IllegalStateException(e);
    }
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(text);
  }
}
