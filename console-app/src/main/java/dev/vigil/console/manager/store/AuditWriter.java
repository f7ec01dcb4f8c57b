package dev.vigil.console.manager.store;

import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.FleetListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every command's states (sent, acknowledged, final outcome) to the store's audit log on a
 * thread of its own, so that a session's reader or a timer never waits for SQLite. Closing writes
 * what is queued first. Thread-safe.
 */
public final class AuditWriter implements FleetListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  private final ConsoleStore store;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("vigil-audit").daemon().unstarted(r));

  public AuditWriter(ConsoleStore store) {
    this.store = store;
  }

  @Override
  public void commandUpdated(CommandOutcome outcome) {
    if (writer.isShutdown()) {
      // The console is stopping: a command that times out now has no store to go to.
      LOG.debug("Not audited after the store closed: {} {}", outcome.commandId(), outcome.status());
      return;
    }
    try {
      writer.execute(() -> write(outcome));
    } catch (RejectedExecutionException e) {
      LOG.debug("Not audited after the store closed: {} {}", outcome.commandId(), outcome.status());
    }
  }

  private void write(CommandOutcome outcome) {
    try {
      store.audit(outcome);
    } catch (ConsoleStore.StoreException e) {
      LOG.error(
          "Command {} to {} ({}) is missing from the audit log: {}",
          outcome.command().wireName(),
          outcome.hostname(),
          outcome.status(),
          e.getMessage());
    }
  }

  /** Writes what is queued, for at most 10 s, then stops. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("The audit log did not catch up within 10 s; the last entries may be missing");
      writer.shutdownNow();
    }
  }
}
