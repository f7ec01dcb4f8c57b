package dev.vigil.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one class logs while a test runs, through a real Logback appender; close to detach. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts capturing what {@code source}'s logger writes. */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(source.getName());
  }

  /** Starts capturing what the logger {@code name} writes, and the loggers below it. */
  public static LogCapture named(String name) {
    return new LogCapture(name);
  }

  /** The formatted messages so far, oldest first. */
  public List<String> lines() {
    synchronized (appender) { // AppenderBase appends under the appender's own lock
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
