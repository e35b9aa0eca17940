package io.github.albauth.usersync.connectors.support;

import io.github.albauth.settings.Precedence;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the connectors share for their {@code albauth.<idp>.*} keys: the HTTP keys ({@code
 * albauth.<idp>.connect-timeout}, {@code .request-timeout}, {@code .max-attempts}, {@code
 * .retry-budget}), the precedence rule for keys whose value is converted or secret (a secret's
 * value never appears in a message), and PEM parsing.
 *
 * <pre>{@code
 * static final ConnectorKeys KEYS = ConnectorKeys.of("okta", "Okta");
 * HttpSettings http = KEYS.http(httpInCode, configuration);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectorKeys {

  /** The longest timeout or retry budget a key may set. */
  public static final Duration MAX_DURATION = Duration.ofHours(1);
  /** The most attempts a key may set. */
  public static final int MAX_ATTEMPTS = 100;

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final String prefix;
  private final Setting<Duration> connectTimeout;
  private final Setting<Duration> requestTimeout;
  private final Setting<Integer> maxAttempts;
  private final Setting<Duration> retryBudget;

  private ConnectorKeys(String idp, String vendor) {
    this.prefix = "albauth." + idp + ".";
    this.connectTimeout = Setting.duration(key("connect-timeout"), Duration.ofMillis(1),
        MAX_DURATION, "PT10S", "how long to wait for a connection to " + vendor);
    this.requestTimeout = Setting.duration(key("request-timeout"), Duration.ofMillis(1),
        MAX_DURATION, "PT30S", "how long one " + vendor + " request may take until its response"
            + " headers arrive");
    this.maxAttempts = Setting.integer(key("max-attempts"), 1, MAX_ATTEMPTS, "5",
        "tries of one " + vendor + " call at most, the first included");
    this.retryBudget = Setting.duration(key("retry-budget"), Duration.ofMillis(1), MAX_DURATION,
        "PT2M", "how long one " + vendor + " call may take in total, retries and waits included");
  }

  /**
   * The keys of one connector.
   *
   * @param idp the connector's name in its keys, e.g. {@code okta} for {@code albauth.okta.*}
   * @param vendor what the connector calls, for the keys' descriptions, e.g. {@code Okta}
   * @return its keys
   */
  public static ConnectorKeys of(String idp, String vendor) {
    if (!Objects.requireNonNull(idp, "idp").matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("connector name " + idp + " is not lower-case letters,"
          + " digits and -");
    }
    return new ConnectorKeys(idp, Objects.requireNonNull(vendor, "vendor"));
  }

  /**
   * A key of this connector.
   *
   * @param name the part after the prefix, e.g. {@code org-url}
   * @return e.g. {@code albauth.okta.org-url}
   */
  public String key(String name) {
    return prefix + name;
  }

  /** {@return {@code albauth.<idp>.connect-timeout}} */
  public Setting<Duration> connectTimeout() {
    return connectTimeout;
  }

  /** {@return {@code albauth.<idp>.request-timeout}} */
  public Setting<Duration> requestTimeout() {
    return requestTimeout;
  }

  /** {@return {@code albauth.<idp>.max-attempts}} */
  public Setting<Integer> maxAttempts() {
    return maxAttempts;
  }

  /** {@return {@code albauth.<idp>.retry-budget}} */
  public Setting<Duration> retryBudget() {
    return retryBudget;
  }

  /**
   * A connector's keys, for its {@code SettingsProvider}.
   *
   * @param own the connector's own keys
   * @return them, then the HTTP keys
   */
  public List<Setting<?>> settings(Setting<?>... own) {
    List<Setting<?>> all = new ArrayList<>(List.of(own));
    all.addAll(List.of(connectTimeout, requestTimeout, maxAttempts, retryBudget));
    return List.copyOf(all);
  }

  /**
   * The HTTP settings of a connector: those given in code (then the HTTP keys must be absent, as
   * the component replaces them), else built from the keys and the defaults.
   *
   * @param inCode the settings given with {@code http(...)}, or null
   * @param configuration the configuration
   * @return the settings
   * @throws IllegalStateException when settings were given in code and HTTP keys too
   */
  public HttpSettings http(@Nullable HttpSettings inCode, Settings configuration) {
    if (inCode != null) {
      Precedence.refuseIgnored("http(HttpSettings)", configuration, connectTimeout, requestTimeout,
          maxAttempts, retryBudget);
      return inCode;
    }
    HttpSettings.Builder builder = HttpSettings.builder();
    configuration.get(connectTimeout).ifPresent(builder::connectTimeout);
    configuration.get(requestTimeout).ifPresent(builder::requestTimeout);
    configuration.get(maxAttempts).ifPresent(builder::maxAttempts);
    configuration.get(retryBudget).ifPresent(builder::retryBudget);
    return builder.build();
  }

  /**
   * {@link Precedence#merge} for a connector with secret keys: a secret configured twice with
   * different values fails without showing either value.
   *
   * @param first the earlier settings
   * @param second the later settings
   * @param secrets the secret keys
   * @return both
   * @throws IllegalStateException when a key has different values in the two
   */
  public static Settings merge(Settings first, Settings second, List<Setting<?>> secrets) {
    for (Setting<?> secret : secrets) {
      String earlier = first.asMap().get(secret.name());
      String later = second.asMap().get(secret.name());
      if (earlier != null && later != null && !earlier.strip().equals(later.strip())) {
        throw new IllegalStateException(secret.name() + " is configured twice, with different"
            + " values; remove one of them");
      }
    }
    return Precedence.merge(first, second);
  }

  /**
   * {@link Precedence#resolve} for an option whose key's value is converted first (a URL, a
   * preset): equal values in code and configuration are fine, different ones fail naming both.
   *
   * @param option what the option is, e.g. {@code "orgUrl"}
   * @param inCode the value given in code, or null
   * @param setting the option's key
   * @param configuration the configuration
   * @param convert turns the key's value into the option's
   * @param <S> the key's type
   * @param <T> the option's type
   * @return the value given (by either or both), or null when neither gave one
   * @throws IllegalStateException when both gave it with different values
   */
  public static <S, T> @Nullable T resolve(String option, @Nullable T inCode, Setting<S> setting,
      Settings configuration, Function<S, T> convert) {
    return resolve(option, inCode, setting, configuration, convert, false);
  }

  /**
   * {@link Precedence#resolve} for a secret (a token, a client secret, a private key): when code
   * and configuration give different values, the message names the option and the key, never a
   * value. Keys are equal when their encodings are.
   *
   * @param option what the option is, e.g. {@code "apiToken"}
   * @param inCode the value given in code, or null
   * @param setting the option's key
   * @param configuration the configuration
   * @param convert turns the key's value into the option's
   * @param <S> the key's type
   * @param <T> the option's type
   * @return the value given (by either or both), or null when neither gave one
   * @throws IllegalStateException when both gave it with different values
   */
  public static <S, T> @Nullable T resolveSecret(String option, @Nullable T inCode,
      Setting<S> setting, Settings configuration, Function<S, T> convert) {
    return resolve(option, inCode, setting, configuration, convert, true);
  }

  private static <S, T> @Nullable T resolve(String option, @Nullable T inCode, Setting<S> setting,
      Settings configuration, Function<S, T> convert, boolean secret) {
    T configured = configuration.get(setting).map(convert).orElse(null);
    if (inCode != null && configured != null && !same(inCode, configured)) {
      throw new IllegalStateException(option + (secret
          ? " is set twice, in code and by " + setting.name() + ", with different values"
          : " is set twice, in code to " + inCode + " and by " + setting.name() + " to "
              + configured) + "; remove one of them");
    }
    return inCode != null ? inCode : configured;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Key ka && b instanceof Key kb) {
      byte[] ea = ka.getEncoded();
      byte[] eb = kb.getEncoded();
      if (ea != null && eb != null) {
        return ka.getAlgorithm().equals(kb.getAlgorithm()) && MessageDigest.isEqual(ea, eb);
      }
    }
    return a.equals(b);
  }

  /**
   * Reads an unencrypted PKCS #8 private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC.
   * Messages never show the key.
   *
   * @param key the configuration key it was given under, for the message
   * @param pem the PEM text
   * @return the key
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static PrivateKey privateKey(String key, String pem) {
    byte[] der = pemBody(key, pem, "PRIVATE KEY", "openssl pkcs8 -topk8 -nocrypt -in key.pem");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(key + ": not an RSA or EC private key in PKCS #8");
  }

  /**
   * Reads an X.509 certificate ({@code -----BEGIN CERTIFICATE-----}).
   *
   * @param key the configuration key it was given under, for the message
   * @param pem the PEM text
   * @return the certificate
   * @throws IllegalArgumentException {@code "<key>: <what is wrong>"}
   */
  public static X509Certificate certificate(String key, String pem) {
    byte[] der = pemBody(key, pem, "CERTIFICATE", "openssl x509 -in cert.der -inform der");
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(key + ": not an X.509 certificate", e);
    }
  }

  private static byte[] pemBody(String key, String pem, String type, String convert) {
    // an environment variable may carry the line breaks as \n
    Matcher m = PEM.matcher(Objects.requireNonNull(pem, key).replace("\\n", "\n").strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(key + ": not PEM text; give the -----BEGIN " + type
          + "----- block itself (line breaks as they are, or as \\n)");
    }
    if (!m.group(1).equals(type)) {
      throw new IllegalArgumentException(key + ": the PEM block is " + m.group(1) + ", not " + type
          + "; convert it with " + convert);
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": the " + type + " block is not valid base64", e);
    }
  }
}
