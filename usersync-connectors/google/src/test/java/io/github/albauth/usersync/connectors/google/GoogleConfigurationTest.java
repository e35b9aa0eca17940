package io.github.albauth.usersync.connectors.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.google.simulation.GoogleSimulation;
import io.github.albauth.usersync.connectors.support.HttpSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoogleConfig.Builder}: the service-account key file in its three forms, every {@code
 * albauth.google.*} key, the precedence rule, and messages that never show the key.
 */
class GoogleConfigurationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "sync-admin@example.com";

  private static String key;
  private static String otherKey;
  /** What no message may contain: the base64 of the private key, as in the file. */
  private static String keyMaterial;

  @TempDir
  Path dir;

  @BeforeAll
  static void keys() throws IOException {
    key = new GoogleSimulation(Clock.systemUTC()).keyFile("https://oauth2.googleapis.com");
    otherKey = new GoogleSimulation(Clock.systemUTC()).keyFile("https://oauth2.googleapis.com");
    keyMaterial = JSON.readTree(key).get("private_key").asText().split("\n")[1];
  }

  /** The key file with one field changed ({@code null} removes it). */
  private static String keyWith(String field, @org.jspecify.annotations.Nullable Object value)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = JSON.readValue(key, LinkedHashMap.class);
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return JSON.writeValueAsString(fields);
  }

  private Path file(String content) throws IOException {
    Path file = dir.resolve("key-" + content.hashCode() + ".json");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertSame(GoogleConfig fromKeys, GoogleConfig inCode) {
    assertThat(fromKeys.toString()).isEqualTo(inCode.toString());
    assertThat(fromKeys.apiUrl()).isEqualTo(inCode.apiUrl());
    assertThat(fromKeys.sourceId()).isEqualTo(inCode.sourceId());
    assertThat(fromKeys.serviceAccount()).isEqualTo(inCode.serviceAccount());
    assertThat(fromKeys.subject()).isEqualTo(inCode.subject());
    assertThat(fromKeys.customer()).isEqualTo(inCode.customer());
    assertThat(fromKeys.domain()).isEqualTo(inCode.domain());
    assertThat(fromKeys.groupsInScope()).containsExactlyElementsOf(inCode.groupsInScope());
    assertThat(fromKeys.customSchemas()).containsExactlyElementsOf(inCode.customSchemas());
    assertThat(fromKeys.userPageSize()).isEqualTo(inCode.userPageSize());
    assertThat(fromKeys.groupPageSize()).isEqualTo(inCode.groupPageSize());
    assertThat(fromKeys.memberPageSize()).isEqualTo(inCode.memberPageSize());
    assertThat(fromKeys.http().toString()).isEqualTo(inCode.http().toString());
    assertThat(fromKeys.authorization().toString()).isEqualTo(inCode.authorization().toString());
  }

  @Test
  void everyKeyBuildsWhatCodeBuilds() throws IOException {
    GoogleConfig inCode = GoogleConfig.builder()
        .serviceAccountKey(key)
        .subject(ADMIN)
        .customer("C03az79cb")
        .groupsInScope("03q5sasy1yg3x4z", "staff@example.com")
        .customSchemas("Employment", "Badges")
        .userPageSize(250)
        .groupPageSize(50)
        .memberPageSize(100)
        .sourceId("workspace")
        .apiUrl(URI.create("https://admin.private.example"))
        .http(HttpSettings.builder().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20)).maxAttempts(8)
            .retryBudget(Duration.ofMinutes(3)).build())
        .build();
    GoogleConfig fromKeys = GoogleConfig.builder().configure(Map.ofEntries(
        Map.entry("albauth.google.service-account-key-file", file(key).toString()),
        Map.entry("albauth.google.subject", ADMIN),
        Map.entry("albauth.google.customer", "C03az79cb"),
        Map.entry("albauth.google.groups", "03q5sasy1yg3x4z, staff@example.com"),
        Map.entry("albauth.google.custom-schemas", "Employment,Badges"),
        Map.entry("albauth.google.user-page-size", "250"),
        Map.entry("albauth.google.group-page-size", "50"),
        Map.entry("albauth.google.member-page-size", "100"),
        Map.entry("albauth.google.source-id", "workspace"),
        Map.entry("albauth.google.api-url", "https://admin.private.example/"),
        Map.entry("albauth.google.connect-timeout", "3s"),
        Map.entry("albauth.google.request-timeout", "PT20S"),
        Map.entry("albauth.google.max-attempts", "8"),
        Map.entry("albauth.google.retry-budget", "3m"))).build();

    assertSame(fromKeys, inCode);
    assertThat(inCode.toString()).isEqualTo("GoogleConfig["
        + GoogleSimulation.SERVICE_ACCOUNT + " as sync-admin@example.com, customer C03az79cb,"
        + " source workspace, pages 250/50/100, groups in scope [03q5sasy1yg3x4z,"
        + " staff@example.com], custom schemas [Employment, Badges], API"
        + " https://admin.private.example]");
    assertThat(inCode.authorization().toString()).contains("jwt-bearer grant as " + ADMIN)
        .doesNotContain(keyMaterial);
  }

  @Test
  void defaultsAreTheSameEitherWay() {
    GoogleConfig inCode = GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN).build();
    GoogleConfig fromKeys = GoogleConfig.builder().configure(Map.of(
        "albauth.google.service-account-key", key, "albauth.google.subject", ADMIN)).build();
    assertSame(fromKeys, inCode);
    assertThat(fromKeys.sourceId()).isEqualTo("google");
    assertThat(fromKeys.customer()).isEqualTo(GoogleConfig.MY_CUSTOMER);
    assertThat(fromKeys.domain()).isNull();
    assertThat(fromKeys.apiUrl()).isEqualTo(GoogleConfig.DEFAULT_API_URL);
    assertThat(new int[] {fromKeys.userPageSize(), fromKeys.groupPageSize(),
        fromKeys.memberPageSize()}).containsExactly(500, 200, 200);
  }

  @Test
  void theKeyFileFromAPathAStringOrAStreamIsOneKey() throws IOException {
    GoogleConfig fromString = GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN).build();
    GoogleConfig fromPath = GoogleConfig.builder().serviceAccountKey(file(key)).subject(ADMIN)
        .build();
    GoogleConfig fromStream = GoogleConfig.builder().serviceAccountKey(
        new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8))).subject(ADMIN).build();
    assertSame(fromPath, fromString);
    assertSame(fromStream, fromString);
    // the same key in code and by a key is one option given twice, equally
    GoogleConfig both = GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .configure(Map.of("albauth.google.service-account-key-file", file(key).toString()))
        .build();
    assertSame(both, fromString);
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).serviceAccountKey(
        file(key))).isInstanceOf(IllegalStateException.class)
        .hasMessage("serviceAccountKey was already set");
  }

  @Test
  void environmentVariables() {
    Map<String, String> environment = Map.of(
        "ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY", key,
        "ALBAUTH_GOOGLE_SUBJECT", ADMIN,
        "ALBAUTH_GOOGLE_DOMAIN", "example.com",
        "ALBAUTH_GOOGLE_GROUPS", "staff@example.com",
        "PATH", "/usr/bin");
    GoogleConfig config = GoogleConfig.builder()
        .configure(SettingsRegistry.discover().fromEnvironment(environment)).build();
    assertThat(config.domain()).isEqualTo("example.com");
    assertThat(config.customer()).isNull();
    assertThat(config.groupsInScope()).containsExactly("staff@example.com");

    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(
        Map.of("ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KY", key)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean ALBAUTH_GOOGLE_SERVICE_ACCOUNT_KEY"
            + " (albauth.google.service-account-key)?")
        .hasMessageNotContaining(keyMaterial);
  }

  @Test
  void buildSaysWhatIsMissingOrConflicting() {
    assertThatThrownBy(() -> GoogleConfig.builder().subject(ADMIN).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set albauth.google.service-account-key-file");
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set albauth.google.subject");
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .configure(Map.of("albauth.google.domain", "example.com")).customer("my_customer").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("customer and domain were both set; use customer for every domain of the"
            + " account, or domain for one");
    assertThatThrownBy(() -> GoogleConfig.builder().subject(ADMIN).configure(Map.of(
        "albauth.google.service-account-key", key,
        "albauth.google.service-account-key-file", file(key).toString())).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.google.service-account-key and"
            + " albauth.google.service-account-key-file were both set; use one")
        .hasMessageNotContaining(keyMaterial);
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .http(HttpSettings.defaults()).configure(Map.of("albauth.google.max-attempts", "3"))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http(HttpSettings) was given in code, so"
            + " albauth.google.max-attempts would be ignored");
  }

  @Test
  void codeAndConfigurationMustAgree() {
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .configure(Map.of("albauth.google.subject", "other-admin@example.com")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("subject is set twice, in code to sync-admin@example.com and by"
            + " albauth.google.subject to other-admin@example.com; remove one of them");
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .domain("example.com").configure(Map.of("albauth.google.domain", "example.org")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("domain is set twice, in code to example.com and by"
            + " albauth.google.domain to example.org");
  }

  @Test
  void aSecretConflictNamesNoValue() {
    assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(key).subject(ADMIN)
        .configure(Map.of("albauth.google.service-account-key", otherKey)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serviceAccountKey is set twice, in code and by"
            + " albauth.google.service-account-key, with different values; remove one of them");
    assertThatThrownBy(() -> GoogleConfig.builder()
        .configure(Map.of("albauth.google.service-account-key", key))
        .configure(Map.of("albauth.google.service-account-key", otherKey)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.google.service-account-key is configured twice, with different"
            + " values; remove one of them")
        .hasMessageNotContaining(keyMaterial);
  }

  @Test
  void aBadValueNamesItsKey() {
    Consumer<Map<String, String>> configure = keys -> GoogleConfig.builder().configure(keys);
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.user-page-size", "501")))
        .hasMessageStartingWith("albauth.google.user-page-size: 501 is out of range");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.member-page-size", "201")))
        .hasMessageStartingWith("albauth.google.member-page-size: 201 is out of range");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.subject", "admin")))
        .hasMessage("albauth.google.subject: \"admin\" is not an address; give the primary"
            + " address of the admin the service account acts as");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.subject",
        "admin@example.com\u202E")))
        .hasMessageStartingWith("albauth.google.subject: (a value with control characters")
        .hasMessageNotContaining("\u202E");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.customer", "my customer")))
        .hasMessageStartingWith("albauth.google.customer: \"my customer\" is not a customer id");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.domain", "example")))
        .hasMessageStartingWith("albauth.google.domain: \"example\" is not a domain name");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.groups", "a/../b")))
        .hasMessageStartingWith("albauth.google.groups: \"a/../b\" is not a group id or address");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.custom-schemas", "a.b")))
        .hasMessageStartingWith("albauth.google.custom-schemas: \"a.b\" is not a custom schema");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.api-url",
        "http://admin.googleapis.com")))
        .hasMessageStartingWith("albauth.google.api-url: http://admin.googleapis.com is not an"
            + " https URL");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.service-account-key-file",
        dir.resolve("missing.json").toString())))
        .hasMessageStartingWith("albauth.google.service-account-key-file: cannot read ")
        .hasMessageContaining("NoSuchFileException");
    assertThatThrownBy(() -> configure.accept(Map.of("albauth.google.subjet", ADMIN)))
        .hasMessage("unknown key albauth.google.subjet; did you mean albauth.google.subject?");
    assertThatThrownBy(() -> GoogleConfig.builder().userPageSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("userPageSize is 0; give 1 to 500");
    assertThatThrownBy(() -> GoogleConfig.builder().groupsInScope("g1", "g1"))
        .isInstanceOf(IllegalStateException.class).hasMessage("group g1 is already in scope");
  }

  /** Each way a key file can be wrong, its message; none shows the key. */
  @Test
  void aBadKeyFileSaysWhatIsWrongWithoutShowingIt() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
        ec.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> messages = new LinkedHashMap<>();
    messages.put(key.substring(0, key.length() / 2), "not JSON (line 1, column ");
    messages.put("[" + key + "]", "not a JSON object");
    messages.put(key + " {}", "not JSON");
    messages.put(keyWith("type", "authorized_user"), "is a credential of type"
        + " \"authorized_user\", not a service-account key; create one in the Cloud console");
    messages.put(keyWith("type", null), "has no \"type\"");
    messages.put(keyWith("client_email", null), "has no client_email");
    messages.put(keyWith("client_email", "not an address\n"), "client_email is not an address");
    messages.put(keyWith("private_key", null), "has no private_key");
    messages.put(keyWith("private_key", 42), "private_key is not a non-blank string");
    messages.put(keyWith("private_key", keyMaterial), "private_key: not PEM text");
    messages.put(keyWith("private_key", ecPem), "private_key is not an RSA key");
    messages.put(keyWith("token_uri", "http://oauth2.googleapis.com/token"),
        "token_uri http://oauth2.googleapis.com/token is not an https URL");
    messages.put(keyWith("client_id", "12ab"), "client_id is not a number");
    messages.put(keyWith("private_key_id", "a b"), "private_key_id is not a key id");
    messages.put("{\"type\":\"service_account\",\"type\":\"service_account\"}", "not JSON");
    messages.put(" ".repeat(70_000), "70000 bytes is too large");
    messages.forEach((json, message) -> {
      assertThatThrownBy(() -> GoogleConfig.builder().serviceAccountKey(json))
          .as(message).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("serviceAccountKey: ").hasMessageContaining(message)
          .hasMessageNotContaining(keyMaterial).hasNoCause();
      assertThatThrownBy(() -> GoogleConfig.builder().configure(
          Map.of("albauth.google.service-account-key", json)))
          .as(message).hasMessageStartingWith("albauth.google.service-account-key: ")
          .hasMessageNotContaining(keyMaterial);
    });
  }

  @Test
  void aKeyFileWithoutTokenUriUsesGooglesEndpoint() throws IOException {
    GoogleConfig config = GoogleConfig.builder().serviceAccountKey(keyWith("token_uri", null))
        .subject(ADMIN).build();
    assertThat(config.authorization().toString())
        .contains("at https://oauth2.googleapis.com/token");
  }
}
