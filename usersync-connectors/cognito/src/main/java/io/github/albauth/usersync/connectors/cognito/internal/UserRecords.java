package io.github.albauth.usersync.connectors.cognito.internal;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import io.github.albauth.usersync.Usernames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * Cognito's user records as the connector hands them on, and the {@code ListUsers} filters it
 * writes. Stateless and thread-safe.
 */
public final class UserRecords {

  /** The attributes {@code ListUsers} can filter on, and so the source can look users up by. */
  public static final Set<String> FILTERABLE = Set.of("sub", "username", "email", "phone_number",
      "name", "given_name", "family_name", "preferred_username");
  /** Cognito's longest filter ({@code UserFilterType}). */
  static final int MAX_FILTER = 256;
  private static final Set<String> BOOLEANS = Set.of("email_verified", "phone_number_verified");

  private UserRecords() {}

  /**
   * The record of a listed user: Cognito's fields as the API returns them ({@code Username},
   * {@code Enabled}, {@code UserStatus}, {@code UserCreateDate}, {@code UserLastModifiedDate} as
   * ISO-8601, {@code Attributes} as a list of {@code Name}/{@code Value} objects, the shape the
   * {@code cognito} mapping preset reads), and each attribute once more under its own name
   * ({@code email}, {@code custom:department}), with {@code email_verified} and {@code
   * phone_number_verified} as booleans.
   *
   * @param user the user, as ListUsers or ListUsersInGroup return it
   * @return the source user, whose id is the immutable {@code sub}
   * @throws UserSyncException when Cognito returned a user without {@code sub}
   */
  public static SourceUser toSourceUser(UserType user) {
    Map<String, Object> record = new LinkedHashMap<>();
    put(record, "Username", user.username());
    put(record, "Enabled", user.enabled());
    put(record, "UserStatus", user.userStatusAsString());
    put(record, "UserCreateDate", iso(user.userCreateDate()));
    put(record, "UserLastModifiedDate", iso(user.userLastModifiedDate()));
    List<Map<String, String>> attributes = new ArrayList<>();
    String sub = null;
    for (AttributeType a : user.attributes()) {
      if (a.name() == null || a.value() == null) {
        continue;
      }
      attributes.add(Map.of("Name", a.name(), "Value", a.value()));
      record.putIfAbsent(a.name(), BOOLEANS.contains(a.name()) ? Boolean.valueOf(a.value()) : a.value());
      if (a.name().equals("sub")) {
        sub = a.value();
      }
    }
    record.put("Attributes", attributes);
    if (sub == null || sub.isBlank()) {
      throw new UserSyncException(Reason.SOURCE_FAILED, "Cognito returned user "
          + Calls.escape(String.valueOf(user.username())) + " without a sub attribute; the"
          + " listing is not what the API documents, so it is not trusted");
    }
    return SourceUser.of(sub, record);
  }

  private static void put(Map<String, Object> record, String name, @Nullable Object value) {
    if (value != null) {
      record.put(name, value);
    }
  }

  private static @Nullable String iso(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * Writes a {@code ListUsers} filter that matches one attribute exactly: the value quoted, with
   * its backslashes and quotation marks escaped as Cognito documents, so a value cannot end the
   * quotation and change the filter.
   *
   * @param attribute a {@link #FILTERABLE} attribute
   * @param value the value
   * @param what what the value is, for the message
   * @return e.g. {@code email = "ann@example.com"}
   * @throws UserSyncException ({@link Reason#INVALID_USER}) when the value holds a control, bidi
   *     or zero-width character, or the filter would exceed Cognito's 256 characters
   */
  public static String exactFilter(String attribute, String value, String what) {
    Usernames.Result checked = Usernames.canonicalize(value);
    if (checked.refusal() != null && checked.refusal() != Usernames.Refusal.BLANK) {
      throw new UserSyncException(Reason.INVALID_USER, what + " refused before it reaches Cognito: "
          + checked.reason());
    }
    String filter = attribute + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    if (filter.length() > MAX_FILTER) {
      throw new UserSyncException(Reason.INVALID_USER, what + " is " + value.length()
          + " characters, too long for a Cognito filter (at most " + MAX_FILTER + " in all)");
    }
    return filter;
  }
}
