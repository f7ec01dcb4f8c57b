package dev.vigil.swarm;

import dev.vigil.common.HostPort;
import dev.vigil.common.cli.Cli;
import dev.vigil.protocol.tls.Fingerprint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code vigil swarm} command line: simulated agents against a console, for load tests. */
@Command(
    name = "vigil swarm",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    version = "Vigil swarm " + SimulatedAgent.VERSION,
    description = {
      "Runs N simulated agents in one JVM against a console, speaking the real protocol: each with"
          + " its own key over mutual TLS 1.3, enrolled with a multi-use token (headless console:"
          + " 'token 10000 24'), stats every --rate with moving values, occasional alerts over TCP"
          + " and UDP, dry-run answers to commands, reconnects with backoff. Prints a status line"
          + " every few seconds; Ctrl-C stops it. For example: vigil swarm --agents 1000 --console"
          + " 127.0.0.1:7470 --token-file swarm-token --console-fingerprint SHA256:..."
    })
public final class SwarmMain implements Callable<Integer> {
  @Option(
      names = "--agents",
      required = true,
      paramLabel = "N",
      description = "How many simulated agents.")
  int agents;

  @Option(
      names = "--console",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The console's TCP address, for example 127.0.0.1:7470.")
  String console;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "An enrollment token with a use for every new agent; without one, agents wait as pending."
              + " Any local user can read a command line: prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the enrollment token from FILE (mode 0600) instead of the command line.")
  Path tokenFile;

  @Option(
      names = "--console-fingerprint",
      paramLabel = "SHA256:...",
      description =
          "The console's key, as it prints it at start (headless console: 'fingerprint').")
  String fingerprint;

  @Option(
      names = "--trust-on-first-use",
      description =
          "Without --console-fingerprint, trust whichever console answers first: anyone who"
              + " answers on that address gets the simulated agents' reports. Only against a"
              + " console of your own on a network of your own.")
  boolean trustOnFirstUse;

  @Option(
      names = "--rate",
      paramLabel = "DURATION",
      description = "Stats interval of each agent (default: ${DEFAULT-VALUE}).",
      defaultValue = "1s",
      converter = Cli.DurationConverter.class)
  Duration rate;

  @Option(
      names = "--alert-every",
      paramLabel = "DURATION",
      description =
          "Mean time between two alerts of one agent, 0 for none (default: ${DEFAULT-VALUE}).",
      defaultValue = "10m",
      converter = Cli.DurationConverter.class)
  Duration alertEvery;

  @Option(
      names = "--ramp",
      paramLabel = "PER-SECOND",
      description = "Agents started per second (default: ${DEFAULT-VALUE}).")
  int ramp = 200;

  @Option(
      names = "--identities",
      paramLabel = "FILE",
      description =
          "Keep the agents' ids and keys in FILE and reuse them next time (default: fresh ones).")
  Path identities;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Stop after this long (default: 0, run until stopped).",
      defaultValue = "0",
      converter = Cli.DurationConverter.class)
  Duration duration;

  @Option(
      names = "--status-every",
      paramLabel = "DURATION",
      description = "Status line interval (default: ${DEFAULT-VALUE}).",
      defaultValue = "5s",
      converter = Cli.DurationConverter.class)
  Duration statusEvery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    HostPort address;
    try {
      address = HostPort.parse(console);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--console " + e.getMessage());
    }
    Fingerprint pin;
    SwarmConfig config;
    if (fingerprint == null && !trustOnFirstUse) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give the console's key with --console-fingerprint SHA256:... (the console prints it at"
              + " start; headless console: 'fingerprint'), or --trust-on-first-use to trust"
              + " whichever console answers first");
    }
    if (token != null && tokenFile != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give either --token or --token-file, not both");
    }
    if (tokenFile != null) {
      try {
        token = java.nio.file.Files.readString(tokenFile).strip();
      } catch (java.io.IOException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--token-file " + tokenFile + " cannot be read: " + e.getMessage());
      }
    }
    try {
      pin = fingerprint == null ? null : Fingerprint.parse(fingerprint);
      config =
          new SwarmConfig(
              agents, address.host(), address.port(), token, pin, rate, alertEvery, ramp);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintStream out = System.out;
    long t0 = System.nanoTime();
    var ids = IdentityCache.load(identities, agents);
    out.printf(
        "swarm: %d identities ready in %.1f s; dialling %s at %d agents/s%n",
        ids.size(), (System.nanoTime() - t0) / 1e9, console, ramp);
    CountDownLatch stop = new CountDownLatch(1);
    try (Swarm swarm = new Swarm(config, ids, System.err)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      swarm.start();
      long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        long wait = Math.min(statusEvery.toNanos(), end - System.nanoTime());
        if (stop.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
          break;
        }
        out.println(
            "swarm "
                + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                + ": "
                + swarm.counters().line());
      }
      out.println("swarm: stopping; " + swarm.counters().line());
    }
    return 0;
  }

  /** Runs the swarm; bad options get a sentence and exit code 2. */
  public static void main(String[] args) {
    CommandLine cl = Cli.of(new SwarmMain(), "vigil swarm", "./vigil swarm");
    System.exit(cl.execute(args));
  }
}
