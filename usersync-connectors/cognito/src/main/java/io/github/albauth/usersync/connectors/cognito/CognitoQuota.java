package io.github.albauth.usersync.connectors.cognito;

/**
 * The request-rate categories of the Amazon Cognito user pools API that this connector calls, with
 * their documented default quotas ("Amazon Cognito user pools API operation categories and request
 * rate quotas", https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html). A quota is
 * per AWS account and Region, shared by every caller; the connector paces its calls per category
 * so that a sync stays below it rather than provoking {@code TooManyRequestsException}.
 *
 * <table>
 *   <caption>Categories, the operations the connector calls in each, and the default quota</caption>
 *   <tr><th>category</th><th>operations</th><th>requests per second</th></tr>
 *   <tr><td>UserCreation</td><td>AdminCreateUser</td><td>50</td></tr>
 *   <tr><td>UserAccountRecovery</td><td>AdminSetUserPassword</td><td>30</td></tr>
 *   <tr><td>UserRead</td><td>AdminGetUser</td><td>120</td></tr>
 *   <tr><td>UserUpdate</td><td>AdminUpdateUserAttributes, AdminDeleteUserAttributes,
 *       AdminDisableUser, AdminEnableUser, AdminDeleteUser</td><td>25</td></tr>
 *   <tr><td>UserResourceRead</td><td>AdminListGroupsForUser</td><td>50</td></tr>
 *   <tr><td>UserResourceUpdate</td><td>AdminAddUserToGroup, AdminRemoveUserFromGroup</td>
 *       <td>25</td></tr>
 *   <tr><td>UserList</td><td>ListUsers, ListUsersInGroup</td><td>30</td></tr>
 *   <tr><td>UserPoolResourceRead</td><td>ListGroups, GetGroup</td><td>20, and 5 per operation
 *       and user pool</td></tr>
 *   <tr><td>UserPoolResourceUpdate</td><td>CreateGroup, DeleteGroup</td><td>15, and 5 per
 *       operation and user pool</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum CognitoQuota {
  /** {@code UserCreation}: AdminCreateUser, 50 per second. */
  USER_CREATION("UserCreation", 50, false),
  /** {@code UserAccountRecovery}: AdminSetUserPassword, 30 per second. */
  USER_ACCOUNT_RECOVERY("UserAccountRecovery", 30, false),
  /** {@code UserRead}: AdminGetUser, 120 per second. */
  USER_READ("UserRead", 120, false),
  /** {@code UserUpdate}: attribute updates, enable, disable, delete; 25 per second. */
  USER_UPDATE("UserUpdate", 25, false),
  /** {@code UserResourceRead}: AdminListGroupsForUser, 50 per second. */
  USER_RESOURCE_READ("UserResourceRead", 50, false),
  /** {@code UserResourceUpdate}: group memberships, 25 per second. */
  USER_RESOURCE_UPDATE("UserResourceUpdate", 25, false),
  /** {@code UserList}: ListUsers, ListUsersInGroup, 30 per second. */
  USER_LIST("UserList", 30, false),
  /** {@code UserPoolResourceRead}: ListGroups, GetGroup; 20 per second, 5 per operation and pool. */
  USER_POOL_RESOURCE_READ("UserPoolResourceRead", 20, true),
  /** {@code UserPoolResourceUpdate}: CreateGroup, DeleteGroup; 15, 5 per operation and pool. */
  USER_POOL_RESOURCE_UPDATE("UserPoolResourceUpdate", 15, true);

  /** What Cognito allows each operation of a per-pool category, per user pool and second. */
  public static final int PER_POOL_OPERATION_QUOTA = 5;

  private final String category;
  private final int documentedQuota;
  private final boolean perPoolOperationLimit;

  CognitoQuota(String category, int documentedQuota, boolean perPoolOperationLimit) {
    this.category = category;
    this.documentedQuota = documentedQuota;
    this.perPoolOperationLimit = perPoolOperationLimit;
  }

  /** {@return the category as AWS names it, e.g. {@code UserList}} */
  public String category() {
    return category;
  }

  /** {@return the documented default quota of the category, requests per second per account} */
  public int documentedQuota() {
    return documentedQuota;
  }

  /**
   * {@return whether each operation of the category is also limited to {@link
   * #PER_POOL_OPERATION_QUOTA} requests per second and user pool}
   */
  public boolean perPoolOperationLimit() {
    return perPoolOperationLimit;
  }

  /**
   * Finds a category by its AWS name ({@code UserList}, any case) or constant name ({@code
   * USER_LIST}).
   *
   * @param name the name
   * @return the category
   * @throws IllegalArgumentException naming the categories when none matches
   */
  public static CognitoQuota of(String name) {
    for (CognitoQuota q : values()) {
      if (q.category.equalsIgnoreCase(name.strip()) || q.name().equalsIgnoreCase(name.strip())) {
        return q;
      }
    }
    StringBuilder known = new StringBuilder();
    for (CognitoQuota q : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(q.category);
    }
    throw new IllegalArgumentException("\"" + name + "\" is not a Cognito request-rate category"
        + " this connector uses; use one of " + known);
  }
}
