package dev.vigil.agent;

import dev.vigil.agent.alert.RuleLevels;
import dev.vigil.agent.config.ConfigException;
import dev.vigil.agent.config.ConfigFile;
import dev.vigil.agent.probe.OshiSystemProbe;
import dev.vigil.common.DataDirectories;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code vigil agent} command line: parses and checks options, then runs an {@link Agent}. */
@CommandLine.Command(
    name = "vigil agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    sortOptions = false,
    description = {
      "Runs the Vigil agent: reports this machine to a Vigil console every second over mutual TLS,"
          + " raises alerts, and runs only the console commands this agent's own config allows."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally",
      "1:could not start (data directory, config file, key files)",
      "2:bad options or config values (the message names the option or the file, line and key)"
    })
public final class AgentMain implements Callable<Integer> {

  @Option(
      names = "--manager",
      paramLabel = "HOST:PORT",
      description =
          "Client mode: the console to dial, for example console.example.org:"
              + Protocol.DEFAULT_TCP_PORT)
  String manager;

  @Option(
      names = "--listen",
      paramLabel = "[HOST:]PORT",
      description =
          "Server mode: wait for the console to dial in on this port (needs --console-fingerprint).")
  String listen;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the agent keeps its identity (default: ${DEFAULT-VALUE}).")
  Path dataDir = defaultDataDir();

  @Option(
      names = "--stats-interval",
      paramLabel = "SECONDS",
      description = "Seconds between reports (default: ${DEFAULT-VALUE}).")
  double statsIntervalSeconds = 1;

  @Option(
      names = "--cpu-alert",
      paramLabel = "RULE",
      description =
          "CPU rule, as 'warning N, critical N, clear N, for Ns' or 'off' (default: ${DEFAULT-VALUE}).")
  String cpuAlert = "critical 90, clear 80, for 30s";

  @Option(
      names = "--memory-alert",
      paramLabel = "RULE",
      description = "Memory-in-use rule, percent (default: ${DEFAULT-VALUE}).")
  String memoryAlert = "warning 90, critical 95, clear 85, for 60s";

  @Option(
      names = "--swap-alert",
      paramLabel = "RULE",
      description = "Swap-in-use rule, percent (default: ${DEFAULT-VALUE}).")
  String swapAlert = "warning 50, critical 80, clear 40, for 60s";

  @Option(
      names = "--disk-alert",
      paramLabel = "RULE",
      description = "Rule for each real file system, percent full (default: ${DEFAULT-VALUE}).")
  String diskAlert = "warning 85, critical 95, clear 80, for 0s";

  @Option(
      names = "--processes-alert",
      paramLabel = "RULE",
      description = "Rule for the number of processes (default: ${DEFAULT-VALUE}).")
  String processesAlert = "off";

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Enrollment token from the console's operator (\"Add agent\" or the headless 'token'"
              + " command); without one the agent waits for approval on the console.")
  String token;

  @Option(
      names = "--console-fingerprint",
      paramLabel = "SHA256:...",
      description =
          "The console's key, as shown with the token. Without it the key seen on the first"
              + " connection is trusted and pinned.")
  String consoleFingerprint;

  @Option(
      names = "--insecure",
      arity = "0..1",
      paramLabel = "true|false",
      description = "Plain TCP without keys, for labs only (warns at every start).")
  boolean insecure;

  @Option(
      names = "--allow",
      paramLabel = "COMMANDS",
      split = ",",
      description =
          "Commands the console may run here, comma-separated, from: restart, shutdown, kill,"
              + " refresh, processes (default: refresh,processes; every power action is off)."
              + " 'none' allows nothing.")
  List<String> allow;

  @Option(
      names = "--dry-run",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Allowed power and kill commands only log and report what they would do (default: false).")
  boolean dryRun;

  @Option(
      names = "--outbox-limit",
      paramLabel = "N",
      description =
          "Unacknowledged alerts kept on disk while the console is away; past it the oldest are"
              + " dropped and counted (default: ${DEFAULT-VALUE}).")
  int outboxLimit = 10_000;

  @Option(
      names = "--initial-delay",
      paramLabel = "SECONDS",
      description =
          "Wait a random time up to this before the first connection, so that a fleet restarted"
              + " together does not dial in together (default: ${DEFAULT-VALUE}).")
  double initialDelaySeconds = 5;

  @Option(
      names = "--cpu-budget",
      paramLabel = "PERCENT",
      description =
          "The agent's own CPU budget, share of one core; over it for a minute, the agent slows its"
              + " slow probes and says so (default: ${DEFAULT-VALUE}).")
  double cpuBudgetPercent = 2;

  @Option(
      names = "--memory-budget",
      paramLabel = "MB",
      description = "The agent's own resident memory budget (default: ${DEFAULT-VALUE}).")
  long memoryBudgetMegabytes = 160;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description =
          "Log to FILE, rotated at 10 MB with 5 old files kept, instead of standard error"
              + " (the journal under systemd).")
  Path logFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Read settings from FILE (key = value per line, keys as the long options without"
              + " dashes; see docs/agent.md). Options on the command line win.")
  Path configFile;

  private Path effectiveLogFile;

  /** Where each setting came from when it was not given on the command line. */
  private Map<String, String> origins = Map.of();

  /** Prints the agent's version for picocli. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Vigil agent " + Versions.agentVersion(), "protocol " + Protocol.VERSION
      };
    }
  }

  static Path defaultDataDir() {
    return DataDirectories.defaultFor("agent");
  }

  /** Checks the options and turns them into a config, naming the option at fault. */
  private record HostPort(String host, int port) {}

  /** Parses HOST:PORT (or PORT alone when a default host is given), naming the option at fault. */
  private static HostPort hostPort(
      CommandLine.Model.CommandSpec spec, String option, String value, String defaultHost) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? defaultHost : value.substring(0, colon);
    String portText = value.substring(colon + 1);
    if (host == null || host.isEmpty() || portText.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option
              + " must be HOST:PORT, for example 127.0.0.1:"
              + Protocol.DEFAULT_TCP_PORT
              + ", got '"
              + value
              + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    int lowest = defaultHost == null ? 1 : 0;
    if (port < lowest || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option + " port must be a number from " + lowest + " to 65535, got '" + portText + "'");
    }
    return new HostPort(host, port);
  }

  private RuleLevels rule(CommandLine.Model.CommandSpec spec, String option, String text) {
    try {
      return RuleLevels.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where(option) + ": " + e.getMessage());
    }
  }

  /** How to name a setting in an error: the option, or the config file's line and key. */
  private String where(String option) {
    return origins.getOrDefault(option, option);
  }

  /** Checks the options and turns them into a config, naming the option at fault. */
  AgentConfig toConfig(CommandLine.Model.CommandSpec spec) {
    if ((manager == null) == (listen == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give either --manager HOST:PORT (the agent dials the console) or --listen PORT (the"
              + " console dials the agent)");
    }
    String host = null;
    int port = 0;
    InetSocketAddress listenAddress = null;
    if (manager != null) {
      HostPort hp = hostPort(spec, where("--manager"), manager, null);
      host = hp.host();
      port = hp.port();
    } else {
      HostPort hp = hostPort(spec, where("--listen"), listen, "0.0.0.0");
      listenAddress = new InetSocketAddress(hp.host(), hp.port());
      if (consoleFingerprint == null && !insecure) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--listen needs --console-fingerprint, so that only your console can command this agent"
                + " (the console prints its fingerprint at start; headless: 'fingerprint')");
      }
    }
    if (!(statsIntervalSeconds >= 0.1 && statsIntervalSeconds <= 3600)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--stats-interval") + " must be between 0.1 and 3600 seconds");
    }
    Map<String, RuleLevels> rules = new LinkedHashMap<>();
    rules.put("cpu", rule(spec, "--cpu-alert", cpuAlert));
    rules.put("memory", rule(spec, "--memory-alert", memoryAlert));
    rules.put("swap", rule(spec, "--swap-alert", swapAlert));
    rules.put("disk", rule(spec, "--disk-alert", diskAlert));
    rules.put("processes", rule(spec, "--processes-alert", processesAlert));
    Fingerprint pin = null;
    if (consoleFingerprint != null) {
      try {
        pin = Fingerprint.parse(consoleFingerprint);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), where("--console-fingerprint") + ": " + e.getMessage());
      }
    }
    if (!(initialDelaySeconds >= 0 && initialDelaySeconds <= 3600)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--initial-delay") + " must be between 0 and 3600 seconds");
    }
    if (!(cpuBudgetPercent > 0 && cpuBudgetPercent <= 100)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--cpu-budget") + " must be above 0 and at most 100");
    }
    if (memoryBudgetMegabytes < 16 || memoryBudgetMegabytes > 1_000_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--memory-budget") + " must be from 16 to 1000000 MB");
    }
    if (outboxLimit < 1 || outboxLimit > 10_000_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--outbox-limit") + " must be from 1 to 10000000");
    }
    if (token != null && (token.isBlank() || token.length() > 128)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), where("--token") + " must be 1 to 128 characters");
    }
    if (insecure && pin != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--insecure and --console-fingerprint contradict each other: insecure mode checks no keys");
    }
    return new AgentConfig(
        host,
        port,
        dataDir,
        Duration.ofMillis(Math.round(statsIntervalSeconds * 1000)),
        rules,
        allowedCommands(spec),
        allow == null ? "the default" : where("--allow"),
        dryRun,
        token,
        pin,
        insecure,
        listenAddress,
        outboxLimit,
        Duration.ofMillis(Math.round(initialDelaySeconds * 1000)),
        cpuBudgetPercent,
        memoryBudgetMegabytes << 20);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Set<String> allowedCommands(CommandLine.Model.CommandSpec spec) {
    if (allow == null) {
      return Command.DEFAULT_ALLOWED.stream().map(Command::wireName).collect(Collectors.toSet());
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String raw : allow) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.equals("none") || name.isEmpty()) {
        continue;
      }
      if (Command.byName(name).isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            where("--allow")
                + ": unknown command '"
                + raw.trim()
                + "'; choose from "
                + Command.names(List.of(Command.values())));
      }
      chosen.add(name);
    }
    return chosen;
  }

  /** The config file's keys: every long option but --config, --help and --version. */
  static Set<String> configKeys(CommandLine.Model.CommandSpec spec) {
    Set<String> keys = new LinkedHashSet<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (name.startsWith("--") && !List.of("--config", "--help", "--version").contains(name)) {
        keys.add(name.substring(2));
      }
    }
    return keys;
  }

  /**
   * The settings of the config file, overridden by the command line, parsed again so that a bad
   * value is reported with its file, line and key.
   */
  private AgentMain withConfigFile(ConfigFile file) {
    List<String> cli = spec.commandLine().getParseResult().originalArgs();
    List<String> args = new ArrayList<>(file.asArguments());
    args.addAll(cli);
    AgentMain merged = new AgentMain();
    CommandLine cl = new CommandLine(merged);
    cl.setOverwrittenOptionsAllowed(true);
    Map<String, String> fromFile = new HashMap<>();
    for (ConfigFile.Entry e : file.entries()) {
      String option = "--" + e.key();
      boolean onCommandLine =
          cli.stream().anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
      if (!onCommandLine) {
        fromFile.put(option, file.origin(e));
      }
    }
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      String option =
          e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() : null;
      String origin = option == null ? null : fromFile.get(option);
      throw new CommandLine.ParameterException(
          spec.commandLine(), origin == null ? e.getMessage() : origin + ": " + e.getMessage());
    }
    merged.origins = fromFile;
    merged.spec = spec;
    return merged;
  }

  /** The config from the command line and, under it, the config file. */
  AgentConfig resolve() throws ConfigException {
    AgentMain effective = this;
    if (configFile != null) {
      effective = withConfigFile(ConfigFile.read(configFile, configKeys(spec)));
    }
    effectiveLogFile = effective.logFile;
    return effective.toConfig(spec);
  }

  @Override
  public Integer call() throws Exception {
    AgentConfig config = resolve();
    Path logTo = effectiveLogFile;
    if (logTo != null) {
      try {
        LogFiles.rotateTo(logTo);
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("vigil agent: cannot log to " + logTo + ": " + e.getMessage());
        return 1;
      }
    }
    UUID id;
    try {
      id = AgentIdentity.loadOrCreate(config.dataDir());
    } catch (IOException e) {
      System.err.println(
          "vigil agent: cannot use data directory " + config.dataDir() + ": " + e.getMessage());
      System.err.println("Choose another with --data-dir, or fix its permissions.");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Agent agent = new Agent(config, id, new OshiSystemProbe());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                },
                "vigil-agent-shutdown"));
    agent.start();
    stopped.await();
    return 0;
  }

  /** Runs the agent; exits 2 on bad options with a sentence, never a stack trace. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AgentMain());
    // How the user started the agent: "./vigil agent" from the source tree, "vigil-agent" when
    // installed (the packaged launcher sets vigil.command), so that hints name a command that
    // works.
    String command = System.getProperty("vigil.command", "./vigil agent");
    if (!command.startsWith("./")) {
      cl.setCommandName(command);
    }
    cl.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("vigil agent: " + e.getMessage());
          e.getCommandLine().getErr().println("Run '" + command + " --help' for the options.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("vigil agent: " + e.getMessage());
          return 1;
        });
    return cl;
  }
}
