package dev.vigil.console;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.cli.Cli;
import dev.vigil.console.headless.HeadlessConsole;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.service.ListenerLines;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code vigil console} command line: starts the manager, then either the desktop window or the
 * headless text interface. Not an {@code Application} subclass, so it runs from the classpath.
 */
@Command(
    name = "vigil console",
    mixinStandardHelpOptions = true,
    versionProvider = ConsoleMain.Version.class,
    sortOptions = false,
    description = {
      "Runs the Vigil console: listens for agents over TCP and for their alert datagrams over UDP,"
          + " shows the fleet in a window (or, with --headless, a text command interface on"
          + " stdin/stdout) and sends commands to agents."
    })
public final class ConsoleMain implements Callable<Integer> {

  @Option(
      names = "--headless",
      description = "No window: a text command interface on stdin/stdout.")
  boolean headless;

  @Option(
      names = "--json",
      description =
          "With --headless: answer every command with one line of JSON, for scripts; power"
              + " commands then need --yes.")
  boolean json;

  @CommandLine.Mixin ManagerOptions options = new ManagerOptions();

  @Option(
      names = "--enroll-local",
      description =
          "With --port-file: also write a single-use, 10-minute enrollment token for an agent on this machine.")
  boolean enrollLocal;

  @Option(
      names = "--enroll-uses",
      paramLabel = "N",
      description =
          "With --enroll-local: the token admits N agents, for example a local swarm (default: 1).")
  int enrollUses = 1;

  @Option(
      names = "--port-file",
      paramLabel = "FILE",
      description =
          "Once listening, write tcp=PORT, udp=PORT and fingerprint=SHA256:... lines to FILE.")
  Path portFile;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description =
          "The window's settings file: theme, popups, layout, and ports and data directory for"
              + " when they are not given here (default: ~/.config/vigil/console.properties).")
  Path settingsFile;

  @CommandLine.Mixin AttachOptions attach = new AttachOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Prints the console's version for picocli. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Vigil console " + ConsoleManager.version(), "protocol " + Protocol.VERSION
      };
    }
  }

  @Override
  public Integer call() throws Exception {
    if (attach.connect != null) {
      // An attached console runs no manager: the data directory someone names for it is where it
      // keeps its own key and the managers it pinned (seen by hand: ignored, it attached with the
      // key of the default directory, as another operator).
      CommandLine.ParseResult given = spec.commandLine().getParseResult();
      if (given.hasMatchedOption("--data-dir")) {
        if (given.hasMatchedOption("--attach-dir")) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "with --connect, give --attach-dir or --data-dir, not both: either names where this"
                  + " console keeps its key");
        }
        attach.dataDir = options.dataDir;
      }
      return AttachedConsole.run(attach, headless, json, settingsFile, spec.commandLine());
    }
    Settings settings = null;
    CommandLine.ParseResult named = spec.commandLine().getParseResult();
    // Ports not named are kept from one start to the next, so attached agents reconnect.
    boolean keepPorts =
        !named.hasMatchedOption("--tcp-port") && !named.hasMatchedOption("--udp-port");
    if (!headless) {
      settings = Settings.load(settingsFile != null ? settingsFile : Settings.defaultFile());
      // The window's saved choices apply where the command line is silent.
      if (!named.hasMatchedOption("--tcp-port")) {
        options.tcpPort = settings.port("tcp.port").orElse(options.tcpPort);
      }
      if (!named.hasMatchedOption("--udp-port")) {
        options.udpPort = settings.port("udp.port").orElse(options.udpPort);
      }
      keepPorts &= settings.port("tcp.port").isEmpty() && settings.port("udp.port").isEmpty();
      if (!named.hasMatchedOption("--metrics-port")) {
        options.metricsPort = settings.port("metrics.port").orElse(options.metricsPort);
      }
      if (!named.hasMatchedOption("--data-dir")) {
        options.dataDir = settings.dataDir().orElse(options.dataDir);
      }
    }
    if (enrollUses < 1 || enrollUses > 100_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--enroll-uses must be from 1 to 100000");
    }
    if (json && !headless) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--json only works with --headless");
    }
    ManagerConfig config =
        options.config(new OptionPlace(spec.commandLine(), Map.of())).keepPorts(keepPorts).build();
    ConsoleManager manager = new ConsoleManager(config);
    try {
      manager.start();
    } catch (IOException e) {
      spec.commandLine().getErr().println("vigil console: " + e.getMessage());
      return e instanceof dev.vigil.common.UnsafePermissionsException ? 2 : 1;
    }
    PrintStream out = System.out;
    ManagerInfo info = manager.info();
    out.println(
        "Vigil console listening on tcp "
            + ListenerLines.format(info.agentListener())
            + " (agents)");
    out.println(
        "Vigil console listening on udp "
            + ListenerLines.format(info.alertListener())
            + " (alert datagrams)");
    if (info.metricsListener() != null) {
      out.println(
          "Vigil console listening on http "
              + ListenerLines.format(info.metricsListener())
              + " (/metrics)");
    }
    manager
        .operatorListener()
        .ifPresent(
            a ->
                out.println(
                    "Vigil console listening on tcp " + ListenerLines.format(a) + " (operators)"));
    if (options.insecure) {
      out.println(
          "WARNING: --insecure: agent sessions are plain TCP without keys. Use this only in a lab.");
    } else {
      out.println("Console key fingerprint " + info.keyFingerprint().orElseThrow());
    }
    out.flush();
    if (portFile != null) {
      writePortFile(manager);
    }
    try {
      if (headless) {
        boolean quit =
            new HeadlessConsole(
                    manager,
                    Operator.local(),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    out,
                    json)
                .run();
        if (!quit) {
          UntilStopped.run(manager);
        }
      } else {
        DesktopLauncher.run(manager, settings);
      }
    } finally {
      manager.close();
    }
    return 0;
  }

  private void writePortFile(ConsoleManager manager) throws IOException {
    StringBuilder text = new StringBuilder();
    ManagerInfo info = manager.info();
    text.append("tcp=").append(info.agentListener().getPort()).append('\n');
    text.append("udp=").append(info.alertListener().getPort()).append('\n');
    info.keyFingerprint().ifPresent(f -> text.append("fingerprint=").append(f).append('\n'));
    if (enrollLocal) {
      text.append("token=")
          .append(manager.enroll(Operator.local(), Duration.ofMinutes(10), enrollUses).token())
          .append('\n');
    }
    DataDirectories.writePrivately(portFile, text.toString());
  }

  /** Runs the console; bad options get a sentence and exit code 2, never a stack trace. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = Cli.of(new ConsoleMain(), "vigil console", "./vigil console");
    return cl;
  }
}
