package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nimbus-jose-jwt is optional: with only alb-auth-core, slf4j and JSpecify on the class path, the
 * ALB token verifier verifies a token, and the access-token verifier's build() says which artifact
 * to add instead of failing with a NoClassDefFoundError.
 */
class WithoutNimbusTest {

  private static final String EXPECTED =
      "AccessTokenVerifier needs nimbus-jose-jwt, which is not on the class path: add the dependency"
          + " com.nimbusds:nimbus-jose-jwt (9.37.3 or newer, up to 10.x); alb-auth-core declares it optional"
          + " because only the access-token verifier uses it";

  @Test
  void albTokensVerifyAndTheAccessTokenVerifierSaysWhatToAdd() throws Exception {
    AlbTokenMinter minter = AlbTokenMinter.create();
    URL[] urls = {
        location(AlbTokenVerifier.class),
        location(org.slf4j.LoggerFactory.class),
        location(org.slf4j.simple.SimpleLogger.class),
        location(org.jspecify.annotations.NullMarked.class),
        location(io.github.albauth.settings.SettingsRegistry.class)};
    try (AlbKeyServer server = AlbKeyServer.start(minter);
        URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> isolated.loadClass("com.nimbusds.jose.JWSObject"))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> verifierClass = isolated.loadClass(AlbTokenVerifier.class.getName());
      assertThat(verifierClass.getClassLoader()).isSameAs(isolated);
      Object builder = verifierClass.getMethod("builder").invoke(null);
      call(builder, "requireSigner", String[].class, (Object) new String[] {minter.signerArn()});
      call(builder, "publicKeyUrl", String.class, server.urlTemplate());
      Object verifier = builder.getClass().getMethod("build").invoke(builder);
      Object identity = call(verifier, "verify", String.class, minter.mint("user-1", Map.of()));
      assertThat(identity.getClass().getMethod("subject").invoke(identity)).isEqualTo("user-1");

      Class<?> accessClass = isolated.loadClass(AccessTokenVerifier.class.getName());
      Object accessBuilder = accessClass.getMethod("builder").invoke(null);
      call(accessBuilder, "requireIssuer", String.class, "https://idp.example");
      call(accessBuilder, "requireAudience", String[].class, (Object) new String[] {"client"});
      call(accessBuilder, "jwksUri", String.class, "https://idp.example/jwks");
      Method build = accessBuilder.getClass().getMethod("build");
      assertThatThrownBy(() -> build.invoke(accessBuilder))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(EXPECTED);
    }
  }

  private static Object call(Object target, String method, Class<?> type, Object argument) throws Exception {
    return target.getClass().getMethod(method, type).invoke(target, argument);
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
