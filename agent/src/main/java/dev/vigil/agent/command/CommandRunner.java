package dev.vigil.agent.command;

import dev.vigil.agent.outbox.OutboxHandover;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.session.ConsoleSession;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console's commands off the session's read thread, one virtual thread each: an "accepted"
 * result first when the command is allowed, then its outcome, each stored in the outbox before it
 * is sent, so a restart cannot lose it. Thread-safe.
 */
public final class CommandRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final CommandExecutor executor;
  private final OutboxHandover handover;
  private final ExecutorService commands = Executors.newVirtualThreadPerTaskExecutor();

  public CommandRunner(CommandExecutor executor, OutboxHandover handover) {
    this.executor = executor;
    this.handover = handover;
  }

  /** Starts running {@code request}, which arrived on {@code from}; returns at once. */
  public void submit(CommandRequest request, ConsoleSession from) {
    commands.execute(() -> run(request, from));
  }

  private void run(CommandRequest request, ConsoleSession from) {
    if (executor.allows(request)) {
      deliver(
          handover.append(
              seq ->
                  new CommandResult(
                      seq, request.commandId(), CommandStatus.ACCEPTED, "accepted; running")));
    }
    CommandExecutor.Outcome outcome = executor.execute(request, from.consoleFingerprint());
    deliver(
        handover.append(
            seq ->
                new CommandResult(seq, request.commandId(), outcome.status(), outcome.detail())));
  }

  /** Sends a command result now if a session is open; the outbox re-sends it otherwise. */
  private void deliver(OutboxHandover.Stored<CommandResult> stored) {
    CommandResult result = stored.message();
    ConsoleSession current = stored.session();
    if (current == null) {
      return; // sent when the next session opens
    }
    try {
      current.send(result);
    } catch (IOException e) {
      LOG.debug("The result of command {} will be re-sent: {}", result.commandId(), e.getMessage());
    }
  }

  /** Stops running commands. */
  @Override
  public void close() {
    commands.shutdownNow();
  }
}
