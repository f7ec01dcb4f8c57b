package dev.vigil.agent;

import dev.vigil.agent.audit.AuditCheck;
import dev.vigil.agent.probe.OshiSystemProbe;
import dev.vigil.common.DataDirectories;
import dev.vigil.common.LogFiles;
import dev.vigil.common.UnsafePermissionsException;
import dev.vigil.common.cli.Cli;
import dev.vigil.common.config.ConfigException;
import dev.vigil.common.config.ConfigFile;
import dev.vigil.common.config.ConfigFileMerge;
import dev.vigil.protocol.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
          "Server mode: wait for the console to dial in on this port (needs --console-fingerprint)."
              + " PORT alone listens on 127.0.0.1 only; give HOST:PORT (0.0.0.0:PORT for every"
              + " address) for a console on another machine.")
  String listen;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the agent keeps its identity (default: ${DEFAULT-VALUE}).")
  Path dataDir = defaultDataDir();

  @Option(
      names = "--stats-interval",
      paramLabel = "DURATION",
      description = "Time between reports, for example 1s or 500ms (default: ${DEFAULT-VALUE}).",
      defaultValue = AgentConfig.Defaults.STATS_INTERVAL,
      converter = Cli.DurationConverter.class)
  Duration statsInterval;

  @Option(
      names = "--cpu-alert",
      paramLabel = "RULE",
      description =
          "CPU rule, as 'warning N, critical N, clear N, for Ns' or 'off' (default: ${DEFAULT-VALUE}).")
  String cpuAlert = AgentConfig.DEFAULT_CPU_ALERT;

  @Option(
      names = "--memory-alert",
      paramLabel = "RULE",
      description = "Memory-in-use rule, percent (default: ${DEFAULT-VALUE}).")
  String memoryAlert = AgentConfig.DEFAULT_MEMORY_ALERT;

  @Option(
      names = "--swap-alert",
      paramLabel = "RULE",
      description = "Swap-in-use rule, percent (default: ${DEFAULT-VALUE}).")
  String swapAlert = AgentConfig.DEFAULT_SWAP_ALERT;

  @Option(
      names = "--disk-alert",
      paramLabel = "RULE",
      description = "Rule for each real file system, percent full (default: ${DEFAULT-VALUE}).")
  String diskAlert = AgentConfig.DEFAULT_DISK_ALERT;

  @Option(
      names = "--processes-alert",
      paramLabel = "RULE",
      description = "Rule for the number of processes (default: ${DEFAULT-VALUE}).")
  String processesAlert = AgentConfig.DEFAULT_PROCESSES_ALERT;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Enrollment token from the console's operator (\"Add agent\" or the headless 'token'"
              + " command); without one the agent waits for approval on the console. Any local"
              + " user can read a command line: prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Read the enrollment token from FILE (mode 0600), so that it is never on a command line.")
  Path tokenFile;

  @Option(
      names = "--console-fingerprint",
      paramLabel = "SHA256:...",
      description =
          "The console's key, as shown with the token (headless console: 'fingerprint'). Client"
              + " mode needs it, a pin kept from an earlier start, or --trust-on-first-use.")
  String consoleFingerprint;

  @Option(
      names = "--trust-on-first-use",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "With no --console-fingerprint and no pin yet, trust whichever console answers first and"
              + " welcomes this agent, pin its key and run its allowed commands for it. Anyone who"
              + " can answer on the console's address first becomes this agent's console: use it"
              + " only on a network that is yours alone.")
  boolean trustOnFirstUse;

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
      names = "--allow-services",
      paramLabel = "UNITS",
      split = ",",
      description =
          "systemd units the console may restart (restart-service), comma-separated, each named"
              + " exactly (nginx means nginx.service; no wildcards). Default: none.")
  List<String> allowServices;

  @Option(
      names = "--tags",
      paramLabel = "TAGS",
      split = ",",
      description =
          "Tags for this agent, comma-separated (web, eu-west, prod): lower-case letters, digits"
              + " and -_.:, at most 32 of 64 characters. The console filters and groups by them.")
  List<String> tags;

  @Option(
      names = "--polkit-rule",
      description =
          "Print the polkit rule that lets the agent's user run what this config allows (power"
              + " actions, restart-service of exactly its allow-services units) and exit. Install"
              + " it as /etc/polkit-1/rules.d/50-vigil-agent.rules.")
  boolean polkitRule;

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
  int outboxLimit = AgentConfig.DEFAULT_OUTBOX_LIMIT;

  @Option(
      names = "--initial-delay",
      paramLabel = "DURATION",
      description =
          "Wait a random time up to this before the first connection, so that a fleet restarted"
              + " together does not dial in together (default: ${DEFAULT-VALUE}).",
      defaultValue = AgentConfig.Defaults.INITIAL_CONNECT_DELAY,
      converter = Cli.DurationConverter.class)
  Duration initialDelay;

  @Option(
      names = "--cpu-budget",
      paramLabel = "PERCENT",
      description =
          "The agent's own CPU budget, share of one core; over it for a minute, the agent slows its"
              + " slow probes and says so (default: ${DEFAULT-VALUE}).")
  double cpuBudgetPercent = AgentConfig.DEFAULT_CPU_BUDGET_PERCENT;

  @Option(
      names = "--memory-budget",
      paramLabel = "MB",
      description = "The agent's own resident memory budget (default: ${DEFAULT-VALUE}).")
  long memoryBudgetMegabytes = AgentConfig.DEFAULT_MEMORY_BUDGET_BYTES >> 20;

  @Option(
      names = "--check",
      paramLabel = "NAME=SPEC",
      description =
          "A service check, repeatable: NAME=TYPE ARGS... [every 30s] [timeout 10s] [for 3], TYPE"
              + " one of systemd UNIT, process PATTERN [min N], tcp HOST:PORT, http URL [expect"
              + " CODE] [within 2s], cert FILE|HOST:PORT [warn 21d] [critical 7d], plugin PATH"
              + " ARGS... In the config file: check.NAME = SPEC (docs/agent.md).")
  Map<String, String> checks = new LinkedHashMap<>();

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

  @Option(
      names = "--verify-audit",
      description =
          "Check the hash chain of the audit log in --data-dir, print one sentence and exit: 0 when"
              + " it holds, 1 when a line was changed outside Vigil (the sentence names it).")
  boolean verifyAudit;

  private Path effectiveLogFile;

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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The config from the command line and, under it, the config file. */
  AgentConfig resolve() throws ConfigException {
    AgentMain effective = this;
    Map<String, String> origins = Map.of();
    if (configFile != null) {
      ConfigFileMerge.Merged<AgentMain> merged =
          ConfigFileMerge.merge(
              spec,
              ConfigFile.read(configFile, ConfigFileMerge.keys(spec), "docs/agent.md"),
              new AgentMain());
      effective = merged.command();
      origins = merged.origins();
    }
    effectiveLogFile = effective.logFile;
    return new OptionCheck(effective, origins, spec).toConfig();
  }

  @Override
  public Integer call() throws Exception {
    if (verifyAudit) {
      return verifyAudit();
    }
    AgentConfig config = resolve();
    if (polkitRule) {
      spec.commandLine().getOut().print(PolkitRule.of(config));
      spec.commandLine().getOut().flush();
      return 0;
    }
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
    } catch (UnsafePermissionsException e) {
      spec.commandLine().getErr().println("vigil agent: " + e.getMessage());
      return 2;
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

  private int verifyAudit() {
    try {
      AuditCheck check = AuditCheck.of(dataDir);
      (check.intact() ? spec.commandLine().getOut() : spec.commandLine().getErr())
          .println(check.sentence());
      return check.intact() ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("vigil agent: cannot read the audit log in " + dataDir + ": " + e.getMessage());
      return 1;
    }
  }

  /** Runs the agent; exits 2 on bad options with a sentence, never a stack trace. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    // How the user started the agent: "./vigil agent" from the source tree, "vigil-agent" when
    // installed (the packaged launcher sets vigil.command), so that hints name a command that
    // works.
    String command = System.getProperty("vigil.command", "./vigil agent");
    CommandLine cl = Cli.of(new AgentMain(), "vigil agent", command);
    if (!command.startsWith("./")) {
      cl.setCommandName(command);
    }
    return cl;
  }
}
