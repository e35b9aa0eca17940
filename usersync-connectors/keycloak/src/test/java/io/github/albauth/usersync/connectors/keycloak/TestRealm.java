package io.github.albauth.usersync.connectors.keycloak;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A realm for the integration tests, created through the admin API in one request: {@code teams}
 * top-level groups {@code team-NN}, each with the subgroups {@code dev} and {@code ops}; {@code
 * users} users {@code user-NNNN} (every tenth disabled, each with an {@code employeeNumber}
 * attribute), user {@code i} a member of {@code team-(i % teams)} and, every other round of
 * teams ({@link #inDev}), of its {@code dev} subgroup; and the confidential client {@link #CLIENT_ID} whose service account
 * holds {@code realm-management}'s {@code view-users} role and nothing else.
 *
 * @param name the realm's name
 * @param users how many users
 * @param teams how many top-level groups
 */
record TestRealm(String name, int users, int teams) {

  static final String CLIENT_ID = "albauth-sync";

  static final String CLIENT_SECRET = "albauth-sync-secret";

  static String username(int i) {
    return String.format(Locale.ROOT, "user-%04d", i);
  }

  static String email(int i) {
    return username(i) + "@acme.example";
  }

  static String team(int i) {
    return String.format(Locale.ROOT, "team-%02d", i);
  }

  boolean inDev(int i) {
    return (i / teams) % 2 == 0;
  }

  /**
   * Adds the client {@link #CLIENT_ID} to a realm representation (after its users, if any), with a
   * service account that holds {@code realm-management}'s {@code view-users} and nothing else.
   */
  static void addSyncClient(ObjectNode realm) {
    ArrayNode users = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
    ObjectNode serviceAccount = users.addObject()
        .put("username", "service-account-" + CLIENT_ID)
        .put("enabled", true)
        .put("serviceAccountClientId", CLIENT_ID);
    serviceAccount.putObject("clientRoles").putArray("realm-management").add("view-users");
    realm.putArray("clients").addObject()
        .put("clientId", CLIENT_ID)
        .put("enabled", true)
        .put("publicClient", false)
        .put("secret", CLIENT_SECRET)
        .put("serviceAccountsEnabled", true)
        .put("standardFlowEnabled", false)
        .put("directAccessGrantsEnabled", false);
  }

  /** Creates the realm on the server. */
  void create(KeycloakAdmin admin) {
    ObjectNode realm = KeycloakAdmin.object()
        .put("realm", name)
        .put("enabled", true)
        .put("editUsernameAllowed", true); // else Keycloak refuses to rename users
    ArrayNode groups = realm.putArray("groups");
    for (int t = 0; t < teams; t++) {
      ObjectNode team = groups.addObject().put("name", team(t)).put("path", "/" + team(t));
      ArrayNode subGroups = team.putArray("subGroups");
      for (String sub : new String[] {"dev", "ops"}) {
        subGroups.addObject().put("name", sub).put("path", "/" + team(t) + "/" + sub);
      }
    }
    ArrayNode userList = realm.putArray("users");
    for (int i = 0; i < users; i++) {
      ObjectNode user = userList.addObject()
          .put("username", username(i))
          .put("email", email(i))
          .put("emailVerified", true)
          .put("firstName", "First" + i)
          .put("lastName", "Last" + i)
          .put("enabled", i % 10 != 9);
      user.putObject("attributes").putArray("employeeNumber").add("E" + i);
      ArrayNode memberOf = user.putArray("groups").add("/" + team(i % teams));
      if (inDev(i)) {
        memberOf.add("/" + team(i % teams) + "/dev");
      }
    }
    addSyncClient(realm);
    admin.createRealm(realm);
  }
}
