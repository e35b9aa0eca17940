package io.github.albauth.testkit;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * JUnit 5 extension that hands tests a ready {@link AlbTokenMinter}, an {@link AlbKeyServer}
 * serving its keys, the matching {@link AlbTestEnvironment}, and an {@link IdpTokenMinter} whose
 * JWKS the server publishes (created on first use: RSA keys take a moment). Use it with
 * {@code @ExtendWith(AlbTestExtension.class)} or {@code @RegisterExtension}, and declare parameters
 * of those types in test methods, lifecycle methods or constructors.
 *
 * <p>One set per test class (shared by its {@code @Nested} classes): the server starts on first use
 * and closes after the class. Before each test, the server's faults and request counts are reset
 * and keys published with {@link AlbKeyServer#publish}/{@link AlbKeyServer#publishRaw} dropped;
 * the minters' keys (also rotated ones) stay.
 *
 * <p>Thread-safe: parallel tests of one class share the set.
 */
// JUnit is optional (requires static): the key server and minters work without it.
@SuppressWarnings("exports")
public final class AlbTestExtension implements ParameterResolver, BeforeEachCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AlbTestExtension.class);
  private static final Set<Class<?>> TYPES = Set.of(
      AlbTokenMinter.class, AlbKeyServer.class, AlbTestEnvironment.class, IdpTokenMinter.class);

  /** The extension; JUnit creates it. */
  public AlbTestExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Fixture fixture = fixture(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == AlbTokenMinter.class) {
      return fixture.minter;
    } else if (type == AlbKeyServer.class) {
      return fixture.server;
    } else if (type == AlbTestEnvironment.class) {
      return fixture.environment;
    }
    return fixture.idp();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fixture(context).server.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Fixture fixture = context.getStore(NAMESPACE).remove(Fixture.class, Fixture.class);
    if (fixture != null) {
      fixture.close();
    }
  }

  private static Fixture fixture(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() || classContext.getTestClass().isEmpty()) {
      classContext = classContext.getParent().orElseThrow(
          () -> new IllegalStateException("AlbTestExtension needs a test class context"));
    }
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(Fixture.class, key -> new Fixture(), Fixture.class);
  }

  /** The per-class set; AutoCloseable so JUnit closes it if afterAll never ran. */
  private static final class Fixture implements AutoCloseable {
    final AlbTokenMinter minter = AlbTokenMinter.create();
    final AlbKeyServer server = AlbKeyServer.start(minter);
    final AlbTestEnvironment environment = AlbTestEnvironment.of(minter, server);
    private @Nullable IdpTokenMinter idp;

    synchronized IdpTokenMinter idp() {
      if (idp == null) {
        idp = IdpTokenMinter.builder().issuer(minter.issuer()).clientId(minter.clientId()).build();
        server.serveJwks(idp);
      }
      return idp;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
