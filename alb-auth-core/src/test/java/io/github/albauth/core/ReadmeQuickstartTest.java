package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's core quickstart, compiled and run so it never rots; the README's demo command runs
 * this test (it mints an ALB-exact token, verifies it and prints the identity). The code between
 * the markers must appear in README.md line by line, which {@link #readmeShowsThisCode()} checks.
 */
class ReadmeQuickstartTest {
  private static final Path SOURCE =
      Path.of("src/test/java/io/github/albauth/core/ReadmeQuickstartTest.java");
  private static final Path README = Path.of("../README.md");

  @Test
  void quickstart() {
    // README-QUICKSTART-BEGIN
    AlbTokenMinter alb = AlbTokenMinter.create();                 // test kit: signs tokens exactly like an ALB
    try (AlbKeyServer keys = AlbKeyServer.start(alb);           // serves the ALB's public keys on loopback
        AlbTokenVerifier verifier = AlbTokenVerifier.builder()
          .requireSigner(alb.signerArn())                         // your load balancer's ARN (required)
          .requireIssuer(alb.issuer())                            // your IdP's issuer (optional allow-list)
          .publicKeyUrl(keys.urlTemplate())                       // production: omit, AWS's endpoint is the default
          .idp(IdpPreset.COGNITO)                                 // username = the email claim
          .build()) {                                             // owns an HTTP client: close it when done
      String header = alb.mint("3f9a-user", Map.of("email", "ada@example.com")); // an x-amzn-oidc-data value
      AlbIdentity user = verifier.verify(header, "3f9a-user");    // 2nd argument: x-amzn-oidc-identity
      System.out.println("verified " + user.username() + " via " + verifier.provider().getName());
    }
    // README-QUICKSTART-END
  }

  @Test
  void productionConfiguration() {
    // README-PRODUCTION-BEGIN
    AlbTokenVerifier verifier = AlbTokenVerifier.builder()
        .requireSigner("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188")
        .requireIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf")
        .idp(IdpPreset.COGNITO)
        .build();                                                 // build once, share across threads
    // ... and when the application stops (e.g. in your filter's destroy()):
    verifier.close();                                             // ends the key fetcher's HTTP client threads
    // README-PRODUCTION-END
    assertThat(verifier.provider()).isNotNull();
  }

  @Test
  void readmeShowsThisCode() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> source = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    for (String marker : List.of("README-QUICKSTART", "README-PRODUCTION")) {
      boolean inside = false;
      for (String line : source) {
        if (line.contains("// " + marker + "-BEGIN")) {
          inside = true;
        } else if (line.contains("// " + marker + "-END")) {
          inside = false;
        } else if (inside) {
          assertThat(readme).as("README.md shows the line").contains(line.strip());
        }
      }
    }
  }
}
