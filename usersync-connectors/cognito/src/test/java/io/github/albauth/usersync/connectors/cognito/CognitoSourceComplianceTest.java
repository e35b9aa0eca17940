package io.github.albauth.usersync.connectors.cognito;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source compliance kit against the WireMock simulation of the Cognito API. The kit's group
 * ids and names differ, so the source names groups by their descriptions here (the simulation puts
 * the kit's name there).
 */
class CognitoSourceComplianceTest extends DirectorySourceComplianceTest {

  static final CognitoSimulation COGNITO = new CognitoSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(COGNITO)).build();

  private final List<CognitoSource> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(CognitoSource::close);
  }

  private CognitoSource open(CognitoConfig config) {
    CognitoSource source = CognitoSource.create(config);
    opened.add(source);
    return source;
  }

  @Override
  protected DirectorySource sourceFor(TestDirectory directory, int pageSize) {
    COGNITO.serve(server, directory);
    return open(CognitoTests.config(server).pageSize(pageSize).groupNamesFromDescriptions()
        .build());
  }

  @Override
  protected void failAfterFirstPage() {
    COGNITO.failUserPagesAfterFirst();
  }

  @Override
  protected boolean isActive(SourceUser user) {
    return CognitoStatus.active(Boolean.TRUE.equals(user.attributes().get("Enabled")),
        user.attributes().get("UserStatus"));
  }

  @Test
  void groupsInScopeLimitListingsLookupsAndGroups() {
    TestDirectory d = sevenUsers();
    COGNITO.serve(server, d);
    CognitoSource source = open(CognitoTests.config(server).groupsInScope("g1", "g2").pageSize(2)
        .build());

    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.map(SourceUser::id)).containsExactly("u1", "u2", "u3", "u4");
    }
    assertThat(source.checkListing().complete()).isTrue();
    assertThat(source.lookupById("u4")).isPresent();
    assertThat(source.lookupById("u5")).as("outside the groups in scope").isEmpty();
    assertThat(source.lookup("email", d.user("u7").email())).isEmpty();
    try (Stream<SourceGroup> groups = source.groups()) {
      assertThat(groups.map(SourceGroup::name)).as("named by GroupName").containsExactly("g1", "g2");
    }
  }

  @Test
  void aStreamClosedEarlyLeavesTheListingIncomplete() {
    CognitoSource source = (CognitoSource) sourceFor(sevenUsers(), PAGE_SIZE);
    try (Stream<SourceUser> users = source.users()) {
      assertThat(users.findFirst()).isPresent();
    }
    assertThat(source.checkListing().complete()).isFalse();
  }
}
