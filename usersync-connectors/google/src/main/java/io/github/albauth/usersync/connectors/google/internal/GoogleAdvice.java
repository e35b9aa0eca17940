package io.github.albauth.usersync.connectors.google.internal;

import io.github.albauth.usersync.connectors.support.ApiClient;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to fix when Google refuses, in the admin's terms: the token endpoint's OAuth errors
 * (https://developers.google.com/identity/protocols/oauth2/service-account#error-codes) and the
 * Directory API's reasons (https://developers.google.com/workspace/admin/directory/v1/limits,
 * https://cloud.google.com/apis/design/errors). Stateless and thread-safe.
 */
public final class GoogleAdvice {

  private GoogleAdvice() {}

  /**
   * Advice on a refused token request.
   *
   * @param clientEmail the service account
   * @param clientId its numeric client id, or null when the key file has none
   * @param subject the admin it acts as
   * @param scopes the scopes it asks for
   * @return the advice
   */
  public static ApiClient.Advice token(String clientEmail, @Nullable String clientId,
      String subject, List<String> scopes) {
    String delegation = "in the Admin console (as a super admin), Security → Access and data control"
        + " → API controls → Manage Domain Wide Delegation, add (or edit) client ID "
        + (clientId != null ? clientId : "(the service account's numeric client ID, under Advanced"
            + " settings in the Cloud console)")
        + " of " + clientEmail + " with the OAuth scopes " + String.join(",", scopes)
        + "; a change can take some minutes, at times up to 24 hours, to apply";
    return (status, code, message) -> {
      if (code == null) {
        return null;
      }
      String description = message == null ? "" : message;
      return switch (code) {
        case "unauthorized_client", "access_denied" ->
            "domain-wide delegation is missing for this service account or lacks a scope: "
                + delegation;
        case "invalid_grant" -> invalidGrant(description, clientEmail, subject);
        case "invalid_client" -> "Google does not know the service account " + clientEmail
            + " or its key: it was deleted; create a new JSON key (or restore the account)";
        case "disabled_client" -> "the service account " + clientEmail + " is disabled; enable"
            + " it in the Cloud console (IAM & Admin → Service accounts)";
        case "admin_policy_enforced" -> "a Workspace policy blocks " + subject + " from this"
            + " access: check the API access controls for the admin's organizational unit";
        default -> null;
      };
    };
  }

  private static String invalidGrant(String description, String clientEmail, String subject) {
    if (description.contains("Invalid email or User ID") || description.contains("Not a valid email")
        || description.contains("account not found")) {
      return "Google knows no user " + subject + "; set albauth.google.subject to the primary"
          + " address of an existing admin of the Workspace account";
    }
    if (description.contains("Invalid JWT Signature")) {
      return "the key was deleted or replaced; create a new JSON key for " + clientEmail
          + " and configure it";
    }
    if (description.contains("short-lived") || description.contains("timeframe")) {
      return "the assertion's times were refused: this machine's clock is off; synchronise it"
          + " (NTP)";
    }
    return "the key of " + clientEmail + " or the subject " + subject + " was refused; check that"
        + " the key is current and that the subject is an existing, unsuspended admin";
  }

  /**
   * Advice on a refused Directory API call.
   *
   * @param subject the admin the service account acts as
   * @param scopes the scopes the token has
   * @return the advice
   */
  public static ApiClient.Advice api(String subject, List<String> scopes) {
    return (status, code, message) -> {
      if (code == null) {
        return null;
      }
      return switch (code) {
        case "forbidden" -> subject + " may not read this: give it the Super Admin role, or an"
            + " admin role with the Admin API privileges Users → Read and Groups → Read (Admin"
            + " console → Account → Admin roles); and check that albauth.google.customer,"
            + " .domain and .groups name this Workspace account's";
        case "accessNotConfigured", "SERVICE_DISABLED" -> "the Admin SDK API is off in the"
            + " service account's Cloud project: enable it (APIs & Services → Library → Admin"
            + " SDK API), then wait a few minutes";
        case "insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT" -> "the access token"
            + " lacks a scope: domain-wide delegation must list " + String.join(",", scopes);
        case "authError" -> "Google refused the access token twice; check that the service"
            + " account and its key still exist";
        case "dailyLimitExceeded" -> "the project's Admin SDK API quota is"
            + " spent; see Quotas for the Admin SDK API in the Cloud console, or try later";
        case "notFound" -> "not found; check the group ids or addresses in albauth.google.groups"
            + " and albauth.google.domain";
        case "invalid", "badRequest" -> "Google refused the request; check albauth.google.customer"
            + " (my_customer or the C0… id), .domain and .custom-schemas";
        default -> null;
      };
    };
  }
}
