package io.github.albauth.usersync.connectors.keycloak;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source compliance kit against a real Keycloak: each test gets a realm of its own, imported
 * with the kit's users and groups under the kit's ids (and deleted after it, as ids are unique
 * across realms), read through the proxy, which fails pages on demand.
 */
@ExtendWith(KeycloakServer.Extension.class)
class KeycloakSourceComplianceIT extends DirectorySourceComplianceTest {

  private static final AtomicInteger REALMS = new AtomicInteger();

  private final KeycloakAdmin admin;
  private final KeycloakProxy proxy;
  private String realm = "";

  KeycloakSourceComplianceIT(KeycloakServer server) {
    admin = new KeycloakAdmin(server.baseUri());
    proxy = KeycloakProxy.start(server.baseUri());
  }

  /** Ids are unique across realms: the next test's realm reuses the kit's. */
  @AfterEach
  void deleteRealm() {
    proxy.close();
    if (!realm.isEmpty()) {
      admin.send("DELETE", "/admin/realms/" + realm, null);
    }
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    realm = "kit-" + REALMS.incrementAndGet();
    ObjectNode representation = KeycloakAdmin.object().put("realm", realm).put("enabled", true);
    ArrayNode groups = representation.putArray("groups");
    for (TestDirectory.Group group : directory.groups()) {
      groups.addObject().put("id", group.id()).put("name", group.name())
          .put("path", "/" + group.name());
    }
    ArrayNode users = representation.putArray("users");
    for (TestDirectory.User user : directory.users()) {
      ArrayNode memberOf = users.addObject()
          .put("id", user.id())
          .put("username", user.login())
          .put("email", user.email())
          .put("enabled", user.active())
          .putArray("groups");
      directory.groups().stream().filter(g -> user.groupIds().contains(g.id()))
          .forEach(g -> memberOf.add("/" + g.name()));
    }
    TestRealm.addSyncClient(representation);
    admin.createRealm(representation);
    return RealmTestBase.source(proxy, realm).pageSize(pageSize).build();
  }

  @Override
  protected void failAfterFirstPage() {
    String users = "/admin/realms/" + realm + "/users?";
    proxy.fail(request -> request.startsWith(users) && !request.contains("first=0&"));
  }

  @Override
  protected boolean isActive(SourceUser user) {
    return Boolean.TRUE.equals(user.attributes().get("enabled"));
  }
}
