package io.github.albauth.usersync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.LoginResult;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the README's login example: the first subject gets the account, another does not. */
class ReadmeLoginTest {

  private final LoginPath login = new LoginPath(SyncEngine.builder()
      .store(new InMemoryUserStore())
      .sourceId("entra")
      .mapper(claims -> MappingResult.mapped(Map.of("username", claims.get("preferred_username"))))
      .build());

  private static Map<String, Object> claims(String sub, String oid, String username) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", sub);
    claims.put("oid", oid);
    claims.put("preferred_username", username);
    return claims;
  }

  @Test
  void theFirstSubjectSignsInAndAnotherOneIsRefused() {
    String issuer = "https://login.microsoftonline.com/tenant/v2.0";

    LoginResult alice = login.signIn(issuer, claims("sub-a", "oid-a", "alice"));
    LoginResult other = login.signIn(issuer, claims("sub-x", "oid-a", "alice"));

    assertThat(alice.account().username()).isEqualTo("alice");
    assertThat(other.refusal()).isEqualTo(LoginResult.Refusal.SUBJECT_MISMATCH);
  }

  @Test
  void theReadmeShowsTheLoginPathVerbatim() throws IOException {
    assertThat(ReadmeSnippet.assertShownVerbatim("LoginPath.java", "final class LoginPath"))
        .isLessThanOrEqualTo(20);
  }
}
