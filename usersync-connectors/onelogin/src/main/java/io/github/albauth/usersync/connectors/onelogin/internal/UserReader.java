package io.github.albauth.usersync.connectors.onelogin.internal;

import io.github.albauth.usersync.SourceUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads OneLogin API v2 user records (https://developers.onelogin.com/api-docs/2/users/get-user)
 * into {@link SourceUser}s: checks the types of the fields the sync relies on ({@code id}, {@code
 * status}, {@code state}, {@code role_ids}) so that a record of the wrong shape fails its page
 * instead of passing for something it is not (a {@code "2"} status would count as active), keeps
 * the same fields whether a user was listed or looked up, and says whether a user is in the roles
 * in scope.
 *
 * <p>Immutable and thread-safe.
 */
public final class UserReader {

  /** The field holding a user's custom attributes (an object of short name to value). */
  public static final String CUSTOM_ATTRIBUTES = "custom_attributes";

  /**
   * The fields of the user resource the connector delivers: {@code GET /api/2/users} returns
   * {@code role_ids} and {@code custom_attributes} only when asked for with {@code fields}.
   */
  private static final List<String> FIELDS = List.of("id", "username", "email", "firstname",
      "lastname", "title", "department", "company", "comment", "phone", "state", "status",
      "role_ids", "group_id", "directory_id", "trusted_idp_id", "external_id", "manager_ad_id",
      "manager_user_id", "samaccountname", "member_of", "userprincipalname", "distinguished_name",
      "preferred_locale_code", "created_at", "updated_at", "activated_at", "last_login",
      "invitation_sent_at", "invalid_login_attempts", "locked_until", "password_changed_at");

  private final List<String> fields;
  private final Set<String> delivered;
  private final Set<String> rolesInScope;

  /**
   * Creates a reader.
   *
   * @param customAttributes whether records keep their {@code custom_attributes}
   * @param rolesInScope ids of the roles whose members are in scope; empty: every user
   */
  public UserReader(boolean customAttributes, Set<String> rolesInScope) {
    List<String> all = new ArrayList<>(FIELDS);
    if (customAttributes) {
      all.add(CUSTOM_ATTRIBUTES);
    }
    this.fields = List.copyOf(all);
    this.delivered = Set.copyOf(all);
    this.rolesInScope = Set.copyOf(rolesInScope);
  }

  /** {@return the value of the {@code fields} query parameter: the fields delivered, comma-separated} */
  public String fieldsParameter() {
    return String.join(",", fields);
  }

  /**
   * Reads a user record.
   *
   * @param record the JSON object (changed: fields beyond the delivered ones are removed)
   * @return the user
   * @throws IllegalArgumentException when {@code id}, {@code status}, {@code state} or {@code
   *     role_ids} has the wrong type (inside a page mapping, this fails the call as a malformed
   *     response)
   */
  public SourceUser toUser(Map<String, @Nullable Object> record) {
    String id = id(record, "id");
    code(record, "status");
    code(record, "state");
    checkRoleIds(record);
    record.keySet().retainAll(delivered);
    return SourceUser.of(id, record);
  }

  /**
   * Whether a user read by {@link #toUser} is in scope.
   *
   * @param user the user
   * @return true without roles in scope, else whether one of its {@code role_ids} is in scope
   */
  public boolean inScope(SourceUser user) {
    if (rolesInScope.isEmpty()) {
      return true;
    }
    Object roles = user.attributes().get("role_ids");
    if (roles instanceof Collection<?> ids) {
      for (Object role : ids) {
        if (role != null && rolesInScope.contains(role.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Reads a OneLogin id: a positive JSON integer, as OneLogin sends ids, or a non-blank text (taken
   * as it is).
   *
   * @param record the JSON object
   * @param field the id's field
   * @return the id as text
   * @throws IllegalArgumentException when the field is missing or of another type
   */
  public static String id(Map<String, ?> record, String field) {
    return idOf(record.get(field), "\"" + field + "\"");
  }

  private static String idOf(@Nullable Object id, String what) {
    if ((id instanceof Integer || id instanceof Long) && ((Number) id).longValue() > 0) {
      return id.toString();
    }
    if (id instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("a record whose " + what + " is " + kind(id)
        + ", not a OneLogin id");
  }

  private static void code(Map<String, ?> record, String field) {
    Object code = record.get(field);
    if (code != null && !(code instanceof Integer) && !(code instanceof Long)) {
      throw new IllegalArgumentException("a user whose \"" + field + "\" is " + kind(code)
          + ", not one of OneLogin's integer codes");
    }
  }

  private static void checkRoleIds(Map<String, ?> record) {
    Object roles = record.get("role_ids");
    if (roles == null) {
      return;
    }
    if (!(roles instanceof List<?> list)) {
      throw new IllegalArgumentException("a user whose \"role_ids\" is " + kind(roles)
          + ", not a list of role ids");
    }
    for (Object role : list) {
      idOf(role, "role id");
    }
  }

  /** What a value is, without the value: records are the IdP's (or an attacker's) text. */
  private static String kind(@Nullable Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof String s) {
      return s.isBlank() ? "blank" : "a text";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return value instanceof Integer || value instanceof Long ? "a number below 1"
          : "a number that is not a small integer";
    }
    return value instanceof Map ? "an object" : "a list";
  }
}
