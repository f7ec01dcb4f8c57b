package dev.vigil.console.manager.commands;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.transport.AgentConnection;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends commands to agents and tracks each to an outcome: succeeded, failed, refused, timed out, or
 * never sent because the agent is not connected. Thread-safe.
 */
public final class CommandService {
  private record Pending(CommandOutcome sent, CompletableFuture<CommandOutcome> future) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Function<String, AgentConnection> connections = id -> null;
  private final AgentRegistry registry;
  private final Listeners listeners;
  private final Duration timeout;

  /**
   * @param timeout how long a command may go unanswered
   */
  public CommandService(AgentRegistry registry, Listeners listeners, Duration timeout) {
    this.registry = registry;
    this.listeners = listeners;
    this.timeout = timeout;
  }

  /** Where commands go: the admitted session of an agent, or null. Until then none is connected. */
  public void attach(Function<String, AgentConnection> sessions) {
    this.connections = sessions;
  }

  /**
   * Why a command may not go to an agent: unknown, not connected, or not allowed by its own config.
   */
  public Optional<String> refusal(String agentId, Command command) {
    Optional<AgentSnapshot> agent = registry.get(agentId);
    if (agent.isEmpty()) {
      return Optional.of("this console does not know the agent " + agentId);
    }
    AgentSnapshot a = agent.get();
    Optional<CommandCheck.Refusal> refusal = CommandCheck.check(a, command);
    if (refusal.isEmpty() && connections.apply(agentId) == null) {
      refusal = Optional.of(CommandCheck.Refusal.OFFLINE);
    }
    return refusal.map(
        r ->
            r == CommandCheck.Refusal.NOT_ALLOWED
                ? a.hostname()
                    + ": "
                    + AllowList.announced(a.allowedCommands(), "its config")
                        .refusal(command)
                        .orElseThrow()
                : a.hostname() + ": " + r.sentence(command));
  }

  /**
   * Sends a command with its arguments; the future completes with its final outcome, never
   * exceptionally. Arguments that do not fit the command fail it before anything is sent.
   */
  public CompletableFuture<CommandOutcome> send(
      String agentId, Command command, Map<String, String> arguments) {
    String commandId = UUID.randomUUID().toString();
    String hostname = registry.get(agentId).map(AgentSnapshot::hostname).orElse(agentId);
    Map<String, String> checked;
    try {
      checked = command.checkArguments(arguments);
    } catch (IllegalArgumentException e) {
      return finish(
          new CommandOutcome(
              commandId, agentId, hostname, command, CommandOutcome.Status.FAILED, e.getMessage()));
    }
    AgentConnection connection = connections.apply(agentId);
    if (connection == null) {
      return finish(
          new CommandOutcome(
              commandId,
              agentId,
              hostname,
              command,
              CommandOutcome.Status.NOT_CONNECTED,
              hostname + " is not connected"));
    }
    CommandOutcome sent =
        new CommandOutcome(
            commandId,
            agentId,
            hostname,
            command,
            CommandOutcome.Status.SENT,
            "sent to " + hostname);
    CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
    pending.put(commandId, new Pending(sent, future));
    listeners.fire(l -> l.commandUpdated(sent));
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () ->
                complete(
                    commandId,
                    CommandOutcome.Status.TIMED_OUT,
                    hostname + " did not answer within " + timeout.toSeconds() + " s"));
    try {
      connection.send(new CommandRequest(commandId, command.wireName(), checked));
    } catch (IOException e) {
      complete(
          commandId,
          CommandOutcome.Status.FAILED,
          "could not send to " + hostname + ": " + e.getMessage());
    }
    return future;
  }

  public void resultReceived(CommandResult result) {
    if (result.status() == CommandStatus.ACCEPTED) {
      acknowledged(result.commandId(), result.detail());
      return;
    }
    CommandOutcome.Status status =
        switch (result.status()) {
          case ACCEPTED -> throw new AssertionError("handled above");
          case SUCCEEDED -> CommandOutcome.Status.SUCCEEDED;
          case FAILED -> CommandOutcome.Status.FAILED;
          case REFUSED -> CommandOutcome.Status.REFUSED;
        };
    complete(result.commandId(), status, result.detail());
  }

  private void acknowledged(String commandId, String detail) {
    Pending p = pending.get(commandId);
    if (p == null) {
      return; // finished already (the final result can overtake a re-sent acceptance)
    }
    CommandOutcome s = p.sent();
    CommandOutcome outcome =
        new CommandOutcome(
            commandId,
            s.agentId(),
            s.hostname(),
            s.command(),
            CommandOutcome.Status.ACKNOWLEDGED,
            detail);
    listeners.fire(l -> l.commandUpdated(outcome));
  }

  private void complete(String commandId, CommandOutcome.Status status, String detail) {
    Pending p = pending.remove(commandId);
    if (p == null) {
      return;
    }
    CommandOutcome s = p.sent();
    CommandOutcome outcome =
        new CommandOutcome(commandId, s.agentId(), s.hostname(), s.command(), status, detail);
    listeners.fire(l -> l.commandUpdated(outcome));
    p.future().complete(outcome);
  }

  private CompletableFuture<CommandOutcome> finish(CommandOutcome outcome) {
    listeners.fire(l -> l.commandUpdated(outcome));
    return CompletableFuture.completedFuture(outcome);
  }
}
