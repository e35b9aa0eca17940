package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.albauth.testkit.AlbTokenMinter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ALBAUTH_*} environment variables, the normal way on ECS and Kubernetes, reach the
 * registry's keys, next to relaxed spellings in the application's properties. Runs in its own JVM
 * (Surefire execution {@code environment-variables} in this module's pom), whose environment has
 * {@code ALBAUTH_EXPECTED_SIGNERS}, {@code ALBAUTH_MAPPING_DISPLAY_NAME} and {@code
 * ALBAUTH_ROLE_MAPPING}.
 */
@SpringBootTest(classes = EnvironmentVariablesTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"albauth.excludePaths[0]=/health", "albauth.idp=OTHER"})
class EnvironmentVariablesTest {

  private static final String SIGNER_FROM_ENVIRONMENT =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/from-env/50dc6c495c0c9188";
  private static final AlbFixture ALB = AlbFixture.start(AlbTokenMinter.builder()
      .signerArn(SIGNER_FROM_ENVIRONMENT).build());

  @LocalServerPort
  int port;

  @Autowired
  AlbAuthSettings settings;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(WhoAmIController.class)
  static class App {}

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    registry.add("albauth.public-key-url", ALB.keys::urlTemplate);
  }

  @AfterAll
  static void stop() {
    ALB.close();
  }

  @Test
  void theVariablesArriveUnderTheRegistrysKeys() {
    assertThat(System.getenv("ALBAUTH_EXPECTED_SIGNERS")).as("run by the environment-variables"
        + " execution").isEqualTo(SIGNER_FROM_ENVIRONMENT);
    assertThat(settings.asMap()).containsAllEntriesOf(Map.of(
        "albauth.expected-signers", SIGNER_FROM_ENVIRONMENT,
        "albauth.mapping.displayName", "join(\" \", given_name, family_name)",
        "albauth.role-mapping", "Admins=admin",
        "albauth.exclude-paths", "/health",
        "albauth.idp", "OTHER"));
  }

  @Test
  void aTokenOfTheSignerFromTheEnvironmentSignsInMappedAsTheVariablesSay() throws Exception {
    String token = ALB.minter.mint("sub-ann", Map.of("email", "ann@corp.example",
        "given_name", "Ann", "family_name", "Lee", "groups", List.of("Admins")));

    HttpResponse<String> response = AlbFixture.get(port, "/whoami", token);

    assertThat(response.statusCode()).isEqualTo(200);
    Map<?, ?> me = new ObjectMapper().readValue(response.body(), Map.class);
    assertThat(me.get("displayName")).isEqualTo("Ann Lee");
    assertThat(me.get("authorities")).isEqualTo(List.of("ROLE_admin"));
    assertThat(AlbFixture.get(port, "/health", null).statusCode()).isEqualTo(200);
  }
}
