package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's core quickstart, compiled and run so it never rots. The README's demo command runs
 * this test: it mints an ALB-exact token, verifies it and prints the identity. Keep the code
 * between the markers identical to the README.
 */
class ReadmeQuickstartTest {

  @Test
  void quickstart() {
    // README-QUICKSTART-BEGIN
    AlbTokenMinter alb = AlbTokenMinter.create();                   // test kit: signs tokens exactly like an ALB
    try (AlbKeyServer keys = AlbKeyServer.start(alb)) {             // serves the ALB's public keys on loopback
      AlbTokenVerifier verifier = AlbTokenVerifier.builder()
          .requireSigner(alb.signerArn())                           // your load balancer's ARN (required)
          .requireIssuer(alb.issuer())                              // your IdP's issuer (optional allow-list)
          .publicKeyUrl(keys.urlTemplate())                         // production: omit, AWS's endpoint is the default
          .idp(IdpPreset.COGNITO)                                   // username = the email claim
          .build();
      String header = alb.mint("3f9a-user", Map.of("email", "ada@example.com"));  // the x-amzn-oidc-data value
      AlbIdentity user = verifier.verify(header, "3f9a-user");      // second argument: x-amzn-oidc-identity
      System.out.println("verified " + user.username() + " (sub " + user.subject() + ") via " + verifier.provider().getName());
      // README-QUICKSTART-END
      assertThat(user.username()).isEqualTo("ada@example.com");
    }
  }

  @Test
  void productionConfiguration() {
    // README-PRODUCTION-BEGIN
    AlbTokenVerifier verifier = AlbTokenVerifier.builder()
        .configure(AlbAuthProperties.fromEnvironment())             // ALBAUTH_EXPECTED_SIGNERS, ... if set
        .configure(Map.of(
            "albauth.expected-signers",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188",
            "albauth.expected-issuers", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf",
            "albauth.idp", "cognito"))
        .build();
    // README-PRODUCTION-END
    assertThat(verifier.provider()).isNotNull();
  }
}
