package io.github.albauth.servlet.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;

/** A real servlet container on a loopback port, with one filter in front of one servlet. */
public interface EmbeddedContainer extends AutoCloseable {

  /** The containers the integration tests run in. */
  enum Kind {
    JETTY, TOMCAT;

    /** Returns a new, not yet started container of this kind. */
    public EmbeddedContainer create() {
      return this == JETTY ? new JettyContainer() : new TomcatContainer();
    }
  }

  /**
   * Starts the container with the filter mapped to {@code /*} and the servlet to {@code /} (the
   * default servlet: the whole path is the servlet path) and to {@code /api/*} (servlet path
   * {@code /api}, the rest is the path info), with HTTP sessions available to the application.
   *
   * @param filter the filter instance (programmatic registration)
   * @param filterInitParameters init-params for the filter (web.xml-style registration)
   * @param servlet the application
   */
  void start(Filter filter, Map<String, String> filterInitParameters, HttpServlet servlet)
      throws Exception;

  /** Returns {@code http://127.0.0.1:<port>} once started. */
  URI baseUri();

  /**
   * Stops the container. Declares no checked exception (a failure to stop is unchecked), so
   * try-with-resources does not have to handle an {@code InterruptedException} from it.
   */
  @Override
  void close();
}
