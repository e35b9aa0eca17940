package io.github.albauth.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.connectors.cognito.CognitoConfig;
import io.github.albauth.usersync.connectors.cognito.CognitoSource;
import io.github.albauth.usersync.connectors.cognito.CognitoUserStore;
import io.github.albauth.usersync.connectors.entra.EntraConfig;
import io.github.albauth.usersync.connectors.entra.EntraSource;
import io.github.albauth.usersync.connectors.google.GoogleConfig;
import io.github.albauth.usersync.connectors.google.GoogleSource;
import io.github.albauth.usersync.connectors.keycloak.KeycloakSource;
import io.github.albauth.usersync.connectors.okta.OktaConfig;
import io.github.albauth.usersync.connectors.okta.OktaSource;
import io.github.albauth.usersync.connectors.onelogin.OneLoginConfig;
import io.github.albauth.usersync.connectors.onelogin.OneLoginSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The README's connector snippets, copied here verbatim (but {@code System.getenv}, which this test
 * answers with a made-up secret), compile and build a source; and the README still says exactly
 * this, so the two cannot drift.
 */
class ReadmeConnectorsTest {

  private static final String OKTA = """
      OktaSource okta = OktaSource.create(OktaConfig.builder()
          .orgUrl(URI.create("https://example.okta.com"))
          .apiToken(env("ALBAUTH_OKTA_API_TOKEN"))   // or .serviceApp(clientId, key, kid)
          .build());
      """;
  private static final String ENTRA = """
      EntraSource entra = EntraSource.create(EntraConfig.builder()
          .tenantId("contoso.onmicrosoft.com")
          .clientId("00001111-aaaa-2222-bbbb-3333cccc4444")
          .clientSecret(env("ALBAUTH_ENTRA_CLIENT_SECRET"))  // or .certificate(key, cert)
          .build());
      """;
  private static final String KEYCLOAK = """
      KeycloakSource keycloak = KeycloakSource.builder()
          .serverUrl(URI.create("https://sso.example.com"))
          .realm("acme")
          .clientId("albauth-sync")
          .clientSecret(env("ALBAUTH_KEYCLOAK_CLIENT_SECRET"))
          .build();""";
  private static final String ONELOGIN = """
      OneLoginSource onelogin = OneLoginSource.create(OneLoginConfig.builder()
          .subdomain("acme")                                   // or .apiUrl(URI.create("https://api.eu.onelogin.com"))
          .clientId("0123456789abcdef0123456789abcdef")
          .clientSecret(env("ALBAUTH_ONELOGIN_CLIENT_SECRET"))
          .build());
      """;
  private static final String GOOGLE = """
      GoogleSource google = GoogleSource.create(GoogleConfig.builder()
          .serviceAccountKey(env("ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY"))  // the JSON key; or a Path
          .subject("sync-admin@example.com")   // the admin it acts as (domain-wide delegation)
          .build());
      """;

  private static final String COGNITO_SOURCE = """
      CognitoSource cognito = CognitoSource.create(CognitoConfig.builder()
          .userPoolId("eu-west-1_AbC123dEf")        // credentials: the AWS default chain
          .build());
      """;
  private static final String COGNITO_TARGET = """
      CognitoUserStore pool = CognitoUserStore.create(CognitoConfig.builder()
          .userPoolId("eu-west-1_AbC123dEf")
          .markEmailVerified()                      // the source vouches for the addresses
          .deleteUsers()                            // else the engine can only disable users
          .build());
      """;

  private static String env(String variable) {
    return variable.equals("ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY") ? madeUpServiceAccountKey()
        : "made-up-" + variable.toLowerCase(java.util.Locale.ROOT);
  }

  /** A key file as Google's Cloud console issues it, with a fresh key. */
  private static String madeUpServiceAccountKey() {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
          rsa.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
      return "{\"type\":\"service_account\",\"project_id\":\"made-up\",\"private_key_id\":"
          + "\"0123abcd\",\"private_key\":\"" + pem + "\",\"client_email\":"
          + "\"sync@made-up.iam.gserviceaccount.com\",\"client_id\":\"1234567890\","
          + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSnippetsBuildSources() {
    // --- README: Okta ---
    OktaSource okta = OktaSource.create(OktaConfig.builder()
        .orgUrl(URI.create("https://example.okta.com"))
        .apiToken(env("ALBAUTH_OKTA_API_TOKEN"))   // or .serviceApp(clientId, key, kid)
        .build());
    // --- README: Entra ---
    EntraSource entra = EntraSource.create(EntraConfig.builder()
        .tenantId("contoso.onmicrosoft.com")
        .clientId("00001111-aaaa-2222-bbbb-3333cccc4444")
        .clientSecret(env("ALBAUTH_ENTRA_CLIENT_SECRET"))  // or .certificate(key, cert)
        .build());
    // --- README: Keycloak ---
    KeycloakSource keycloak = KeycloakSource.builder()
        .serverUrl(URI.create("https://sso.example.com"))
        .realm("acme")
        .clientId("albauth-sync")
        .clientSecret(env("ALBAUTH_KEYCLOAK_CLIENT_SECRET"))
        .build();
    // --- README: OneLogin ---
    OneLoginSource onelogin = OneLoginSource.create(OneLoginConfig.builder()
        .subdomain("acme")                                   // or .apiUrl(URI.create("https://api.eu.onelogin.com"))
        .clientId("0123456789abcdef0123456789abcdef")
        .clientSecret(env("ALBAUTH_ONELOGIN_CLIENT_SECRET"))
        .build());
    // --- README: Google ---
    GoogleSource google = GoogleSource.create(GoogleConfig.builder()
        .serviceAccountKey(env("ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY"))  // the JSON key; or a Path
        .subject("sync-admin@example.com")   // the admin it acts as (domain-wide delegation)
        .build());
    // --- README: Cognito source ---
    CognitoSource cognito = CognitoSource.create(CognitoConfig.builder()
        .userPoolId("eu-west-1_AbC123dEf")        // credentials: the AWS default chain
        .build());
    // --- README: Cognito target ---
    CognitoUserStore pool = CognitoUserStore.create(CognitoConfig.builder()
        .userPoolId("eu-west-1_AbC123dEf")
        .markEmailVerified()                      // the source vouches for the addresses
        .deleteUsers()                            // else the engine can only disable users
        .build());
    // --- end ---
    assertThat(cognito.id()).isEqualTo("cognito");
    assertThat(pool).isInstanceOf(UserDeletion.class);
    cognito.close();
    pool.close();
    assertThat(okta.id()).isEqualTo("okta");
    assertThat(entra.id()).isEqualTo("entra");
    assertThat(keycloak.id()).isEqualTo("keycloak");
    assertThat(onelogin.id()).isEqualTo("onelogin");
    assertThat(google.id()).isEqualTo("google");
  }

  @Test
  void theReadmeShowsTheseSnippets() throws IOException {
    String readme = normalized(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8)
        .replace("System.getenv(", "env("));
    for (String snippet : new String[] {OKTA, ENTRA, KEYCLOAK, ONELOGIN, GOOGLE, COGNITO_SOURCE,
        COGNITO_TARGET}) {
      assertThat(readme).contains(normalized(snippet));
    }
  }

  /** Indentation and line breaks aside: README code sits inside lists too. */
  private static String normalized(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
