package io.github.albauth.usersync.connectors.onelogin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.onelogin.simulation.OneLoginSimulation;
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
 * The source compliance kit against the WireMock simulation of OneLogin's API v2. OneLogin deletes
 * users for good and {@code updated_since} lists only users that exist, so a delta round cannot
 * report a deleted user ({@link #deltasReportDeletedUsers()} is false); the next full sync does.
 */
class OneLoginSourceComplianceTest extends DirectorySourceComplianceTest {

  static final OneLoginSimulation ONELOGIN = new OneLoginSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(ONELOGIN)).build();

  /** Fast retries: the kit's failures must end the listing quickly. */
  static HttpSettings fastRetries() {
    return HttpSettings.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5)).build();
  }

  static OneLoginConfig.Builder config(WireMockExtension server) {
    return OneLoginConfig.builder().apiUrl(URI.create(server.baseUrl()))
        .clientId("0123456789abcdef0123456789abcdef").clientSecret("test-client-secret");
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    ONELOGIN.serve(server, directory);
    return OneLoginSource.create(config(server)
        .userPageSize(pageSize)
        .rolePageSize(pageSize)
        .memberPageSize(pageSize)
        .http(fastRetries())
        .build());
  }

  @Override
  protected void failAfterFirstPage() {
    ONELOGIN.failUserPagesAfterFirst();
  }

  @Override
  protected boolean isActive(SourceUser user) {
    return OneLoginStatus.active(user.attributes().get("status"), user.attributes().get("state"));
  }

  @Override
  protected void changeTo(TestDirectory after) {
    ONELOGIN.changeTo(after);
  }

  @Override
  protected boolean deltasReportDeletedUsers() {
    return false;
  }

  @Test
  void aStreamClosedEarlyLeavesTheListingIncomplete() {
    OneLoginSource source = (OneLoginSource) sourceFor(sevenUsers(), PAGE_SIZE);
    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.findFirst()).isPresent();
    }
    assertThat(source.checkListing().complete()).isFalse();
  }

  @Test
  void aCompleteListingIsCountedByTotalCount() {
    OneLoginSource source = (OneLoginSource) sourceFor(sevenUsers(), PAGE_SIZE);
    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.count()).isEqualTo(7);
    }
    assertThat(source.checkListing().expectedUsers()).hasValue(7);
  }
}
