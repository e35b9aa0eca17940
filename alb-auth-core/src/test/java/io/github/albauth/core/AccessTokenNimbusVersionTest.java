package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The access-token tests run once per nimbus-jose-jwt version (ours, Spring Boot 3.5.x's and 4.0.x's;
 * see alb-auth-core's pom): this pins that each run really has the version it claims.
 */
class AccessTokenNimbusVersionTest {

  @Test
  void theNimbusOnTheClassPathIsTheOneThisRunIsFor() {
    String expected = System.getProperty("albauth.test.nimbus-version");
    assertThat(expected).as("system property albauth.test.nimbus-version (set in alb-auth-core's pom)").isNotBlank();
    String jar = com.nimbusds.jose.JWSObject.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertThat(jar).endsWith("/nimbus-jose-jwt-" + expected + ".jar");
  }
}
