package dev.vigil.console.service;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started manager running until the process is told to stop (SIGTERM from systemd or {@code
 * kill}, SIGINT from Ctrl-C), then closes it, its sessions ended, the agents connected at the stop
 * remembered and the minute in progress written, and ends the process with exit code 0: a stop
 * asked for is a clean stop, not the JVM's 143.
 */
public final class UntilSignalled {
  private static final Logger LOG = LoggerFactory.getLogger(UntilSignalled.class);

  private UntilSignalled() {}

  /** Blocks the calling thread for good; the process ends from the shutdown hook. */
  public static void run(AutoCloseable manager) throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              LOG.info("Stopping: closing agent sessions and writing the minute in progress");
              int code = 0;
              try {
                manager.close();
                LOG.info("Stopped");
              } catch (Exception e) {
                // Told to stop and could not close: the exit code says so, the log says why.
                LOG.error("Stopped, but closing failed: {}", e.getMessage());
                code = 1;
              }
              if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.stop(); // flushes and closes a log file
              }
              System.out.flush();
              System.err.flush();
              // Exit code 0 for a stop that was asked for. halt, not exit: exit from a shutdown
              // hook waits for the hooks, this one among them, for ever.
              Runtime.getRuntime().halt(code);
            },
            "vigil-manager-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info("Running until stopped (SIGTERM or Ctrl-C)");
    new CountDownLatch(1).await();
  }
}
