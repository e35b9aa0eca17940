package io.github.albauth.usersync.connectors.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The round trips of full syncs of a realm of a few thousand users (benchmarks/README.md): the
 * requests made, by kind, against the minimum, and the time Keycloak took to answer them. Opt-in,
 * as it takes minutes on two cores:
 *
 * <pre>
 * ./mvnw -B -pl usersync-connectors/keycloak -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=KeycloakRoundTripsIT -Dkeycloak.roundtrips.users=3000
 * </pre>
 *
 * <p>The numbers are printed to {@code target/failsafe-reports/…KeycloakRoundTripsIT-output.txt}.
 */
@ExtendWith(KeycloakServer.Extension.class)
class KeycloakRoundTripsIT {

  static final int TEAMS = 50;
  static final int PAGE = 100;

  @Test
  void countsTheRequestsOfFullSyncs(KeycloakServer server) {
    int users = Integer.getInteger("keycloak.roundtrips.users", 0);
    Assumptions.assumeTrue(users > 0,
        "round trips are measured on demand: -Dkeycloak.roundtrips.users=3000");
    KeycloakAdmin admin = new KeycloakAdmin(server.baseUri());
    TestRealm realm = new TestRealm("bench", users, TEAMS);
    long created = System.nanoTime();
    realm.create(admin);
    System.out.printf("realm of %d users and %d groups created in %d ms%n", users, 3 * TEAMS,
        (System.nanoTime() - created) / 1_000_000);
    try (KeycloakProxy proxy = KeycloakProxy.start(server.baseUri())) {
      KeycloakSource source = RealmTestBase.source(proxy, realm.name()).pageSize(PAGE).build();
      SyncEngine engine = SyncEngine.builder()
          .store(new InMemoryUserStore())
          .source(source)
          .mapper(AttributeMapping.builder().preset(DirectoryPreset.KEYCLOAK).build())
          .syncGroups()
          .build();
      int groupMemberPages = 0;
      for (int t = 0; t < TEAMS; t++) {
        int team = 0;
        int dev = 0;
        for (int i = t; i < users; i += TEAMS) {
          team++;
          dev += realm.inDev(i) ? 1 : 0;
        }
        groupMemberPages += team / PAGE + 1 + dev / PAGE + 1 + 1; // overlap by one; ops is empty
      }
      int minimum = 1 + users / PAGE + 1 + 1 + TEAMS + groupMemberPages; // token, users, groups
      for (String run : new String[] {"first (creates everyone)", "second (nothing changed)"}) {
        proxy.reset();
        SyncReport report = engine.fullSync("benchmark");
        assertThat(report.status()).as(report.message()).isEqualTo(SyncReport.Status.SUCCEEDED);
        Map<String, Integer> counts = proxy.counts();
        System.out.printf("%s full sync: %d ms, %d requests (minimum %d, token included in the"
            + " first): %s; Keycloak answered in %s ms%n", run, report.duration().toMillis(),
            proxy.total(), minimum, counts, proxy.millis());
        assertThat(counts).containsEntry("GET /users", users / PAGE + 1)
            .containsEntry("GET /groups/{id}/members", groupMemberPages)
            .doesNotContainKey("GET /users/{id}");
      }
      // the connector alone, without the engine or the proxy: the listing, then groups and members
      KeycloakSource direct = KeycloakSource.builder().serverUrl(server.baseUri()).realm(realm.name())
          .clientId(TestRealm.CLIENT_ID).clientSecret(TestRealm.CLIENT_SECRET).pageSize(PAGE).build();
      long start = System.nanoTime();
      long listed;
      try (Stream<SourceUser> all = direct.users()) {
        listed = all.count();
      }
      long usersMillis = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      long memberships = 0;
      try (Stream<SourceGroup> groups = direct.groups()) {
        for (SourceGroup group : (Iterable<SourceGroup>) groups::iterator) {
          try (Stream<String> members = direct.memberIds(group.id())) {
            memberships += members.count();
          }
        }
      }
      System.out.printf("the connector alone: %d users listed in %d ms (token included), %d"
          + " memberships of %d groups in %d ms%n", listed, usersMillis, memberships, 3 * TEAMS,
          (System.nanoTime() - start) / 1_000_000);
      assertThat(listed).isEqualTo(users);
    }
  }
}
