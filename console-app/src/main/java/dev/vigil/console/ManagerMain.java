package dev.vigil.console;

import dev.vigil.common.LogFiles;
import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.common.cli.Cli;
import dev.vigil.common.config.ConfigException;
import dev.vigil.common.config.ConfigFile;
import dev.vigil.common.config.ConfigFileMerge;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.service.ListenerLines;
import dev.vigil.console.service.UntilSignalled;
import dev.vigil.protocol.Protocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code vigil manager} command line: the manager as a service, without a window or a prompt.
 * It never reads standard input, logs to standard error (or a rotated file), prints one line per
 * listener and its key fingerprint, and stops cleanly on SIGTERM with exit code 0.
 */
@Command(
    name = "vigil manager",
    mixinStandardHelpOptions = true,
    versionProvider = ManagerMain.Version.class,
    sortOptions = false,
    description = {
      "Runs the Vigil manager as a service, without a window or a prompt: listens for agents over"
          + " TCP and for their alert datagrams over UDP, keeps the fleet's state, alerts and"
          + " history in its data directory, and runs until SIGTERM. Every option is also a key of"
          + " the --config file (docs/manager.md); the command line wins."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or Ctrl-C",
      "1:could not start (data directory, port in use, log file)",
      "2:bad options or config values (the message names the option or the file, line and key)"
    })
public final class ManagerMain implements Callable<Integer> {
  /** Where every config key is documented, named when a key is unknown. */
  static final String KEYS_DOCUMENT = "docs/manager.md";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Read settings from FILE, 'key = value' lines (the package's: /etc/vigil/manager.conf).")
  Path configFile;

  @CommandLine.Mixin ManagerOptions options = new ManagerOptions();

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description =
          "Log to FILE, rotated at 10 MB with 5 old files kept, instead of standard error (the"
              + " journal under systemd).")
  Path logFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints the manager's version for picocli. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Vigil manager " + ConsoleManager.version(), "protocol " + Protocol.VERSION
      };
    }
  }

  /**
   * What the command line and, under it, the config file ask for.
   *
   * @param config the manager's configuration
   * @param logFile the log file, or null for standard error
   */
  record Resolved(ManagerConfig config, Path logFile) {}

  /**
   * The configuration from the command line over the config file.
   *
   * @throws ConfigException when the file cannot be read or names an unknown key
   * @throws CommandLine.ParameterException for a bad value, naming the option, or the file, line
   *     and key it came from
   */
  Resolved resolve() throws ConfigException {
    ManagerMain effective = this;
    Map<String, String> origins = Map.of();
    if (configFile != null) {
      ConfigFileMerge.Merged<ManagerMain> merged =
          ConfigFileMerge.merge(
              spec,
              ConfigFile.read(configFile, ConfigFileMerge.keys(spec), KEYS_DOCUMENT),
              new ManagerMain());
      effective = merged.command();
      origins = merged.origins();
    }
    return effective.check(new OptionPlace(spec.commandLine(), origins));
  }

  private Resolved check(OptionPlace where) {
    return new Resolved(options.config(where).build(), logFile);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Resolved resolved;
    try {
      resolved = resolve();
    } catch (ConfigException e) {
      err.println("vigil manager: " + e.getMessage());
      return 2;
    }
    if (resolved.logFile() != null) {
      try {
        LogFiles.rotateTo(resolved.logFile());
      } catch (IOException e) {
        err.println("vigil manager: cannot log to " + resolved.logFile() + ": " + e.getMessage());
        return 1;
      }
    }
    ConsoleManager manager = new ConsoleManager(resolved.config());
    try {
      manager.start();
    } catch (IOException e) {
      err.println("vigil manager: " + e.getMessage());
      return e instanceof UnsafePermissionsException ? 2 : 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String line : ListenerLines.of(manager.info())) {
      out.println(line);
      if (resolved.logFile() != null) {
        // standard output may go nowhere when logging to a file
        LoggerFactory.getLogger(ManagerMain.class).info("{}", line);
      }
    }
    out.flush();
    UntilSignalled.run(manager);
    return 0;
  }

  /**
   * Runs the manager; bad options or config get a sentence and exit code 2, never a stack trace.
   */
  public static void main(String[] args) {
    // Log lines say "[manager]"; set before the first logger exists (logback.xml reads it).
    System.setProperty("vigil.log.name", "manager");
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    // "./vigil manager" from the source tree, "vigil-manager" when installed (its launcher sets
    // vigil.command), so that hints name a command that works.
    String command = System.getProperty("vigil.command", "./vigil manager");
    CommandLine cl = Cli.of(new ManagerMain(), "vigil manager", command);
    if (!command.startsWith("./")) {
      cl.setCommandName(command);
    }
    return cl;
  }
}
