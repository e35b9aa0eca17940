package io.github.albauth.usersync.connectors.cognito;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import io.github.albauth.usersync.testkit.UserStoreComplianceTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store compliance kit against the WireMock simulation of a Cognito user pool, with deletion
 * configured (so the deletion tests run too); the pool has the kit's custom attributes.
 */
class CognitoUserStoreComplianceTest extends UserStoreComplianceTest {

  static final CognitoSimulation COGNITO = new CognitoSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(COGNITO).containerThreads(24)).build();

  private final List<CognitoUserStore> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(CognitoUserStore::close);
  }

  @Override
  protected UserStore newStore() {
    COGNITO.emptyPool(server);
    CognitoUserStore store = CognitoUserStore.create(
        CognitoTests.fastConfig(server).deleteUsers().build());
    opened.add(store);
    return store;
  }
}
