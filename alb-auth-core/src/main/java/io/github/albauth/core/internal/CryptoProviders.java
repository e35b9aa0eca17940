package io.github.albauth.core.internal;

import java.lang.reflect.Method;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JCA provider that verifies ES256: a configured one, else the Amazon Corretto Crypto
 * Provider (ACCP, native AWS-LC) when it is on the classpath and its native library loaded, else
 * the JDK's. ACCP is used directly, never installed globally. Thread-safe.
 */
public final class CryptoProviders {
  private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);

  /** ACCP's provider class; the jar is an optional dependency. */
  static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  /** ACCP's provider name. */
  public static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";

  /** The configuration value that asks for automatic selection. */
  public static final String AUTO = "auto";

  /** The configuration value that asks for the JDK's provider, even when ACCP is present. */
  public static final String JDK = "jdk";

  /** JCA name of ES256 over an R||S signature (no DER transcoding needed). */
  static final String P1363 = "SHA256withECDSAinP1363Format";

  /** JCA name of ES256 over a DER signature. */
  static final String DER = "SHA256withECDSA";

  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private CryptoProviders() {}

  /**
   * Resolves the provider by configuration value.
   *
   * @param name {@code auto}, {@code jdk} or the name of a provider (installed, or ACCP)
   * @return the provider
   * @throws IllegalArgumentException naming the fix when the provider is missing or lacks ES256
   */
  public static Provider resolve(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.equals(AUTO)) {
      Provider accp = accp();
      return accp != null ? accp : jdk();
    }
    if (lower.equals(JDK)) {
      return jdk();
    }
    Provider installed = Security.getProvider(name.strip());
    if (installed == null && name.strip().equals(ACCP_NAME)) {
      installed = accp();
    }
    if (installed == null) {
      throw new IllegalArgumentException(
          "provider "
              + Texts.quote(name)
              + " is not installed; use auto, jdk, or the name of an installed jca provider");
    }
    requireEs256(installed);
    return installed;
  }

  /**
   * Checks that a provider can verify ES256.
   *
   * @param provider the provider
   * @return the provider
   * @throws IllegalArgumentException if it cannot
   */
  public static Provider requireEs256(Provider provider) {
    if (provider.getService("Signature", DER) == null && provider.getService("Signature", P1363) == null) {
      throw new IllegalArgumentException(
          "provider " + provider.getName() + " does not implement SHA256withECDSA; choose another provider");
    }
    return provider;
  }

  /**
   * Returns ACCP if its class is on the classpath and its native library loaded.
   *
   * @return ACCP, or null
   */
  static @Nullable Provider accp() {
    try {
      Class<?> type = Class.forName(ACCP_CLASS, true, CryptoProviders.class.getClassLoader());
      Provider provider = (Provider) type.getField("INSTANCE").get(null);
      Method loadingError = type.getMethod("getLoadingError");
      Object error = loadingError.invoke(provider);
      if (error != null) {
        LOG.debug("ACCP is on the classpath but did not load: {}", error);
        return null;
      }
      return requireEs256(provider);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  private static Provider jdk() {
    try {
      return Signature.getInstance(DER).getProvider();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this jdk cannot verify SHA256withECDSA", e);
    }
  }

  /**
   * Logs once per provider name, at INFO, which provider verifies.
   *
   * @param provider the provider in use
   */
  static void logOnce(Provider provider) {
    if (LOGGED.add(provider.getName())) {
      LOG.info(
          "albauth verifies ES256 with JCA provider {} {}",
          provider.getName(),
          provider.getVersionStr());
    }
  }
}
