package dev.vigil.console;

import dev.vigil.console.manager.ConsoleManager;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a headless console running once its standard input has ended (under nohup or a service):
 * the manager goes on watching the fleet until the process is stopped (SIGTERM, Ctrl-C), and is
 * then closed by a shutdown hook, its sessions ended and the minute in progress written.
 */
final class UntilStopped {
  private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);

  private UntilStopped() {}

  /** Blocks the calling thread until the JVM stops, closing {@code manager} as it does. */
  static void run(ConsoleManager manager) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              LOG.info("Stopping: closing agent sessions and writing the minute in progress");
              try {
                manager.close();
              } finally {
                closed.countDown();
              }
            },
            "vigil-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info(
        "Standard input closed; running without a prompt until stopped (SIGTERM or Ctrl-C), still"
            + " watching every agent");
    closed.await();
  }
}
