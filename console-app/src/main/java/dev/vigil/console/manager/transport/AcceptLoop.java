package dev.vigil.console.manager.transport;

import dev.vigil.common.AcceptFailures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's accepting thread: hands each accepted connection on at once, and when {@code
 * accept()} fails (out of file descriptors) pauses from 50 ms to 1 s and logs one line per 10 s
 * with the count ({@link AcceptFailures}), instead of spinning a core and writing millions of
 * lines. Runs until its listener closes; one thread.
 */
public final class AcceptLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptLoop.class);

  private final ServerSocket server;
  private final Consumer<Socket> accepted;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong reportLines = new AtomicLong();

  public AcceptLoop(ServerSocket server, Consumer<Socket> accepted) {
    this.server = server;
    this.accepted = accepted;
  }

  @Override
  public void run() {
    AcceptFailures failures = new AcceptFailures();
    while (!server.isClosed()) {
      Socket socket;
      try {
        attempts.incrementAndGet();
        socket = server.accept();
        failures.succeeded();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
        AcceptFailures.Next next = failures.failed();
        if (next.toReport() > 0) {
          reportLines.incrementAndGet();
          LOG.warn(
              "Accepting agent connections failed {} times since the last report: {}; pausing up"
                  + " to {} ms between attempts (out of file descriptors? raise 'ulimit -n')",
              next.toReport(),
              e.getMessage(),
              AcceptFailures.MAX_PAUSE.toMillis());
        }
        try {
          Thread.sleep(next.pause());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      accepted.accept(socket);
    }
  }

  /** How many times {@code accept()} was called. */
  long attempts() {
    return attempts.get();
  }

  /** How many lines the failures were reported in. */
  long reportLines() {
    return reportLines.get();
  }
}
