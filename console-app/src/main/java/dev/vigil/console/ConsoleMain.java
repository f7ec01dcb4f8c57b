package dev.vigil.console;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.cli.Cli;
import dev.vigil.console.headless.HeadlessConsole;
import dev.vigil.console.manager.ConsoleManager;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.api.ManagerInfo;
import dev.vigil.console.manager.api.Operator;
import dev.vigil.console.ui.model.Settings;
import dev.vigil.protocol.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address both listeners bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String bind = "127.0.0.1";

  @Option(
      names = "--tcp-port",
      paramLabel = "PORT",
      description = "TCP port for agents (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int tcpPort = Protocol.DEFAULT_TCP_PORT;

  @Option(
      names = "--udp-port",
      paramLabel = "PORT",
      description = "UDP port for alert datagrams (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int udpPort = Protocol.DEFAULT_UDP_PORT;

  @Option(
      names = "--heartbeat",
      paramLabel = "SECONDS",
      description =
          "Heartbeat interval; three silent intervals close a session (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds = Protocol.DEFAULT_HEARTBEAT_SECONDS;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the console keeps its key, known agents and tokens (default: ${DEFAULT-VALUE}).")
  Path dataDir = defaultDataDir();

  @Option(
      names = "--advertise",
      paramLabel = "HOST",
      description =
          "The host name or address agents should dial, shown in enrollment commands"
              + " (default: the bind address, or this machine's name when binding every interface).")
  String advertise;

  @Option(
      names = "--insecure",
      description = "Plain TCP without keys, for labs only (warns at every start).")
  boolean insecure;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics at http://BIND:PORT/metrics (0 picks a free port; default: off).")
  int metricsPort = -1;

  @Option(
      names = "--metrics-bind",
      paramLabel = "ADDRESS",
      description =
          "Address the metrics endpoint binds (default: ${DEFAULT-VALUE}, whatever --bind says).")
  String metricsBind = "127.0.0.1";

  @Option(
      names = "--metrics-token-file",
      paramLabel = "FILE",
      description =
          "Every scrape of /metrics must send 'Authorization: Bearer TOKEN', TOKEN being the first"
              + " line of FILE (default: no token).")
  Path metricsTokenFile;

  @Option(
      names = "--takeover",
      description =
          "If a stale Vigil console holds this data directory, stop it and start anyway; no other"
              + " process is ever touched.")
  boolean takeover;

  @Option(
      names = "--history-retention",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description =
          "How long one-minute metric history stays in the store, e.g. 30d, 12h (default: 30d).")
  Duration historyRetention = ManagerConfig.DEFAULT_RETENTION;

  @CommandLine.Mixin RetentionOptions retention = new RetentionOptions();

  @CommandLine.Mixin NotifyOptions notify = new NotifyOptions();

  @Option(
      names = "--live-window",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description =
          "How much full-resolution history each agent keeps in memory for live charts, e.g. 60m;"
              + " 16 bytes per agent per second, 58 KB an hour (default: 15m; longer chart ranges"
              + " come from the store's one-minute aggregates).")
  Duration liveWindow = ManagerConfig.DEFAULT_LIVE_WINDOW;

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

  @Option(
      names = "--operator-port",
      paramLabel = "PORT",
      description =
          "Serve remote consoles (console --connect) on this TCP port, mutual TLS only (0 picks a"
              + " free one; default: off).")
  int operatorPort = -1;

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
      CommandLine.ParseResult given = spec.commandLine().getParseResult();
      if (!given.hasMatchedOption("--tcp-port")) {
        tcpPort = settings.port("tcp.port").orElse(tcpPort);
      }
      if (!given.hasMatchedOption("--udp-port")) {
        udpPort = settings.port("udp.port").orElse(udpPort);
      }
      keepPorts &= settings.port("tcp.port").isEmpty() && settings.port("udp.port").isEmpty();
      if (!given.hasMatchedOption("--metrics-port")) {
        metricsPort = settings.port("metrics.port").orElse(metricsPort);
      }
      if (!given.hasMatchedOption("--data-dir")) {
        dataDir = settings.dataDir().orElse(dataDir);
      }
    }
    for (var p : new int[][] {{tcpPort, 0}, {udpPort, 1}}) {
      if (p[0] < 0 || p[0] > 65535) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            (p[1] == 0 ? "--tcp-port" : "--udp-port") + " must be from 0 to 65535, got " + p[0]);
      }
    }
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--heartbeat must be from 1 to 3600 seconds");
    }
    if (enrollUses < 1 || enrollUses > 100_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--enroll-uses must be from 1 to 100000");
    }
    if (json && !headless) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--json only works with --headless");
    }
    if (historyRetention.compareTo(Duration.ofMinutes(1)) < 0) {

      throw new CommandLine.ParameterException(
          spec.commandLine(), "--history-retention must be at least 1m");
    }
    if (liveWindow.compareTo(Duration.ofDays(1)) > 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--live-window must be at most 24h");
    }
    ManagerConfig config =
        ManagerConfig.builder(dataDir)
            .bind(bind)
            .ports(tcpPort, udpPort)
            .keepPorts(keepPorts)
            .heartbeatSeconds(heartbeatSeconds)
            .staleAfter(Duration.ofSeconds(Math.max(3, heartbeatSeconds)))
            .insecure(insecure)
            .advertiseHost(advertise != null ? advertise : advertisedHost(bind))
            .takeover(takeover)
            .metricsPort(metricsPort)
            .metricsAccess(metricsBind, metricsTokenFile)
            .history(historyRetention, liveWindow)
            .retention(retention.retention(spec.commandLine()))
            .operatorPort(operatorPort)
            .notifications(notify.setup(spec.commandLine(), dataDir))
            .build();
    ConsoleManager manager = new ConsoleManager(config);
    try {
      manager.start();
    } catch (IOException e) {
      spec.commandLine().getErr().println("vigil console: " + e.getMessage());
      return e instanceof dev.vigil.common.UnsafePermissionsException ? 2 : 1;
    }
    PrintStream out = System.out;
    ManagerInfo info = manager.info();
    out.println("Vigil console listening on tcp " + format(info.agentListener()) + " (agents)");
    out.println(
        "Vigil console listening on udp " + format(info.alertListener()) + " (alert datagrams)");
    if (info.metricsListener() != null) {
      out.println(
          "Vigil console listening on http " + format(info.metricsListener()) + " (/metrics)");
    }
    manager
        .operatorListener()
        .ifPresent(
            a -> out.println("Vigil console listening on tcp " + format(a) + " (operators)"));
    if (insecure) {
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

  static Path defaultDataDir() {
    return DataDirectories.defaultFor("console");
  }

  static String advertisedHost(String bind) {
    if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.equals("[::]")) {
      return bind;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "CONSOLE-HOST";
    }
  }

  static String format(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
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
