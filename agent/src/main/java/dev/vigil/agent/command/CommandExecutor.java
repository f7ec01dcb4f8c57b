package dev.vigil.agent.command;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.vigil.protocol.CommandRequest;
import dev.vigil.protocol.CommandStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a console's command only if this agent's own configuration allows it, and writes every
 * command, run or refused, to the audit log ({@code audit.log} in the data directory, one JSON
 * object per line). Nothing the console sends can widen the allow-list. Thread-safe.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** Every command this build knows. */
  public static final List<String> KNOWN =
      List.of("restart", "shutdown", "kill", "refresh", "processes");

  /** Allowed unless the config says otherwise: the ones that change nothing. */
  public static final List<String> DEFAULT_ALLOWED = List.of("refresh", "processes");

  private final Set<String> allowed;
  private final HostControl host;
  private final Runnable refresh;
  private final Supplier<String> processes;
  private final Path auditLog;
  private final String allowSource;
  private final ReentrantLock auditLock = new ReentrantLock();

  /**
   * @param allowed the commands this agent's config allows
   * @param allowSource where the allow-list came from, for refusals ("--allow", "agent.conf line
   *     4")
   * @param host real or dry-run power and process control
   * @param refresh sends a full snapshot now
   * @param processes renders the top processes
   * @param auditLog the audit log file
   */
  public CommandExecutor(
      Set<String> allowed,
      String allowSource,
      HostControl host,
      Runnable refresh,
      Supplier<String> processes,
      Path auditLog) {
    this.allowed = Set.copyOf(allowed);
    this.allowSource = allowSource;
    this.host = host;
    this.refresh = refresh;
    this.processes = processes;
    this.auditLog = auditLog;
  }

  /** The commands this agent will run, in a stable order, as announced to the console. */
  public List<String> allowedCommands() {
    return KNOWN.stream().filter(allowed::contains).toList();
  }

  /**
   * What became of a command on this agent.
   *
   * @param status succeeded, failed or refused
   * @param detail a sentence for the operator
   */
  public record Outcome(CommandStatus status, String detail) {}

  /**
   * Runs one request and says what became of it.
   *
   * @param issuer the fingerprint of the console that sent it
   */
  public Outcome execute(CommandRequest request, String issuer) {
    Outcome result = decide(request);
    audit(request, issuer, result);
    return result;
  }

  private Outcome decide(CommandRequest request) {
    String name = request.command();
    if (!KNOWN.contains(name)) {
      return refused(request, "this agent does not know the command '" + name + "'");
    }
    if (!allowed.contains(name)) {
      return refused(
          request,
          "this agent's config does not allow '"
              + name
              + "' (allowed: "
              + (allowed.isEmpty() ? "nothing" : String.join(", ", allowedCommands()))
              + ", set by "
              + allowSource
              + ")");
    }
    try {
      String detail =
          switch (name) {
            case "restart" -> host.restart();
            case "shutdown" -> host.shutdown();
            case "kill" -> host.kill(pid(request));
            case "refresh" -> {
              refresh.run();
              yield "sent a full snapshot";
            }
            case "processes" -> processes.get();
            default -> throw new IllegalStateException("unhandled known command " + name);
          };
      return new Outcome(CommandStatus.SUCCEEDED, detail);
    } catch (CommandFailedException e) {
      return new Outcome(CommandStatus.FAILED, e.getMessage());
    }
  }

  private static long pid(CommandRequest request) throws CommandFailedException {
    String text = request.arguments().get("pid");
    if (text == null) {
      throw new CommandFailedException("kill needs a 'pid' argument");
    }
    try {
      long pid = Long.parseLong(text);
      if (pid <= 1) {
        throw new CommandFailedException("kill refuses PID " + pid);
      }
      return pid;
    } catch (NumberFormatException e) {
      throw new CommandFailedException("'" + text + "' is not a process id");
    }
  }

  private static Outcome refused(CommandRequest request, String why) {
    LOG.warn("Refused command '{}' ({}): {}", request.command(), request.commandId(), why);
    return new Outcome(CommandStatus.REFUSED, why);
  }

  private void audit(CommandRequest request, String issuer, Outcome result) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("time", Instant.now().toString());
    entry.put("commandId", request.commandId());
    entry.put("command", request.command());
    entry.put("arguments", request.arguments());
    entry.put("issuer", issuer);
    entry.put("outcome", result.status().name());
    entry.put("detail", result.detail());
    String line = GSON.toJson(entry) + "\n";
    auditLock.lock();
    try {
      Files.writeString(
          auditLog,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("Could not write the audit log {}: {}", auditLog, e.getMessage());
    } finally {
      auditLock.unlock();
    }
  }
}
