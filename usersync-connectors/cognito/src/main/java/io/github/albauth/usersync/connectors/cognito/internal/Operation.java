package io.github.albauth.usersync.connectors.cognito.internal;

import io.github.albauth.usersync.connectors.cognito.CognitoQuota;

/**
 * The Cognito operations the connector calls, each with its request-rate category. The IAM
 * policies in docs/connectors/cognito.md list exactly these actions (a test checks that the
 * operations a run records match the policy of its direction).
 */
public enum Operation {
  /** List users, paged, or find them by a filter. */
  ListUsers(CognitoQuota.USER_LIST),
  /** List a group's members, paged. */
  ListUsersInGroup(CognitoQuota.USER_LIST),
  /** List the pool's groups, paged. */
  ListGroups(CognitoQuota.USER_POOL_RESOURCE_READ),
  /** Read one group. */
  GetGroup(CognitoQuota.USER_POOL_RESOURCE_READ),
  /** Create a group. */
  CreateGroup(CognitoQuota.USER_POOL_RESOURCE_UPDATE),
  /** Delete a group (the second half of a rename). */
  DeleteGroup(CognitoQuota.USER_POOL_RESOURCE_UPDATE),
  /** Read one user. */
  AdminGetUser(CognitoQuota.USER_READ),
  /** List the groups of a user. */
  AdminListGroupsForUser(CognitoQuota.USER_RESOURCE_READ),
  /** Create a user. */
  AdminCreateUser(CognitoQuota.USER_CREATION),
  /** Set or change attributes. */
  AdminUpdateUserAttributes(CognitoQuota.USER_UPDATE),
  /** Remove attributes. */
  AdminDeleteUserAttributes(CognitoQuota.USER_UPDATE),
  /** Deactivate a user. */
  AdminDisableUser(CognitoQuota.USER_UPDATE),
  /** Reactivate a user. */
  AdminEnableUser(CognitoQuota.USER_UPDATE),
  /** Delete a user (only when deletion is configured). */
  AdminDeleteUser(CognitoQuota.USER_UPDATE),
  /** Set a host-supplied password. */
  AdminSetUserPassword(CognitoQuota.USER_ACCOUNT_RECOVERY),
  /** Add a user to a group. */
  AdminAddUserToGroup(CognitoQuota.USER_RESOURCE_UPDATE),
  /** Remove a user from a group. */
  AdminRemoveUserFromGroup(CognitoQuota.USER_RESOURCE_UPDATE);

  private final CognitoQuota quota;

  Operation(CognitoQuota quota) {
    this.quota = quota;
  }

  /** {@return the request-rate category the operation counts against} */
  public CognitoQuota quota() {
    return quota;
  }

  /** {@return the IAM action, e.g. {@code cognito-idp:ListUsers}} */
  public String iamAction() {
    return "cognito-idp:" + name();
  }
}
