package dev.vigil.common;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends a program's log (the agent's, the manager's) to a file that rotates by size ({@link
 * #MAX_SIZE}, {@link #KEEP} old files kept) instead of standard error, for systems without a
 * journal. Called once, at start; needs Logback, which each program brings.
 */
public final class LogFiles {
  /** The size at which the file is rotated. */
  public static final String MAX_SIZE = "10MB";

  /** How many rotated files are kept beside the current one ({@code FILE.1} … {@code FILE.5}). */
  public static final int KEEP = 5;

  private LogFiles() {}

  /** Logs to {@code file} from now on, rotating it at {@link #MAX_SIZE}. */
  public static void rotateTo(Path file) throws IOException {
    rotateTo(file, MAX_SIZE, 1000);
  }

  /**
   * @param maxSize the size at which the file rotates, in Logback's syntax ({@code 10MB})
   * @param checkEveryMillis how often the size is checked (Logback checks on a timer, not on every
   *     line)
   */
  public static void rotateTo(Path file, String maxSize, long checkEveryMillis) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new IOException("cannot write log files in " + dir);
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEEP);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf(maxSize));
    trigger.setCheckIncrement(
        ch.qos.logback.core.util.Duration.buildByMilliseconds(checkEveryMillis));
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IOException("cannot open " + file + " for writing");
    }

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender("STDERR");
    root.addAppender(appender);
  }
}
