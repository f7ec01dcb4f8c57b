package dev.vigil.agent.command;

import dev.vigil.agent.audit.AuditTrail;
import dev.vigil.common.LogText;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.AllowedServices;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.command.CommandArgument;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a console's command only if this agent's own configuration allows it, and writes every
 * command to the {@link AuditTrail}: its intent before it runs (on disk before anything happens; a
 * command whose intent cannot be written does not run), its outcome after, and refused or malformed
 * ones too. Nothing the console sends can widen the allow-list. Thread-safe.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

  private final AllowList allowed;
  private final AllowedServices services;
  private final HostControl host;
  private final Runnable refresh;
  private final Supplier<String> processes;
  private final AuditTrail audit;

  /**
   * @param allowed the commands this agent's config allows, and where that was set
   * @param host real or dry-run power and process control
   * @param refresh sends a full snapshot now
   * @param processes renders the top processes
   * @param audit the audit log
   */
  public CommandExecutor(
      AllowList allowed,
      HostControl host,
      Runnable refresh,
      Supplier<String> processes,
      AuditTrail audit) {
    this(allowed, AllowedServices.NONE, host, refresh, processes, audit);
  }

  /**
   * @param allowed the commands this agent's config allows, and where that was set
   * @param services the units {@code restart-service} may restart ({@code allow-services})
   * @param host real or dry-run power, service and process control
   * @param refresh sends a full snapshot now
   * @param processes renders the top processes
   * @param audit the audit log
   */
  public CommandExecutor(
      AllowList allowed,
      AllowedServices services,
      HostControl host,
      Runnable refresh,
      Supplier<String> processes,
      AuditTrail audit) {
    this.allowed = allowed;
    this.services = services;
    this.host = host;
    this.refresh = refresh;
    this.processes = processes;
    this.audit = audit;
  }

  /**
   * The commands this agent will run, in a stable order, as announced to the console: {@code
   * restart-service} exactly when {@code allow-services} names a unit.
   */
  public List<String> allowedCommands() {
    return java.util.Arrays.stream(Command.values())
        .filter(c -> c == Command.RESTART_SERVICE ? !services.units().isEmpty() : allowed.allows(c))
        .map(Command::wireName)
        .toList();
  }

  /** The units restart-service may restart, canonical, as announced in the inventory. */
  public List<String> allowedServices() {
    return services.units();
  }

  /**
   * Why a request will not run, as its final outcome: {@code REFUSED} for a command this agent does
   * not know or its config does not allow, {@code FAILED} for arguments that do not fit the command
   * (a kill of PID 1). Empty when it will run: only then does the agent answer {@code ACCEPTED}.
   */
  public Optional<Outcome> rejection(CommandRequest request) {
    Command command = Command.byName(request.command()).orElse(null);
    if (command == null) {
      return Optional.of(
          refused(request, "this agent does not know the command '" + request.command() + "'"));
    }
    if (command == Command.RESTART_SERVICE) {
      // The unit decides, not the command: allow-services names exactly what may be restarted.
      Optional<String> none = services.refusalOfAll();
      if (none.isPresent()) {
        return Optional.of(refused(request, none.get()));
      }
      Map<String, String> arguments;
      try {
        arguments = checked(command, request);
      } catch (CommandFailedException e) {
        return Optional.of(new Outcome(CommandStatus.FAILED, e.getMessage()));
      }
      return services
          .refusal(arguments.get(CommandArgument.UNIT.key()))
          .map(why -> refused(request, why));
    }
    Optional<String> refusal = allowed.refusal(command);
    if (refusal.isPresent()) {
      return Optional.of(refused(request, refusal.get()));
    }
    try {
      checked(command, request);
      return Optional.empty();
    } catch (CommandFailedException e) {
      return Optional.of(new Outcome(CommandStatus.FAILED, e.getMessage()));
    }
  }

  /**
   * What became of a command on this agent.
   *
   * @param status succeeded, failed or refused; for a real restart or shutdown, succeeded means it
   *     is under way and the final result comes from the agent's next start
   * @param detail a sentence for the operator
   */
  public record Outcome(CommandStatus status, String detail) {}

  /**
   * Runs one request and says what became of it.
   *
   * @param issuer the fingerprint of the console that sent it
   */
  public Outcome execute(CommandRequest request, String issuer) {
    Optional<Outcome> rejected = rejection(request);
    if (rejected.isPresent()) {
      audit(request, issuer, rejected.get());
      return rejected.get();
    }
    try {
      audit.append("intent", fields(request, issuer));
    } catch (IOException e) {
      LOG.error(
          "Not running {}: its intent could not be audited: {}", request.command(), e.getMessage());
      return new Outcome(
          CommandStatus.FAILED,
          "the agent did not run it: it cannot write its audit log (" + e.getMessage() + ")");
    }
    Outcome result = run(request);
    audit(request, issuer, result);
    return result;
  }

  private Outcome run(CommandRequest request) {
    Command command = Command.byName(request.command()).orElseThrow();
    try {
      Map<String, String> arguments = checked(command, request);
      String detail =
          switch (command) {
            case RESTART -> host.restart();
            case SHUTDOWN -> host.shutdown();
            case RESTART_SERVICE -> host.restartService(arguments.get(CommandArgument.UNIT.key()));
            case KILL -> host.kill(Long.parseLong(arguments.get(CommandArgument.PID.key())));
            case REFRESH -> {
              refresh.run();
              yield "sent a full snapshot";
            }
            case PROCESSES -> processes.get();
          };
      return new Outcome(CommandStatus.SUCCEEDED, detail);
    } catch (CommandFailedException e) {
      return new Outcome(CommandStatus.FAILED, e.getMessage());
    }
  }

  /** The request's arguments checked against the command; a bad one fails the command. */
  private static Map<String, String> checked(Command command, CommandRequest request)
      throws CommandFailedException {
    try {
      return command.checkArguments(request.arguments());
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(e.getMessage());
    }
  }

  private static Outcome refused(CommandRequest request, String why) {
    LOG.warn(
        "Refused command '{}' ({}): {}",
        LogText.of(request.command()),
        LogText.of(request.commandId()),
        LogText.of(why));
    return new Outcome(CommandStatus.REFUSED, why);
  }

  /**
   * Writes what became of a command to the audit log: an outcome decided elsewhere (a restart's,
   * when the agent is back) or a refusal before it ran.
   */
  public void audit(CommandRequest request, String issuer, Outcome result) {
    Map<String, Object> entry = fields(request, issuer);
    entry.put("outcome", result.status().name());
    entry.put("detail", result.detail());
    boolean ran =
        result.status() == CommandStatus.SUCCEEDED || result.status() == CommandStatus.FAILED;
    write(ran && rejection(request).isEmpty() ? "outcome" : "refused", entry);
  }

  /**
   * Writes a command frame the agent could not read (it closed that session): who sent it and why
   * it was refused.
   */
  public void malformed(String issuer, String reason) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("issuer", issuer);
    entry.put("outcome", "MALFORMED");
    entry.put("detail", reason);
    write("malformed", entry);
  }

  private static Map<String, Object> fields(CommandRequest request, String issuer) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("commandId", request.commandId());
    entry.put("command", request.command());
    entry.put("arguments", request.arguments());
    entry.put("issuer", issuer);
    return entry;
  }

  private void write(String phase, Map<String, Object> entry) {
    try {
      audit.append(phase, entry);
    } catch (IOException e) {
      LOG.error("Could not write the audit log: {}", e.getMessage());
    }
  }
}
