package io.github.albauth.examples.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.albauth.core.AlbAuthProperties;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbFilterProperties;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.servlet.UserSyncProvisioner;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.store.InMemoryUserStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * A servlet application behind an ALB: Jetty 12 with the albauth filter in front of two servlets,
 * {@code GET /whoami} (the signed-in user as JSON) and {@code GET /health} (unauthenticated).
 * Users are provisioned just in time into an in-memory store.
 *
 * <p>Configured only by {@code albauth.*} system properties and {@code ALBAUTH_*} environment
 * variables, plus {@code albauth.port} (default 8080) and {@code albauth.default-groups}. Without
 * {@code albauth.expected-signers} it runs in <b>development mode</b>: it starts a local key server
 * and signs its own tokens, so it trusts tokens that no ALB issued; it then listens on loopback
 * only. Never run that in production.
 */
public final class ServletBackend implements AutoCloseable {

  /** The port setting (system property or {@code ALBAUTH_PORT}). */
  public static final String PORT = "albauth.port";
  /** Groups every JIT-provisioned user gets, comma-separated. */
  public static final String DEFAULT_GROUPS = "albauth.default-groups";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final @Nullable AlbKeyServer devKeys;
  private final @Nullable String devToken;
  private final int port;

  private ServletBackend(Server server, @Nullable AlbKeyServer devKeys, @Nullable String devToken,
      int port) {
    this.server = server;
    this.devKeys = devKeys;
    this.devToken = devToken;
    this.port = port;
  }

  /**
   * Runs the backend until the process is stopped. When the port is taken, it prints one line
   * that says so on standard error and exits with status 1.
   *
   * @param args ignored; configure with system properties or environment variables
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(
        AlbFilterProperties.collect(System.getenv(), System.getProperties()));
    ServletBackend backend;
    try {
      backend = start(settings, System.out);
    } catch (BindException e) {
      // the fix is a setting, so one line says it better than a stack trace
      System.err.println("servlet-backend: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(backend::closeQuietly));
    backend.server.join();
  }

  /**
   * Starts the backend.
   *
   * @param settings {@code albauth.*} settings
   * @param console where the startup banner (and, in development mode, the curl command) goes
   * @return the running backend
   * @throws BindException if the port is taken; its message names the port and the setting
   */
  public static ServletBackend start(Map<String, String> settings, PrintStream console)
      throws Exception {
    Map<String, String> effective = new LinkedHashMap<>(settings);
    Settings own = SettingsRegistry.discover().read(effective);
    int port = own.get(BackendSettings.PORT).orElse(8080);
    AlbKeyServer devKeys = null;
    AlbTokenMinter minter = null;
    if (isBlank(effective.get(AlbAuthProperties.EXPECTED_SIGNERS))) {
      minter = AlbTokenMinter.builder().tokenLifetime(Duration.ofHours(1)).build();
      devKeys = AlbKeyServer.start(minter);
      effective.put(AlbAuthProperties.EXPECTED_SIGNERS, minter.signerArn());
      effective.put(AlbAuthProperties.PUBLIC_KEY_URL, devKeys.urlTemplate());
      effective.put(AlbAuthProperties.EXPECTED_ISSUERS, minter.issuer());
      effective.put(AlbAuthProperties.EXPECTED_CLIENT_IDS, minter.clientId());
    }
    effective.putIfAbsent(AlbFilterProperties.EXCLUDE_PATHS, "/health");
    effective.putIfAbsent(AlbAuthProperties.IDP, IdpPreset.OTHER.configName());

    AttributeMapping mapping = AlbFilterProperties.claimMapping(effective);
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("alb").mapper(mapping)
        .defaultGroups(own.get(BackendSettings.DEFAULT_GROUPS).orElse(List.of()).toArray(String[]::new))
        .build();
    // the filter compiles the same mapping from the same settings
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder()
        .configure(effective)
        .provisioner(UserSyncProvisioner.jit(engine, store))
        .build();

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    if (minter != null) {
      // development mode trusts its own keys: never reachable from another machine
      connector.setHost("127.0.0.1");
    }
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new WhoAmI()), "/whoami");
    context.addServlet(new ServletHolder(new Health()), "/health");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      if (devKeys != null) {
        devKeys.close();
      }
      if (e.getCause() instanceof BindException) {
        throw (BindException) new BindException("port " + port + " is already in use; choose "
            + "another with -D" + PORT + "=<port> or "
            + Setting.environmentVariable(PORT) + "=<port>").initCause(e);
      }
      throw e;
    }
    int actualPort = connector.getLocalPort();

    String token = null;
    if (minter != null) {
      token = minter.token().subject("dev-user-1")
          .claim("email", "dev.user@example.com")
          .claim("name", "Dev User")
          .claim("preferred_username", "dev.user")
          .claim("groups", List.of("developers", "app-users"))
          .sign();
      console.println("""
          ======================================================================
           albauth servlet-backend: DEVELOPMENT MODE - FOR DEVELOPMENT ONLY
           No albauth.expected-signers is set, so this server trusts tokens
           signed by its own local test key instead of your ALB's.
           Never run it like this in production.
          ======================================================================""");
      console.println("Try it (token valid for one hour):");
      console.println("  curl -s -H 'x-amzn-oidc-data: " + token + "' http://localhost:"
          + actualPort + "/whoami");
    }
    console.println("servlet-backend listening on http://localhost:" + actualPort
        + " (GET /whoami, GET /health)");
    return new ServletBackend(server, devKeys, token, actualPort);
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /** Returns the development-mode token, or null when a real ALB is configured. */
  public @Nullable String devToken() {
    return devToken;
  }

  /** Stops the server and, in development mode, the local key server. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the server did not stop", e);
    }
    if (devKeys != null) {
      devKeys.close();
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // shutting down anyway
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** {@code GET /whoami}: the signed-in user. */
  private static final class WhoAmI extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      AlbPrincipal user = (AlbPrincipal) request.getUserPrincipal();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("username", user.getName());
      body.put("subject", user.subject());
      body.put("groups", user.groups());
      body.put("roles", user.roles());
      body.put("attributes", user.attributes());
      response.setContentType("application/json");
      JSON.writeValue(response.getOutputStream(), body);
    }
  }

  /** {@code GET /health}: no authentication. */
  private static final class Health extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":\"UP\"}");
    }
  }
}
