package dev.vigil.agent.command;

import dev.vigil.agent.outbox.OutboxHandover;
import dev.vigil.common.LogText;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.session.ConsoleSession;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console's commands off the session's read thread, one virtual thread each: an "accepted"
 * result first when the command will run (known, allowed, its arguments fit), then its outcome,
 * each stored in the outbox before it is sent, so a restart cannot lose it. A real restart or
 * shutdown is recorded in the {@link PowerCommandJournal} before it runs, and its outcome is sent
 * by the agent's next start ({@link #finishPowerCommands}). Thread-safe.
 */
public final class CommandRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final CommandExecutor executor;
  private final OutboxHandover handover;
  private final PowerCommandJournal journal;
  private final ExecutorService commands = Executors.newVirtualThreadPerTaskExecutor();

  public CommandRunner(
      CommandExecutor executor, OutboxHandover handover, PowerCommandJournal journal) {
    this.executor = executor;
    this.handover = handover;
    this.journal = journal;
  }

  /** Starts running {@code request}, which arrived on {@code from}; returns at once. */
  public void submit(CommandRequest request, ConsoleSession from) {
    try {
      commands.execute(() -> run(request, from));
    } catch (RejectedExecutionException e) {
      if (!commands.isShutdown()) {
        throw e;
      }
      // The agent is stopping; the console times the command out, as for any lost session.
      LOG.debug("Command {} not run: the agent is stopping", request.commandId());
    }
  }

  private void run(CommandRequest request, ConsoleSession from) {
    String issuer = from.consoleFingerprint();
    Optional<CommandExecutor.Outcome> rejected = executor.rejection(request);
    if (rejected.isPresent()) {
      executor.audit(request, issuer, rejected.get());
      send(request, rejected.get());
      return;
    }
    OutboxHandover.Stored<CommandResult> accepted =
        handover.append(
            seq ->
                new CommandResult(
                    seq, request.commandId(), CommandStatus.ACCEPTED, "accepted; running"));
    deliver(accepted);
    Command command = Command.byName(request.command()).orElseThrow();
    long key = accepted.message().sequence();
    boolean outlivesAgent = journal.covers(command);
    if (outlivesAgent) {
      journal.record(key, request, issuer);
    }
    CommandExecutor.Outcome outcome = executor.execute(request, issuer);
    if (outlivesAgent && outcome.status() == CommandStatus.SUCCEEDED) {
      LOG.info(
          "{} ({}): {}; its result follows when the agent is back",
          command.wireName(),
          request.commandId(),
          LogText.of(outcome.detail()));
      return;
    }
    send(request, outcome);
    if (outlivesAgent) {
      journal.forget(key); // after the outbox has the result: a crash between sends it twice
    }
  }

  /**
   * Queues the final results of the restarts and shutdowns an earlier run of this agent accepted:
   * succeeded when the machine booted since, failed when it did not. Call before the first session
   * opens, which sends them.
   */
  public void finishPowerCommands() throws IOException {
    for (PowerCommandJournal.Finished f : journal.leftByEarlierRun()) {
      LOG.info(
          "{} ({}), accepted before this start: {}",
          f.request().command(),
          f.request().commandId(),
          LogText.of(f.outcome().detail()));
      executor.audit(f.request(), f.issuer(), f.outcome());
      send(f.request(), f.outcome());
      journal.forget(f.key());
    }
  }

  private void send(CommandRequest request, CommandExecutor.Outcome outcome) {
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
