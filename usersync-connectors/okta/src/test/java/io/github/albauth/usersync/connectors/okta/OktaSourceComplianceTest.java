package io.github.albauth.usersync.connectors.okta;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.connectors.okta.simulation.OktaSimulation;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import io.github.albauth.usersync.SourceGroup;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source compliance kit against the WireMock simulation of Okta's API. */
class OktaSourceComplianceTest extends DirectorySourceComplianceTest {

  static final OktaSimulation OKTA = new OktaSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(OKTA)).build();

  /** Fast retries: the kit's failures must end the listing quickly. */
  static HttpSettings fastRetries() {
    return HttpSettings.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5)).build();
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    OKTA.serve(server, directory);
    return OktaSource.create(OktaConfig.builder()
        .orgUrl(URI.create(server.baseUrl()))
        .apiToken("00test-api-token")
        .userPageSize(pageSize)
        .groupPageSize(pageSize)
        .memberPageSize(pageSize)
        .http(fastRetries())
        .build());
  }

  @Override
  protected void failAfterFirstPage() {
    OKTA.failUserPagesAfterFirst();
  }

  @Override
  protected boolean isActive(SourceUser user) {
    OktaStatus status = OktaStatus.of(user.attributes().get("status"));
    return status == null || status.active();
  }

  @Override
  protected void changeTo(TestDirectory after) {
    OKTA.changeTo(after);
  }

  @Test
  void groupsInScopeLimitListingsLookupsAndGroups() {
    TestDirectory d = sevenUsers();
    OKTA.serve(server, d);
    OktaSource source = OktaSource.create(OktaConfig.builder()
        .orgUrl(URI.create(server.baseUrl())).apiToken("00test-api-token")
        .groupsInScope("g1", "g2").memberPageSize(2).http(fastRetries()).build());

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
  void aStreamClosedEarlyLeavesTheListingIncomplete() {
    OKTA.serve(server, sevenUsers());
    OktaSource source = (OktaSource) sourceFor(sevenUsers(), PAGE_SIZE);
    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.findFirst()).isPresent();
    }
    assertThat(source.checkListing().complete()).isFalse();
  }
}
