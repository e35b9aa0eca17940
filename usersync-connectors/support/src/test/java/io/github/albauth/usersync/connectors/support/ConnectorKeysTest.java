package io.github.albauth.usersync.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsProvider;
import io.github.albauth.settings.SettingsRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorKeysTest {

  private static final ConnectorKeys KEYS = ConnectorKeys.of("acme", "Acme");
  private static final Setting<String> SECRET = Setting.text(KEYS.key("secret"), "—", "a secret");
  private static final SettingsRegistry REGISTRY = SettingsRegistry.of(List.of(
      new SettingsProvider() {
        @Override
        public String module() {
          return "acme";
        }

        @Override
        public List<Setting<?>> settings() {
          return KEYS.settings(SECRET);
        }
      }));

  private static String pem(KeyPair pair, String lineBreak) {
    return "-----BEGIN PRIVATE KEY-----" + lineBreak
        + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + lineBreak
        + "-----END PRIVATE KEY-----";
  }

  @Test
  void httpSettingsFromKeysOrDefaults() {
    HttpSettings http = KEYS.http(null, REGISTRY.read(Map.of("albauth.acme.request-timeout", "5s",
        "albauth.acme.max-attempts", "2")));
    assertThat(http.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(http.maxAttempts()).isEqualTo(2);
    assertThat(http.connectTimeout()).isEqualTo(HttpSettings.defaults().connectTimeout());
    assertThat(KEYS.http(null, Settings.empty()).retryBudget())
        .isEqualTo(HttpSettings.defaults().retryBudget());
  }

  @Test
  void privateKeysFromPemTextWithOrWithoutEscapedLineBreaks() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    KeyPair pair = gen.generateKeyPair();
    PrivateKey key = ConnectorKeys.privateKey("k", pem(pair, "\n"));
    assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(ConnectorKeys.privateKey("k", pem(pair, "\\n")).getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
    assertThatThrownBy(() -> ConnectorKeys.certificate("albauth.acme.cert", pem(pair, "\n")))
        .hasMessageStartingWith("albauth.acme.cert: the PEM block is PRIVATE KEY, not CERTIFICATE");
  }

  @Test
  void secretsAreComparedButNeverShown() throws Exception {
    Settings configured = REGISTRY.read(Map.of(SECRET.name(), "from-config"));
    assertThat(ConnectorKeys.resolveSecret("secret", "from-config", SECRET, configured, s -> s))
        .isEqualTo("from-config");
    String notInCode = null;
    assertThat(ConnectorKeys.resolveSecret("secret", notInCode, SECRET, configured, s -> s))
        .isEqualTo("from-config");
    assertThatThrownBy(() -> ConnectorKeys.resolveSecret("secret", "from-code", SECRET, configured,
        s -> s))
        .hasMessage("secret is set twice, in code and by albauth.acme.secret, with different"
            + " values; remove one of them");
    assertThatThrownBy(() -> ConnectorKeys.merge(configured,
        REGISTRY.read(Map.of(SECRET.name(), "other")), List.of(SECRET)))
        .hasMessage("albauth.acme.secret is configured twice, with different values; remove one"
            + " of them");

    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    Settings key = REGISTRY.read(Map.of(SECRET.name(), pem(pair, "\n")));
    // an equal key from another encoding path is the same key
    assertThat(ConnectorKeys.resolveSecret("key", pair.getPrivate(), SECRET, key,
        pem -> ConnectorKeys.privateKey("k", pem))).isSameAs(pair.getPrivate());
  }
}
