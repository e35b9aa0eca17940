package io.github.albauth.benchmarks.readme;

// README-TESTKIT-BEGIN
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AlbTestExtension.class)
class ReadmeTestkitExampleTest {

  @Test
  void acceptsWhatTheAlbSigns(AlbTokenMinter alb, AlbTestEnvironment env) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.properties()).build();

    String token = alb.mint("alice", Map.of("email", "alice@example.com"));

    assertThat(verifier.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void rejectsAnotherLoadBalancer(AlbTokenMinter alb, AlbTestEnvironment env) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.properties()).build();

    String token = alb.token().subject("alice")
        .header("signer", "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/evil/0123456789abcdef")
        .sign();

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(AlbTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(AlbTokenException.Reason.SIGNER_MISMATCH));
  }

  @Test
  void failsClosedWhileTheKeyEndpointIsDown(AlbTokenMinter alb, AlbKeyServer keys, AlbTestEnvironment env) {
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().configure(env.properties()).build();
    keys.down();

    assertThatThrownBy(() -> verifier.verify(alb.mint("alice", Map.of())))
        .isInstanceOfSatisfying(AlbTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(AlbTokenException.Reason.KEY_UNAVAILABLE));
  }
}
// README-TESTKIT-END
