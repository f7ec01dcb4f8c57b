package dev.vigil.console.manager.commands;

import dev.vigil.console.manager.api.AgentSnapshot;
import dev.vigil.console.manager.api.CommandCheck;
import dev.vigil.console.manager.api.CommandOutcome;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.fleet.Listeners;
import dev.vigil.console.manager.transport.AgentConnection;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.command.CommandArgument;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands to agents and tracks each to an outcome: succeeded, failed, refused, timed out, or
 * never sent because the agent is not connected. A command is answered within the answer timeout
 * (the agent's {@code ACCEPTED}, or its result); once accepted, it has until its own {@link
 * Command#deadline()} for its final result, which may arrive over a later session of the same agent
 * (a restart's comes from the agent's next start). A session ending does not end a command. Results
 * for commands this console is not waiting for are ignored. Thread-safe.
 */
public final class CommandService {
  private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

  /**
   * A command waiting for its agent, in one phase: sent (the answer timeout runs) or accepted (its
   * deadline runs). A phase is replaced, never changed, and timers end only the phase they were set
   * for, so a timer that fires as the acceptance arrives cannot end the accepted command. Identity
   * equality on purpose: the map's conditional {@code remove} and {@code replace} compare phases.
   */
  private static final class Pending {
    final CommandOutcome current;
    final CompletableFuture<CommandOutcome> future;
    final String agentKey;

    Pending(CommandOutcome current, CompletableFuture<CommandOutcome> future, String agentKey) {
      this.current = current;
      this.future = future;
      this.agentKey = agentKey;
    }
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Function<String, AgentConnection> connections = id -> null;
  private volatile BiConsumer<String, Operator> issued = (id, who) -> {};
  private final AgentRegistry registry;
  private final Listeners listeners;
  private final Duration timeout;
  private final Function<Command, Duration> deadlines;

  /**
   * @param timeout how long a command may go unanswered
   * @param deadlines how long an accepted command may take to send its final result
   */
  public CommandService(
      AgentRegistry registry,
      Listeners listeners,
      Duration timeout,
      Function<Command, Duration> deadlines) {
    this.registry = registry;
    this.listeners = listeners;
    this.timeout = timeout;
    this.deadlines = deadlines;
  }

  /** Who sent which command: told each command's id and operator before its first state. */
  public void onIssue(BiConsumer<String, Operator> hook) {
    this.issued = hook;
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
    return send(null, agentId, command, arguments);
  }

  /**
   * Sends a command for an operator, who is handed to the {@link #onIssue} hook with the command's
   * id before any of its states is reported (the audit names them on every row).
   */
  public CompletableFuture<CommandOutcome> send(
      Operator who, String agentId, Command command, Map<String, String> arguments) {
    String commandId = UUID.randomUUID().toString();
    if (who != null) {
      issued.accept(commandId, who);
    }
    String hostname = registry.get(agentId).map(AgentSnapshot::hostname).orElse(agentId);
    Map<String, String> checked;
    try {
      checked = command.checkArguments(arguments);
    } catch (IllegalArgumentException e) {
      return finish(
          new CommandOutcome(
              commandId, agentId, hostname, command, CommandOutcome.Status.FAILED, e.getMessage()));
    }
    Optional<String> unitRefused = unitRefusal(agentId, command, checked);
    if (unitRefused.isPresent()) {
      return finish(
          new CommandOutcome(
              commandId,
              agentId,
              hostname,
              command,
              CommandOutcome.Status.REFUSED,
              hostname + ": " + unitRefused.get()));
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
            "sent to " + hostname + spokenArguments(checked));
    CompletableFuture<CommandOutcome> future = new CompletableFuture<>();
    Pending waiting = new Pending(sent, future, connection.fingerprint());
    pending.put(commandId, waiting);
    listeners.fire(l -> l.commandUpdated(sent));
    expireAfter(
        timeout, commandId, waiting, hostname + " did not answer within " + spoken(timeout));
    try {
      connection.send(new CommandRequest(commandId, command.wireName(), checked));
    } catch (IOException e) {
      complete(
          commandId,
          waiting,
          CommandOutcome.Status.FAILED,
          "could not send to " + hostname + ": " + e.getMessage());
    }
    return future;
  }

  /**
   * Why a restart-service goes nowhere: the unit is not among those the agent announced. Spares the
   * trip and audits the refusal here; the agent's own list still decides when the console has not
   * heard it yet.
   */
  private Optional<String> unitRefusal(
      String agentId, Command command, Map<String, String> checked) {
    if (command != Command.RESTART_SERVICE) {
      return Optional.empty();
    }
    return registry
        .get(agentId)
        .filter(a -> !a.allowedServices().isEmpty())
        .flatMap(
            a ->
                AllowedServices.announced(a.allowedServices(), "its config")
                    .refusal(checked.get(CommandArgument.UNIT.key())));
  }

  /** A command's arguments for its audit row: " (unit nginx.service)", or nothing. */
  private static String spokenArguments(Map<String, String> checked) {
    if (checked.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" (");
    new java.util.TreeMap<>(checked)
        .forEach(
            (k, v) -> out.append(out.length() > 2 ? ", " : "").append(k).append(' ').append(v));
    return out.append(')').toString();
  }

  /**
   * A {@code command_result} from an agent: {@code ACCEPTED} starts the command's deadline, any
   * other status completes it. Accepted only from a session of the agent the command went to that
   * authenticated with the same key as the session it was sent on (that one, or the agent's next,
   * as a restart's result needs); from any other session it is ignored and logged.
   *
   * @param agentKey the key fingerprint the sending session authenticated with
   */
  public void resultReceived(String agentId, String agentKey, CommandResult result) {
    Pending p = pending.get(result.commandId());
    if (p != null && !(p.current.agentId().equals(agentId) && p.agentKey.equals(agentKey))) {
      LOG.warn(
          "Ignored a {} result for command {} from agent {} (key {}): the command went to agent"
              + " {} over a session with key {}",
          result.status(),
          result.commandId(),
          agentId,
          agentKey,
          p.current.agentId(),
          p.agentKey);
      return;
    }
    if (p == null) {
      // A result re-sent after it was received, one for a command that timed out, or one a
      // console that restarted since no longer knows: nothing waits for it.
      LOG.debug(
          "Ignored the {} result of command {} from {}: no command of that agent waits for it",
          result.status(),
          result.commandId(),
          agentId);
      return;
    }
    CommandOutcome.Status status =
        switch (result.status()) {
          case ACCEPTED -> CommandOutcome.Status.ACKNOWLEDGED;
          case SUCCEEDED -> CommandOutcome.Status.SUCCEEDED;
          case FAILED -> CommandOutcome.Status.FAILED;
          case REFUSED -> CommandOutcome.Status.REFUSED;
        };
    if (status == CommandOutcome.Status.ACKNOWLEDGED) {
      accepted(result.commandId(), p);
    } else {
      complete(result.commandId(), p, status, result.detail());
    }
  }

  /** The agent started the command: the answer timeout is over, the command's deadline begins. */
  private void accepted(String commandId, Pending sent) {
    CommandOutcome s = sent.current;
    if (s.status() == CommandOutcome.Status.ACKNOWLEDGED) {
      return; // an acceptance re-sent on a new session: the deadline runs from the first
    }
    Duration deadline = deadlines.apply(s.command());
    CommandOutcome outcome =
        new CommandOutcome(
            commandId,
            s.agentId(),
            s.hostname(),
            s.command(),
            CommandOutcome.Status.ACKNOWLEDGED,
            "accepted by "
                + s.hostname()
                + "; waiting up to "
                + spoken(deadline)
                + " for its result");
    Pending accepted = new Pending(outcome, sent.future, sent.agentKey);
    if (!pending.replace(commandId, sent, accepted)) {
      return; // timed out, or finished, while the acceptance was on its way
    }
    listeners.fire(l -> l.commandUpdated(outcome));
    expireAfter(
        deadline,
        commandId,
        accepted,
        s.hostname()
            + " accepted "
            + s.command().wireName()
            + " but sent no result within its deadline of "
            + spoken(deadline));
  }

  /** Times out {@code phase} after {@code delay} unless the command has moved on by then. */
  private void expireAfter(Duration delay, String commandId, Pending phase, String detail) {
    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> complete(commandId, phase, CommandOutcome.Status.TIMED_OUT, detail));
  }

  /** Ends the command with a final outcome, if it is still in {@code phase}. */
  private void complete(
      String commandId, Pending phase, CommandOutcome.Status status, String detail) {
    if (!pending.remove(commandId, phase)) {
      return;
    }
    CommandOutcome s = phase.current;
    CommandOutcome outcome =
        new CommandOutcome(commandId, s.agentId(), s.hostname(), s.command(), status, detail);
    listeners.fire(l -> l.commandUpdated(outcome));
    phase.future.complete(outcome);
  }

  /** A duration as a person says it: "15 s", "10 min", "1 h", "500 ms". */
  static String spoken(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + " h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + " min";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + " s";
    }
    return ms + " ms";
  }

  private CompletableFuture<CommandOutcome> finish(CommandOutcome outcome) {
    listeners.fire(l -> l.commandUpdated(outcome));
    return CompletableFuture.completedFuture(outcome);
  }
}
