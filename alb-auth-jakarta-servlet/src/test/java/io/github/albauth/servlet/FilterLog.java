package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what {@link AlbAuthenticationFilter} logs, at every level down to DEBUG, while open.
 */
final class FilterLog implements AutoCloseable {

  private final Logger logger =
      (Logger) LoggerFactory.getLogger(AlbAuthenticationFilter.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previousLevel;

  private FilterLog() {
    previousLevel = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  /** Starts capturing. */
  static FilterLog capture() {
    return new FilterLog();
  }

  /** Returns the formatted WARN lines so far. */
  List<String> warnings() {
    return events().stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Returns the formatted lines of every level so far. */
  List<String> all() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /**
   * Asserts that no line, at any level, contains any segment of the token (segments shorter than
   * 16 characters are too short to be telling and are skipped).
   */
  void assertNoneContains(String token) {
    for (String line : all()) {
      for (String segment : token.split("[.\\s]")) {
        if (segment.length() >= 16) {
          assertThat(line).doesNotContain(segment);
        }
      }
    }
  }

  private List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }
}
