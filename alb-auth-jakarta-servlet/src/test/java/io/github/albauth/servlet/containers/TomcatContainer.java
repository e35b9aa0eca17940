package io.github.albauth.servlet.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.jspecify.annotations.Nullable;

final class TomcatContainer implements EmbeddedContainer {

  /** Where Tomcat reports threads a web application started and did not stop, on undeploy. */
  private static final Logger LEAK_LOG =
      Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Handler leakDetector = new Handler() {
    @Override
    public void publish(LogRecord entry) {
      String message = entry.getMessage();
      if (message != null && message.contains("failed to stop it")) {
        leaks.add(message.lines().findFirst().orElse(message));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private @Nullable Tomcat tomcat;
  private @Nullable URI baseUri;

  @Override
  public void start(Filter filter, Map<String, String> filterInitParameters, HttpServlet servlet)
      throws Exception {
    LEAK_LOG.addHandler(leakDetector);
    Tomcat server = new Tomcat();
    File base = Files.createTempDirectory("albauth-tomcat").toFile();
    server.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    server.setConnector(connector);
    Context context = server.addContext("", base.getAbsolutePath());
    FilterDef def = new FilterDef();
    def.setFilterName("albauth");
    def.setFilter(filter);
    filterInitParameters.forEach(def::addInitParameter);
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("albauth");
    map.addURLPattern("/*");
    context.addFilterMap(map);
    Tomcat.addServlet(context, "app", servlet);
    context.addServletMappingDecoded("/", "app");
    context.addServletMappingDecoded("/api/*", "app");
    server.start();
    tomcat = server;
    baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public URI baseUri() {
    if (baseUri == null) {
      throw new IllegalStateException("tomcat is not started");
    }
    return baseUri;
  }

  /**
   * Stops Tomcat, which destroys the filter and then checks for threads the application left
   * running; any such report fails the test (the key fetcher's HTTP client once left one per
   * filter).
   */
  @Override
  public void close() {
    if (tomcat != null) {
      try {
        tomcat.stop();
        tomcat.destroy();
      } catch (LifecycleException e) {
        throw new IllegalStateException("tomcat did not stop", e);
      } finally {
        LEAK_LOG.removeHandler(leakDetector);
      }
      if (!leaks.isEmpty()) {
        throw new AssertionError("Tomcat reported threads left running: " + leaks);
      }
    }
  }

  @Override
  public String toString() {
    return "Tomcat 10.1";
  }
}
