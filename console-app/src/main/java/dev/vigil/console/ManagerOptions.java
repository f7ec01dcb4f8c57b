package dev.vigil.console;

import dev.vigil.common.DataDirectories;
import dev.vigil.common.cli.Cli;
import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.protocol.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that set up a manager, shared by {@code vigil console} and {@code vigil manager}: its
 * data directory, listeners, metrics endpoint, history, retention and notifications. Every one is
 * also a key of {@code manager.conf}, so a name here is a config key too.
 */
final class ManagerOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the manager keeps its key, known agents, tokens and store (default: ${DEFAULT-VALUE}).")
  Path dataDir = defaultDataDir();

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address the agent, alert and operator listeners bind (default: ${DEFAULT-VALUE}; 0.0.0.0"
              + " for every interface).")
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
      names = "--operator-port",
      paramLabel = "PORT",
      description =
          "TCP port of the operator channel, where remote consoles (console --connect) connect,"
              + " mutual TLS only (0 picks a free one; default: off).")
  int operatorPort = -1;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics at http://METRICS-BIND:PORT/metrics (0 picks a free one;"
              + " default: off).")
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
      names = "--advertise",
      paramLabel = "HOST",
      description =
          "The host name or address agents should dial, shown in enrollment commands (default:"
              + " the bind address, or this machine's name when binding every interface).")
  String advertise;

  @Option(
      names = "--heartbeat",
      paramLabel = "SECONDS",
      description =
          "Heartbeat interval; three silent intervals close a session (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds = Protocol.DEFAULT_HEARTBEAT_SECONDS;

  @Option(
      names = "--history-retention",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description =
          "How long one-minute metric history stays in the store, at least 1m, e.g. 30d, 12h"
              + " (default: 30d).")
  Duration historyRetention = ManagerConfig.DEFAULT_RETENTION;

  @CommandLine.Mixin RetentionOptions retention = new RetentionOptions();

  @CommandLine.Mixin NotifyOptions notify = new NotifyOptions();

  @Option(
      names = "--live-window",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description =
          "How much full-resolution history each agent keeps in memory for live charts, at most"
              + " 24h; 16 bytes per agent per second, 58 KB an hour (default: 15m; longer chart"
              + " ranges come from the store's one-minute aggregates).")
  Duration liveWindow = ManagerConfig.DEFAULT_LIVE_WINDOW;

  // arity 0..1: manager.conf's "takeover = true" reaches picocli as "--takeover=true".
  @Option(
      names = "--takeover",
      arity = "0..1",
      description =
          "If a stale Vigil manager or console holds the data directory, stop it and start anyway;"
              + " no other process is ever touched.")
  boolean takeover;

  @Option(
      names = "--insecure",
      arity = "0..1",
      description = "Plain TCP without keys, for labs only (warns at every start).")
  boolean insecure;

  /**
   * The manager's configuration these options ask for, checked; the caller may still set what only
   * its command knows (the console's kept ports) before {@code build()}.
   *
   * @throws CommandLine.ParameterException naming the option, or the file, line and key, of the
   *     first value out of range
   */
  ManagerConfig.Builder config(OptionPlace where) {
    where.port("--tcp-port", tcpPort, false);
    where.port("--udp-port", udpPort, false);
    where.port("--operator-port", operatorPort, true);
    where.port("--metrics-port", metricsPort, true);
    if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
      throw where.bad("--heartbeat", "must be from 1 to 3600 seconds, got " + heartbeatSeconds);
    }
    if (historyRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw where.bad("--history-retention", "must be at least 1m");
    }
    if (liveWindow.compareTo(Duration.ofDays(1)) > 0) {
      throw where.bad("--live-window", "must be at most 24h");
    }
    return ManagerConfig.builder(dataDir)
        .bind(bind)
        .ports(tcpPort, udpPort)
        .operatorPort(operatorPort)
        .heartbeatSeconds(heartbeatSeconds)
        .staleAfter(Duration.ofSeconds(Math.max(3, heartbeatSeconds)))
        .insecure(insecure)
        .advertiseHost(advertise != null ? advertise : advertisedHost(bind))
        .takeover(takeover)
        .metricsPort(metricsPort)
        .metricsAccess(metricsBind, metricsTokenFile)
        .history(historyRetention, liveWindow)
        .retention(where.retention(retention))
        .notifications(where.notifications(notify, dataDir));
  }

  static Path defaultDataDir() {
    return DataDirectories.defaultFor("console");
  }

  /** The host agents are told to dial: the bind address, or this machine's name for a wildcard. */
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
}
