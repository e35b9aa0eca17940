package io.github.albauth.usersync.connectors.keycloak.internal;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.support.ApiClient;
import io.github.albauth.usersync.connectors.support.Records;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Keycloak Admin REST API calls the connector makes, each one request, through the shared
 * {@link ApiClient} (timeouts, retries, the service account's token).
 *
 * <p>Thread-safe.
 */
public final class AdminApi {

  /** One group as a listing shows it. */
  public record Group(String id, String path, long subGroupCount) {}

  private final ApiClient client;
  private final String base;

  /**
   * Creates the API.
   *
   * @param client the client, authorised as the service account
   * @param server the server's root, without a trailing slash
   * @param realm the realm
   */
  public AdminApi(ApiClient client, String server, String realm) {
    this.client = client;
    this.base = server + "/admin/realms/" + Records.segment(realm);
  }

  /**
   * {@return the token endpoint of a realm}
   *
   * @param server the server's root, without a trailing slash
   * @param realm the realm
   */
  public static URI tokenEndpoint(String server, String realm) {
    return URI.create(server + "/realms/" + Records.segment(realm) + "/protocol/openid-connect/token");
  }

  /**
   * {@return a page of the realm's users, full records, sorted by username}
   *
   * @param first the first position
   * @param max how many at most
   */
  public List<SourceUser> users(int first, int max) {
    return list("list users", "/users", AdminApi::user,
        "briefRepresentation", "false", "first", first, "max", max);
  }

  /**
   * {@return a page of a group's direct members, sorted by username}
   *
   * @param groupId the group's id
   * @param full whether to read full records (with attributes) or brief ones
   * @param first the first position
   * @param max how many at most
   */
  public List<SourceUser> members(String groupId, boolean full, int first, int max) {
    return list("list group members", "/groups/" + Records.segment(groupId) + "/members", AdminApi::user,
        "briefRepresentation", full ? "false" : "true", "first", first, "max", max);
  }

  /**
   * {@return a page of the top-level groups, sorted by name}
   *
   * @param first the first position
   * @param max how many at most
   */
  public List<Group> topGroups(int first, int max) {
    return list("list groups", "/groups", AdminApi::group,
        "briefRepresentation", "true", "first", first, "max", max);
  }

  /**
   * {@return a page of a group's subgroups, sorted by name}
   *
   * @param groupId the parent's id
   * @param first the first position
   * @param max how many at most
   */
  public List<Group> subGroups(String groupId, int first, int max) {
    return list("list subgroups", "/groups/" + Records.segment(groupId) + "/children", AdminApi::group,
        "briefRepresentation", "true", "first", first, "max", max);
  }

  /**
   * {@return a page of the groups a user is a direct member of}
   *
   * @param userId the user's id
   * @param first the first position
   * @param max how many at most
   */
  public List<Group> groupsOf(String userId, int first, int max) {
    return list("list user groups", "/users/" + Records.segment(userId) + "/groups", AdminApi::group,
        "briefRepresentation", "true", "first", first, "max", max);
  }

  /**
   * {@return the user with this id, or empty when there is none}
   *
   * @param id the user's id
   */
  public Optional<SourceUser> user(String id) {
    return client.findObject("get user", uri("/users/" + Records.segment(id)), Map.of())
        .map(AdminApi::user);
  }

  /**
   * {@return the users whose {@code username} or {@code email} is exactly the value}
   *
   * @param parameter {@code username} or {@code email}
   * @param value the value
   */
  public List<SourceUser> usersWhere(String parameter, String value) {
    return list("find users by " + parameter, "/users", AdminApi::user,
        parameter, value, "exact", "true", "briefRepresentation", "false");
  }

  /**
   * {@return the group at this path, or empty when there is none}
   *
   * @param path the group's path, such as {@code /staff/engineering}
   */
  public Optional<Group> groupByPath(String path) {
    StringJoiner encoded = new StringJoiner("/");
    for (String name : path.substring(1).split("/", -1)) {
      encoded.add(Records.segment(name));
    }
    return client.findObject("get group by path", uri("/group-by-path/" + encoded), Map.of())
        .map(AdminApi::group);
  }

  /** {@return how many users the realm has, service accounts not counted (as in the listing)} */
  public long userCount() {
    return client.getCount("count users", uri("/users/count"), Map.of());
  }

  private <T> List<T> list(String call, String path,
      Function<Map<String, @Nullable Object>, T> item, Object... query) {
    return client.getPage(call, uri(path, query), Map.of(), null, item).items();
  }

  private URI uri(String path, Object... query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (int i = 0; i < query.length; i += 2) {
      q.add(query[i] + "=" + URLEncoder.encode(String.valueOf(query[i + 1]), StandardCharsets.UTF_8));
    }
    return URI.create(base + path + q);
  }

  private static SourceUser user(Map<String, @Nullable Object> record) {
    return SourceUser.of(Records.id(record), record);
  }

  private static Group group(Map<String, @Nullable Object> record) {
    Object count = record.get("subGroupCount");
    return new Group(Records.id(record), text(record, "path"),
        count instanceof Number n ? n.longValue() : 0);
  }

  private static String text(Map<String, @Nullable Object> record, String field) {
    if (record.get(field) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw new IllegalArgumentException("a record without \"" + field + "\"");
  }
}
