package io.github.albauth.examples.springboot;

import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Development mode: when no {@code albauth.expected-signers} is configured (in any property
 * source, {@code ALBAUTH_EXPECTED_SIGNERS} included), the application trusts the test kit's local
 * key server and signer instead of an ALB, listens on loopback only, and once it is ready prints a
 * loud banner and ready {@code curl} commands with freshly minted tokens (valid one hour) of a user
 * and an administrator. The key server stops with the application. Behind a real ALB (signers
 * configured) it does nothing.
 *
 * <p>Not thread-safe; Spring calls it on the thread that starts and stops the application.
 */
final class DevelopmentMode implements SmartApplicationListener {

  /** The property source development mode adds, over every other. */
  static final String PROPERTY_SOURCE = "albauthDevelopmentMode";

  private final PrintStream console;
  private @Nullable AlbTokenMinter minter;
  private @Nullable AlbKeyServer keys;

  DevelopmentMode(PrintStream console) {
    this.console = console;
  }

  @Override
  public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
    return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
        || ApplicationReadyEvent.class.isAssignableFrom(type)
        || ApplicationFailedEvent.class.isAssignableFrom(type)
        || ContextClosedEvent.class.isAssignableFrom(type);
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      start(prepared.getEnvironment());
    } else if (event instanceof ApplicationReadyEvent ready) {
      announce(ready.getApplicationContext().getEnvironment());
    } else {
      stop();
    }
  }

  private void start(ConfigurableEnvironment environment) {
    if (StringUtils.hasText(environment.getProperty(AlbAuthProperties.EXPECTED_SIGNERS))) {
      return;
    }
    AlbTokenMinter devMinter = AlbTokenMinter.builder().tokenLifetime(Duration.ofHours(1)).build();
    AlbKeyServer devKeys = AlbKeyServer.start(devMinter);
    minter = devMinter;
    keys = devKeys;
    environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
        AlbAuthProperties.EXPECTED_SIGNERS, devMinter.signerArn(),
        AlbAuthProperties.PUBLIC_KEY_URL, devKeys.urlTemplate(),
        AlbAuthProperties.EXPECTED_ISSUERS, devMinter.issuer(),
        AlbAuthProperties.EXPECTED_CLIENT_IDS, devMinter.clientId(),
        // it trusts its own keys: never reachable from another machine
        "server.address", "127.0.0.1")));
  }

  private void announce(ConfigurableEnvironment environment) {
    AlbTokenMinter devMinter = minter;
    if (devMinter == null) {
      return;
    }
    String base = "http://localhost:" + environment.getProperty("local.server.port");
    String user = devMinter.token().subject("dev-user-1")
        .claim("email", "dev.user@example.com").claim("name", "Dev User")
        .claim("groups", List.of("developers")).sign();
    String admin = devMinter.token().subject("dev-admin-1")
        .claim("email", "dev.admin@example.com").claim("name", "Dev Admin")
        .claim("groups", List.of("developers", "Admins")).sign();
    console.println("""
        ======================================================================
         albauth spring-boot-example: DEVELOPMENT MODE - FOR DEVELOPMENT ONLY
         No albauth.expected-signers is set, so this application trusts tokens
         signed by its own local test key instead of your ALB's.
         Never run it like this in production.
        ======================================================================""");
    console.println("Try it (tokens valid for one hour):");
    console.println("  curl -s -H 'x-amzn-oidc-data: " + user + "' " + base + "/whoami");
    console.println("  curl -s -o /dev/null -w '%{http_code}\\n' -H 'x-amzn-oidc-data: " + user
        + "' " + base + "/admin/report    # 403: not an admin");
    console.println("  curl -s -H 'x-amzn-oidc-data: " + admin + "' " + base + "/admin/report");
    console.println("  curl -s " + base + "/actuator/health");
  }

  private void stop() {
    AlbKeyServer devKeys = keys;
    if (devKeys != null) {
      devKeys.close();
      keys = null;
      minter = null;
    }
  }
}
