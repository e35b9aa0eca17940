package io.github.albauth.usersync.connectors.entra;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.DeltaPage;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.entra.simulation.GraphSimulation;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source compliance kit against the WireMock simulation of Microsoft Graph. */
class EntraSourceComplianceTest extends DirectorySourceComplianceTest {

  static final GraphSimulation GRAPH = new GraphSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(GRAPH)).build();

  /** Fast retries: the kit's failures must end the listing quickly. */
  static HttpSettings fastRetries() {
    return HttpSettings.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5)).build();
  }

  static EntraConfig.Builder config(String baseUrl) {
    URI base = URI.create(baseUrl);
    return EntraConfig.builder().tenantId("contoso.onmicrosoft.com")
        .clientId("00001111-aaaa-2222-bbbb-3333cccc4444").clientSecret("test-secret")
        .baseUrls(base, base).http(fastRetries());
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    GRAPH.serve(server, directory);
    return EntraSource.create(config(server.baseUrl()).pageSize(pageSize).build());
  }

  @Override
  protected void failAfterFirstPage() {
    GRAPH.failUserPagesAfterFirst();
  }

  @Override
  protected boolean isActive(SourceUser user) {
    return Boolean.TRUE.equals(user.attributes().get("accountEnabled"));
  }

  @Override
  protected String emailAttribute() {
    return "mail";
  }

  @Override
  protected void changeTo(TestDirectory after) {
    GRAPH.changeTo(after);
  }

  @Override
  protected boolean expireDeltaTokens() {
    GRAPH.expireDeltaTokens();
    return true;
  }

  @Test
  void groupsInScopeLimitListingsLookupsGroupsAndDeltas() {
    TestDirectory d = sevenUsers();
    GRAPH.serve(server, d);
    EntraSource source = EntraSource.create(config(server.baseUrl()).groupsInScope("g2").pageSize(1).build());

    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.map(SourceUser::id)).containsExactly("u3", "u4");
    }
    assertThat(source.checkListing().complete()).isTrue();
    assertThat(source.checkListing().expectedUsers()).isEmpty();
    assertThat(source.lookupById("u4")).isPresent();
    assertThat(source.lookupById("u1")).as("outside the groups in scope").isEmpty();
    assertThat(source.lookup("userPrincipalName", "user3@example.com")).isPresent();
    try (Stream<SourceGroup> groups = source.groups()) {
      assertThat(groups.map(SourceGroup::name)).containsExactly("Sales");
    }

    String token = source.currentDeltaToken();
    List<TestDirectory.User> users = new ArrayList<>();
    for (TestDirectory.User u : d.users()) {
      users.add(switch (u.id()) {
        case "u1" -> new TestDirectory.User("u1", u.login(), u.email(), true, Set.of("g1", "g2"));
        case "u4" -> new TestDirectory.User("u4", u.login(), u.email(), true, Set.of());
        case "u7" -> u.withEmail("changed@example.com"); // changed, but not in scope
        default -> u;
      });
    }
    GRAPH.changeTo(new TestDirectory(users, d.groups()));
    Set<String> changed = new HashSet<>();
    Set<String> removed = new HashSet<>();
    String cursor = token;
    DeltaPage page;
    do {
      page = source.changes(cursor);
      page.changed().forEach(u -> changed.add(u.id()));
      removed.addAll(page.removedIds());
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(page.deltaToken()).contains(" "); // users and groups delta links
    assertThat(changed).containsExactly("u1");
    assertThat(removed).contains("u4", "u7");
  }
}
