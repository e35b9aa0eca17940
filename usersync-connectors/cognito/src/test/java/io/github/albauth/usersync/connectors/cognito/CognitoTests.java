package io.github.albauth.usersync.connectors.cognito;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What the connector's tests share: a configuration pointing at a WireMock server. */
final class CognitoTests {

  private CognitoTests() {}

  /**
   * A configuration for the simulated pool behind WireMock, with made-up credentials, two
   * attempts per call and short timeouts.
   *
   * @param server the WireMock extension
   * @return a builder with pool, endpoint, credentials, attempts and timeouts set
   */
  static CognitoConfig.Builder config(WireMockExtension server) {
    return CognitoConfig.builder()
        .userPoolId(CognitoSimulation.POOL_ID)
        .endpoint(URI.create(server.baseUrl()))
        .credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "made-up-secret-access-key")))
        .maxAttempts(2)
        .requestTimeout(Duration.ofSeconds(5))
        .rate(CognitoQuota.USER_LIST, 1000)
        .rate(CognitoQuota.USER_POOL_RESOURCE_READ, 1000);
  }

  /**
   * Like {@link #config}, with every category paced at 1,000 requests per second, for tests that
   * make many calls against a simulation that does not enforce quotas.
   *
   * @param server the WireMock extension
   * @return the builder
   */
  static CognitoConfig.Builder fastConfig(WireMockExtension server) {
    CognitoConfig.Builder b = CognitoConfig.builder()
        .userPoolId(CognitoSimulation.POOL_ID)
        .endpoint(URI.create(server.baseUrl()))
        .credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "made-up-secret-access-key")))
        .maxAttempts(2)
        .requestTimeout(Duration.ofSeconds(5));
    for (CognitoQuota q : CognitoQuota.values()) {
      b.rate(q, 1000);
    }
    return b;
  }
}
