package io.github.albauth.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * nimbus-jose-jwt is an optional dependency of alb-auth-core: only {@code AccessTokenVerifier}
 * needs it. This class tells, without linking a nimbus class, whether a usable version is on the
 * class path, and says what to add when it is not. Stateless and thread-safe.
 */
public final class Nimbus {
  /** The versions the access-token verifier is built and tested for. */
  public static final String SUPPORTED_RANGE = "9.37.3 or newer, up to 10.x";

  /** How long before expiry nimbus's cache refreshes the JWKS (its {@code DEFAULT_REFRESH_AHEAD_TIME}). */
  public static final long REFRESH_AHEAD_MILLIS = 30_000;

  private static final String ARTIFACT = "com.nimbusds:nimbus-jose-jwt";
  private static final String PROBE_CLASS = "com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource";
  /** The constructor the verifier calls, present in every supported version: (JWKSetSource, long ttl,
   *  long refreshTimeout, long refreshAhead, boolean scheduled, ExecutorService, boolean shutdownOnClose,
   *  EventListener). */
  private static final String[] PROBE_CONSTRUCTOR = {
      "com.nimbusds.jose.jwk.source.JWKSetSource", "long", "long", "long", "boolean",
      "java.util.concurrent.ExecutorService", "boolean", "com.nimbusds.jose.util.events.EventListener"};

  private Nimbus() {}

  /**
   * Throws unless a nimbus-jose-jwt the access-token verifier can use is on the class path.
   *
   * @throws IllegalStateException naming the artifact and the supported versions
   */
  public static void requireAvailable() {
    String problem = problem(Nimbus.class.getClassLoader());
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }

  /**
   * Says what is wrong with the nimbus-jose-jwt visible to {@code loader}.
   *
   * @param loader the class loader to look in
   * @return null if a usable version is there, else what to do
   */
  static @Nullable String problem(@Nullable ClassLoader loader) {
    Class<?> probe;
    try {
      probe = Class.forName(PROBE_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return "AccessTokenVerifier needs nimbus-jose-jwt, which is not on the class path: add the dependency "
          + ARTIFACT + " (" + SUPPORTED_RANGE + "); alb-auth-core declares it optional because only the access-token"
          + " verifier uses it";
    }
    try {
      Class<?>[] types = new Class<?>[PROBE_CONSTRUCTOR.length];
      for (int i = 0; i < types.length; i++) {
        types[i] = primitiveOrClass(PROBE_CONSTRUCTOR[i], loader);
      }
      var unused = probe.getConstructor(types);
      return null;
    } catch (ReflectiveOperationException | LinkageError e) {
      String version = probe.getPackage() == null ? null : probe.getPackage().getImplementationVersion();
      return "the nimbus-jose-jwt on the class path" + (version == null ? "" : " (" + version + ")")
          + " is too old for AccessTokenVerifier: use " + ARTIFACT + " " + SUPPORTED_RANGE;
    }
  }

  private static Class<?> primitiveOrClass(String name, @Nullable ClassLoader loader) throws ClassNotFoundException {
    return switch (name) {
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      default -> Class.forName(name, false, loader);
    };
  }
}
