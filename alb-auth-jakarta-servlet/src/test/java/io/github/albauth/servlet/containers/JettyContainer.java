package io.github.albauth.servlet.containers;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

final class JettyContainer implements EmbeddedContainer {

  private @Nullable Server server;
  private @Nullable URI baseUri;

  @Override
  public void start(Filter filter, Map<String, String> filterInitParameters, HttpServlet servlet)
      throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    FilterHolder holder = new FilterHolder(filter);
    holder.setInitParameters(filterInitParameters);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder app = new ServletHolder(servlet);
    context.addServlet(app, "/");
    context.addServlet(app, "/api/*");
    jetty.setHandler(context);
    jetty.start();
    server = jetty;
    baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public URI baseUri() {
    if (baseUri == null) {
      throw new IllegalStateException("jetty is not started");
    }
    return baseUri;
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("jetty did not stop", e);
      }
    }
  }

  @Override
  public String toString() {
    return "Jetty 12 (ee10)";
  }
}
