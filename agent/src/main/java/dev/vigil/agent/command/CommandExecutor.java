package dev.vigil.agent.command;

import dev.vigil.protocol.CommandRequest;
import dev.vigil.protocol.CommandResult;
import dev.vigil.protocol.CommandStatus;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands this agent allows. {@code restart} is a dry run unless the operator started the
 * agent with real restarts enabled: it then logs and reports exactly what it would have run.
 * Thread-safe.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

  /** The commands this build knows; the agent's config narrows them further. */
  public static final List<String> KNOWN = List.of("restart");

  private final boolean realRestart;
  private final List<String> restartCommandLine;

  public CommandExecutor(boolean realRestart, List<String> restartCommandLine) {
    this.realRestart = realRestart;
    this.restartCommandLine = List.copyOf(restartCommandLine);
  }

  /** The restart command line for this operating system. */
  public static List<String> defaultRestartCommandLine() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return List.of("shutdown", "/r", "/t", "0");
    }
    if (os.contains("mac")) {
      return List.of("shutdown", "-r", "now");
    }
    return List.of("systemctl", "reboot");
  }

  /** The commands this agent will run, as announced to the console. */
  public List<String> allowedCommands() {
    return KNOWN;
  }

  /** Runs one request and says what became of it. */
  public CommandResult execute(CommandRequest request) {
    if (!KNOWN.contains(request.command())) {
      LOG.warn(
          "Refused command '{}' ({}): this agent does not allow it",
          request.command(),
          request.commandId());
      return new CommandResult(
          request.commandId(),
          CommandStatus.REFUSED,
          "this agent does not allow '" + request.command() + "'");
    }
    String line = String.join(" ", restartCommandLine);
    if (!realRestart) {
      LOG.info(
          "DRY RUN: restart requested by the console (command {}): would run '{}'."
              + " Start the agent with --allow-real-restart to really restart.",
          request.commandId(),
          line);
      return new CommandResult(
          request.commandId(), CommandStatus.SUCCEEDED, "dry run: would run '" + line + "'");
    }
    LOG.warn(
        "Restarting this machine on the console's request (command {}): running '{}'",
        request.commandId(),
        line);
    try {
      Process p = new ProcessBuilder(restartCommandLine).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        return new CommandResult(
            request.commandId(), CommandStatus.FAILED, "'" + line + "' did not finish within 30 s");
      }
      String output = new String(p.getInputStream().readAllBytes()).trim();
      return p.exitValue() == 0
          ? new CommandResult(request.commandId(), CommandStatus.SUCCEEDED, "ran '" + line + "'")
          : new CommandResult(
              request.commandId(),
              CommandStatus.FAILED,
              "'"
                  + line
                  + "' exited with "
                  + p.exitValue()
                  + (output.isEmpty() ? "" : ": " + abbreviate(output)));
    } catch (IOException e) {
      return new CommandResult(
          request.commandId(),
          CommandStatus.FAILED,
          "could not run '" + line + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(
          request.commandId(), CommandStatus.FAILED, "interrupted while running '" + line + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
