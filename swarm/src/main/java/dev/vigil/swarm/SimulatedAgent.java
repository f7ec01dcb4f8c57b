package dev.vigil.swarm;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ConsoleMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.session.ConsoleSession;
import dev.vigil.protocol.session.SessionClient;
import dev.vigil.protocol.session.SessionEvents;
import dev.vigil.protocol.session.SessionHandler;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated agent: the shared {@link SessionClient} (mutual TLS 1.3 with its own key, hello
 * with the swarm's token, backoff) around what is simulated: a machine's numbers on a fixed
 * cadence, an occasional alert over TCP and as a sealed datagram, dry-run answers to commands, and
 * the swarm's counters. Runs on a virtual thread (a second one writes reports while a session is
 * open).
 */
final class SimulatedAgent implements Runnable, SessionHandler {
  /** A simulated agent allows every command, and runs each as a dry run. */
  static final List<String> ALLOWED =
      new AllowList(Set.of(Command.values()), "the swarm").wireNames();

  static final String VERSION = "0.1.0-swarm";
  private static final int SLOW_EVERY_TICKS = 30;

  private final SimIdentity identity;
  private final Swarm swarm;
  private final SimulatedMachine machine;
  private final AtomicLong sequence;
  private final Map<Long, AgentMessage> unacked = new ConcurrentSkipListMap<>();
  private final SessionClient client;
  private volatile Thread reporter;
  private volatile long statsSent;
  private volatile long commandsAnswered;
  private boolean firing;

  SimulatedAgent(int index, SimIdentity identity, Swarm swarm, long sequenceBase)
      throws IOException {
    this.identity = identity;
    this.swarm = swarm;
    this.machine =
        new SimulatedMachine(
            String.format("sim-%05d", index),
            SimulatedMachine.tags(index),
            ThreadLocalRandom.current());
    this.sequence = new AtomicLong(sequenceBase);
    SwarmConfig config = swarm.config();
    this.client =
        SessionClient.dialing(config.host(), config.port())
            .agentId(identity.agentId())
            .hello(this::hello)
            .handler(this)
            .events(new Counting())
            .tls(swarm.tls().context())
            .peerName(SwarmTls.peerName(index))
            .datagrams(swarm.udp())
            .build();
  }

  String agentId() {
    return identity.agentId().toString();
  }

  long statsSent() {
    return statsSent;
  }

  long commandsAnswered() {
    return commandsAnswered;
  }

  @Override
  public void run() {
    client.run();
  }

  private Hello hello() {
    return new Hello(
        Protocol.VERSION,
        agentId(),
        machine.hostname(),
        "Simulated Linux 6.1",
        VERSION,
        ALLOWED,
        swarm.config().token(),
        Math.max(100, swarm.config().rate().toMillis()));
  }

  @Override
  public void sessionOpened(ConsoleSession session) {
    SwarmCounters counters = swarm.counters();
    counters.sessions.increment();
    counters.online.incrementAndGet();
    try {
      session.send(machine.inventory(ALLOWED, VERSION));
      session.send(machine.slow(ThreadLocalRandom.current()));
      // What the console did not acknowledge last session goes again, in sequence order.
      for (AgentMessage m : unacked.values()) {
        session.send(m);
      }
    } catch (IOException e) {
      session.close(); // the read loop sees the close and counts the failure
      return;
    }
    reporter = Thread.ofVirtual().start(() -> report(session));
  }

  @Override
  public void received(ConsoleSession session, ConsoleMessage message) {
    SwarmCounters counters = swarm.counters();
    switch (message) {
      case Ack ack -> {
        if (unacked.remove(ack.sequence()) != null) {
          counters.alertsAcked.increment();
        }
      }
      case CommandRequest command -> {
        CommandResult result = answer(command);
        unacked.put(result.sequence(), result);
        try {
          session.send(result);
        } catch (IOException e) {
          session.close();
          return;
        }
        commandsAnswered++;
        counters.commandsAnswered.increment();
      }
    }
  }

  @Override
  public void sessionClosed(ConsoleSession session) {
    Thread writer = reporter;
    reporter = null;
    if (writer != null) {
      writer.interrupt();
    }
    swarm.counters().online.decrementAndGet();
  }

  /** The session's writer: stats on the cadence, the slow report and alerts now and then. */
  private void report(ConsoleSession session) {
    SwarmConfig config = swarm.config();
    long period = config.rate().toNanos();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    double alertChance =
        config.alertEvery().isZero() ? 0 : (double) period / config.alertEvery().toNanos();
    // A random phase spreads the fleet's reports over the period instead of one burst per tick.
    long nextStats = System.nanoTime() + random.nextLong(period);
    long ticks = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        // Wake for the next report, or earlier when a heartbeat falls due first.
        long wake = Math.min(nextStats, session.heartbeatDueNanos());
        long wait = wake - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
        long now = System.nanoTime();
        if (now < nextStats) {
          session.heartbeatIfIdle();
          continue;
        }
        nextStats += period;
        if (nextStats < now) {
          nextStats = now + period; // fell behind: skip, never burst to catch up
        }
        session.send(machine.sample(random));
        statsSent++;
        swarm.counters().statsSent.increment();
        if (++ticks % SLOW_EVERY_TICKS == 0) {
          session.send(machine.slow(random));
        }
        if (alertChance > 0 && random.nextDouble() < alertChance) {
          alert(session);
        }
      }
    } catch (InterruptedException e) {
      // the session ended
    } catch (IOException e) {
      session.close();
    }
  }

  private void alert(ConsoleSession session) throws IOException {
    firing = !firing;
    double cpu = machine.cpuPercent();
    // The value agrees with the state: a simulated spike above the threshold, then back under it.
    double value = Math.round((firing ? 90 + cpu % 10 : Math.min(cpu, 89)) * 10) / 10.0;
    AlertReport alert =
        new AlertReport(
            sequence.incrementAndGet(),
            "cpu",
            Severity.WARNING,
            firing ? AlertState.FIRING : AlertState.RESOLVED,
            value,
            90,
            System.currentTimeMillis(),
            String.format(
                Locale.ROOT,
                firing
                    ? "CPU at %.0f %% (simulated; warning at 90 %%)"
                    : "CPU back to %.0f %% (simulated)",
                value));
    unacked.put(alert.sequence(), alert);
    if (session.sendDatagram(alert)) {
      swarm.counters().datagramsSent.increment();
    }
    session.send(alert);
    swarm.counters().alertsSent.increment();
  }

  /** What a dry-run agent answers: what it would have done, never doing it. */
  private CommandResult answer(CommandRequest command) {
    long seq = sequence.incrementAndGet();
    String id = command.commandId();
    Command known = Command.byName(command.command()).orElse(null);
    if (known == null) {
      return new CommandResult(
          seq, id, CommandStatus.REFUSED, command.command() + " is not known to this agent");
    }
    String detail =
        switch (known) {
          case RESTART -> "dry run: would run 'systemctl reboot'";
          case SHUTDOWN -> "dry run: would run 'systemctl poweroff'";
          case KILL -> "dry run: would send SIGTERM to " + command.arguments().get("pid");
          case RESTART_SERVICE ->
              "dry run: would run 'systemctl restart " + command.arguments().get("unit") + "'";
          case PROCESSES -> "dry run: 2 processes";
          case REFRESH -> "dry run: refresh done";
        };
    return new CommandResult(seq, id, CommandStatus.SUCCEEDED, detail);
  }

  /** Stops this agent for good. */
  void stop() {
    client.close();
  }

  static boolean isQuietEnd(Throwable e) {
    return e instanceof EOFException || e instanceof java.net.SocketException;
  }

  /** The swarm's counters for what happens to this agent's connections. */
  private final class Counting implements SessionEvents {
    private boolean pending;

    @Override
    public void dialing() {
      swarm.counters().dials.increment();
    }

    @Override
    public void pending(Pending message) {
      if (!pending) {
        pending = true;
        swarm.counters().pending.incrementAndGet();
      }
    }

    @Override
    public void pendingEnded() {
      pending = false;
      swarm.counters().pending.decrementAndGet();
    }

    @Override
    public void failed(IOException e, SocketAddress peer) {
      swarm.counters().failures.increment();
      swarm.failed(SimulatedAgent.this, e);
    }
  }
}
