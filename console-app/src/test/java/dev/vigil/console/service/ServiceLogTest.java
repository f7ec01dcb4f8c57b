package dev.vigil.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.vigil.common.LogFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ServiceLogTest {
  @TempDir Path dir;

  @Test
  void theLogRotatesBySizeAndKeepsFiveOldFiles() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> stderr = root.getAppender("STDERR");
    Path file = dir.resolve("logs").resolve("manager.log");
    try {
      LogFiles.rotateTo(file, "1KB", 0);
      org.slf4j.Logger log = LoggerFactory.getLogger("rotation-test");
      for (int i = 0; i < 400; i++) {
        log.info("line {} of a log that must rotate {}", i, "x".repeat(40));
      }
      assertThat(file).exists();
      assertThat(dir.resolve("logs/manager.log.1")).exists();
      assertThat(dir.resolve("logs/manager.log." + LogFiles.KEEP)).exists();
      assertThat(dir.resolve("logs/manager.log." + (LogFiles.KEEP + 1))).doesNotExist();
      assertThat(Files.size(file)).isLessThan(64 * 1024);
    } finally {
      Appender<ILoggingEvent> fileAppender = root.getAppender("FILE");
      root.detachAppender("FILE");
      if (fileAppender != null) {
        fileAppender.stop();
      }
      if (stderr != null) {
        root.addAppender(stderr);
      }
    }
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsRefusedWithASentence() throws Exception {
    Path file = Files.createFile(dir.resolve("not-a-dir")).resolve("manager.log");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFiles.rotateTo(file))
        .isInstanceOf(java.io.IOException.class);
  }
}
