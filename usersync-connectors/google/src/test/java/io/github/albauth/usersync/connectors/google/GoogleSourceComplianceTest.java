package io.github.albauth.usersync.connectors.google;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.google.simulation.GoogleSimulation;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source compliance kit against the WireMock simulation of Google's Directory API. Its delta
 * tests are skipped: Google has no delta API, so {@link GoogleSource} is no {@code DeltaSource}.
 */
class GoogleSourceComplianceTest extends DirectorySourceComplianceTest {

  static final GoogleSimulation GOOGLE = new GoogleSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(GOOGLE)).build();

  /** Fast retries: the kit's failures must end the listing quickly. */
  static HttpSettings fastRetries() {
    return HttpSettings.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5)).build();
  }

  /** A configuration against a simulation, whose key it uses. */
  static GoogleConfig.Builder config(GoogleSimulation google, String baseUrl) {
    return GoogleConfig.builder()
        .serviceAccountKey(google.keyFile(baseUrl))
        .subject("sync-admin@example.com")
        .apiUrl(URI.create(baseUrl))
        .http(fastRetries());
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    GOOGLE.serve(server, directory);
    return GoogleSource.create(config(GOOGLE, server.baseUrl())
        .userPageSize(pageSize)
        .groupPageSize(pageSize)
        .memberPageSize(pageSize)
        .build());
  }

  @Override
  protected void failAfterFirstPage() {
    GOOGLE.failUserPagesAfterFirst();
  }

  @Override
  protected boolean isActive(SourceUser user) {
    return GoogleUserState.of(user.attributes()).active();
  }

  @Test
  void groupsInScopeLimitListingsLookupsAndGroups() {
    TestDirectory d = sevenUsers();
    GOOGLE.serve(server, d);
    GoogleSource source = GoogleSource.create(config(GOOGLE, server.baseUrl())
        .groupsInScope("g1", "g2@groups.example.com").memberPageSize(2).userPageSize(2).build());

    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.map(SourceUser::id)).containsExactly("u1", "u2", "u3", "u4");
    }
    assertThat(source.checkListing().complete()).isTrue();
    assertThat(source.lookupById("u4")).isPresent();
    assertThat(source.lookupById("u5")).as("outside the groups in scope").isEmpty();
    assertThat(source.lookup("email", d.user("u7").email())).isEmpty();
    try (Stream<SourceGroup> groups = source.groups()) {
      assertThat(groups.map(SourceGroup::name)).containsExactly("Engineering", "Sales");
    }
  }

  @Test
  void aDomainLimitsListingsAndLookups() {
    TestDirectory seven = sevenUsers();
    java.util.List<TestDirectory.User> users = new java.util.ArrayList<>(seven.users());
    users.add(new TestDirectory.User("u8", "ann@subsidiary.example.net", "ann.mail@example.com",
        true, java.util.Set.of()));
    GOOGLE.serve(server, new TestDirectory(users, seven.groups()));
    GoogleSource source = GoogleSource.create(GoogleConfig.builder()
        .serviceAccountKey(GOOGLE.keyFile(server.baseUrl())).subject("sync-admin@example.com")
        .apiUrl(URI.create(server.baseUrl())).http(fastRetries()).domain("Example.com").build());

    try (Stream<SourceUser> listed = source.users()) {
      assertThat(listed.map(SourceUser::id)).hasSize(7).doesNotContain("u8");
    }
    assertThat(source.lookupById("u8")).as("another domain of the account").isEmpty();
    assertThat(source.lookup("primaryEmail", "user1@example.com")).isPresent();
  }

  @Test
  void aStreamClosedEarlyLeavesTheListingIncomplete() {
    GoogleSource source = (GoogleSource) sourceFor(sevenUsers(), PAGE_SIZE);
    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.findFirst()).isPresent();
    }
    assertThat(source.checkListing().complete()).isFalse();
  }
}
