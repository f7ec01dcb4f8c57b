package dev.vigil.swarm;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.command.AllowList;
import dev.vigil.protocol.command.Command;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.MessageCodec;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.AlertState;
import dev.vigil.protocol.message.CommandRequest;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.CommandStatus;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Severity;
import dev.vigil.protocol.message.Welcome;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;

/**
 * One simulated agent: dials the console over mutual TLS 1.3 with its own key, says hello (with the
 * swarm's token), reports stats on a fixed cadence, raises an occasional alert over TCP and as a
 * sealed datagram, answers commands as a dry run, and dials again with backoff and full jitter when
 * the session ends. Runs on a virtual thread (a second one writes while a session is open).
 */
final class SimulatedAgent implements Runnable {
  /** A simulated agent allows every command, and runs each as a dry run. */
  static final List<String> ALLOWED =
      new AllowList(Set.of(Command.values()), "the swarm").wireNames();

  static final String VERSION = "0.1.0-swarm";
  private static final int HANDSHAKE_MILLIS = 10_000;
  private static final int SLOW_EVERY_TICKS = 30;

  private final int index;
  private final SimIdentity identity;
  private final Swarm swarm;
  private final SimulatedMachine machine;
  private final dev.vigil.common.Backoff backoff;
  private final AtomicLong sequence;
  private final Map<Long, AgentMessage> unacked = new ConcurrentSkipListMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Socket socket;
  private volatile long statsSent;
  private volatile long commandsAnswered;
  private boolean firing;

  SimulatedAgent(int index, SimIdentity identity, Swarm swarm, long sequenceBase) {
    this.index = index;
    this.identity = identity;
    this.swarm = swarm;
    this.machine =
        new SimulatedMachine(String.format("sim-%05d", index), ThreadLocalRandom.current());
    this.backoff = dev.vigil.common.Backoff.reconnect(ThreadLocalRandom.current());
    this.sequence = new AtomicLong(sequenceBase);
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
    SwarmCounters counters = swarm.counters();
    while (swarm.running()) {
      try {
        session();
      } catch (IOException | RuntimeException e) {
        if (swarm.running()) {
          counters.failures.increment();
          swarm.failed(this, e);
        }
      }
      if (!swarm.running()) {
        return;
      }
      try {
        Thread.sleep(backoff.next());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void session() throws IOException {
    SwarmConfig config = swarm.config();
    swarm.counters().dials.increment();
    Socket raw = new Socket();
    socket = raw;
    try (raw) {
      raw.connect(new InetSocketAddress(config.host(), config.port()), HANDSHAKE_MILLIS);
      raw.setTcpNoDelay(true);
      raw.setSoTimeout(HANDSHAKE_MILLIS);
      SSLSocket s = swarm.tls().wrap(raw, index);
      socket = s;
      try (s) {
        s.startHandshake();
        FrameReader reader = new FrameReader(s.getInputStream(), Protocol.MAX_FRAME_BYTES);
        OutputStream out = s.getOutputStream();
        write(
            out,
            new Hello(
                Protocol.VERSION,
                agentId(),
                machine.hostname(),
                "Simulated Linux 6.1",
                VERSION,
                ALLOWED,
                config.token()));
        Welcome welcome = awaitWelcome(s, reader, out);
        backoff.reset();
        runSession(s, reader, out, welcome);
      }
    } finally {
      socket = null;
    }
  }

  private Welcome awaitWelcome(Socket s, FrameReader reader, OutputStream out) throws IOException {
    long heartbeatNanos = TimeUnit.SECONDS.toNanos(Protocol.DEFAULT_HEARTBEAT_SECONDS);
    long lastSent = System.nanoTime();
    boolean pending = false;
    try {
      while (swarm.running()) {
        Message message = null;
        try {
          message = reader.readMessage();
        } catch (SocketTimeoutException e) {
          if (!pending) {
            throw e;
          }
        }
        if (System.nanoTime() - lastSent >= heartbeatNanos) {
          write(out, new Heartbeat(System.currentTimeMillis()));
          lastSent = System.nanoTime();
        }
        switch (message) {
          case null -> {}
          case Welcome w -> {
            return w;
          }
          case Pending p -> {
            if (!pending) {
              pending = true;
              swarm.counters().pending.incrementAndGet();
              s.setSoTimeout(1000);
            }
          }
          case Heartbeat h -> {}
          case ErrorMessage err ->
              throw new IOException("refused: " + err.code() + ": " + err.detail());
          default ->
              throw new IOException("expected welcome, got " + message.getClass().getSimpleName());
        }
      }
      throw new IOException("the swarm is stopping");
    } finally {
      if (pending) {
        swarm.counters().pending.decrementAndGet();
      }
    }
  }

  private void runSession(Socket s, FrameReader reader, OutputStream out, Welcome welcome)
      throws IOException {
    SwarmCounters counters = swarm.counters();
    byte[] alertKey = Base64.getDecoder().decode(welcome.alertKey());
    InetSocketAddress alertTarget =
        welcome.alertPort() == 0
            ? null
            : new InetSocketAddress(s.getInetAddress(), welcome.alertPort());
    s.setSoTimeout(welcome.heartbeatSeconds() * 3 * 1000);
    counters.sessions.increment();
    counters.online.incrementAndGet();
    try {
      write(out, machine.inventory(ALLOWED, VERSION));
      write(out, machine.slow(ThreadLocalRandom.current()));
      // What the console did not acknowledge last session goes again, in sequence order.
      for (AgentMessage m : unacked.values()) {
        write(out, m);
      }
      Thread writer =
          Thread.ofVirtual()
              .start(() -> report(s, out, new DatagramSession(alertKey, alertTarget), welcome));
      try {
        readLoop(reader, out);
      } finally {
        writer.interrupt();
      }
    } finally {
      counters.online.decrementAndGet();
    }
  }

  /** The alert datagram state of one session: its key, the console's port and the counter. */
  private static final class DatagramSession {
    final byte[] key;
    final InetSocketAddress target;
    long counter;

    DatagramSession(byte[] key, InetSocketAddress target) {
      this.key = key;
      this.target = target;
    }
  }

  /** The session's writer: stats on the cadence, the slow report and alerts now and then. */
  private void report(Socket s, OutputStream out, DatagramSession udp, Welcome welcome) {
    SwarmConfig config = swarm.config();
    long period = config.rate().toNanos();
    long heartbeatNanos = TimeUnit.SECONDS.toNanos(welcome.heartbeatSeconds());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    double alertChance =
        config.alertEvery().isZero() ? 0 : (double) period / config.alertEvery().toNanos();
    // A random phase spreads the fleet's reports over the period instead of one burst per tick.
    long nextStats = System.nanoTime() + random.nextLong(period);
    long lastSent = System.nanoTime();
    long ticks = 0;
    try {
      while (!s.isClosed()) {
        // Wake for the next report, or earlier when the heartbeat interval would pass first.
        long wake = Math.min(nextStats, lastSent + heartbeatNanos / 2);
        long wait = wake - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
        long now = System.nanoTime();
        if (now < nextStats) {
          write(out, new Heartbeat(System.currentTimeMillis()));
          lastSent = now;
          continue;
        }
        nextStats += period;
        if (nextStats < now) {
          nextStats = now + period; // fell behind: skip, never burst to catch up
        }
        write(out, machine.sample(random));
        lastSent = now;
        statsSent++;
        swarm.counters().statsSent.increment();
        if (++ticks % SLOW_EVERY_TICKS == 0) {
          write(out, machine.slow(random));
        }
        if (alertChance > 0 && random.nextDouble() < alertChance) {
          alert(out, udp);
        }
      }
    } catch (InterruptedException e) {
      // the session ended
    } catch (IOException e) {
      closeQuietly(s);
    }
  }

  private void alert(OutputStream out, DatagramSession udp) throws IOException {
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
                java.util.Locale.ROOT,
                firing
                    ? "CPU at %.0f %% (simulated; warning at 90 %%)"
                    : "CPU back to %.0f %% (simulated)",
                value));
    unacked.put(alert.sequence(), alert);
    if (udp.target != null) {
      byte[] sealed = AlertDatagram.seal(identity.agentId(), ++udp.counter, udp.key, alert);
      swarm.send(new DatagramPacket(sealed, sealed.length, udp.target));
      swarm.counters().datagramsSent.increment();
    }
    write(out, alert);
    swarm.counters().alertsSent.increment();
  }

  private void readLoop(FrameReader reader, OutputStream out) throws IOException {
    SwarmCounters counters = swarm.counters();
    while (swarm.running()) {
      Message message = reader.readMessage();
      switch (message) {
        case Ack ack -> {
          if (unacked.remove(ack.sequence()) != null) {
            counters.alertsAcked.increment();
          }
        }
        case CommandRequest command -> {
          CommandResult result = answer(command);
          unacked.put(result.sequence(), result);
          write(out, result);
          commandsAnswered++;
          counters.commandsAnswered.increment();
        }
        case Heartbeat h -> {}
        case ErrorMessage err -> throw new IOException(err.code() + ": " + err.detail());
        default -> throw new IOException("unexpected " + message.getClass().getSimpleName());
      }
    }
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
          case PROCESSES -> "dry run: 2 processes";
          case REFRESH -> "dry run: refresh done";
        };
    return new CommandResult(seq, id, CommandStatus.SUCCEEDED, detail);
  }

  /** Writes one frame in one call, so it leaves as one TLS record; safe from both threads. */
  private void write(OutputStream out, Message message) throws IOException {
    byte[] body = MessageCodec.encode(message);
    byte[] frame = new byte[4 + body.length];
    frame[0] = (byte) (body.length >>> 24);
    frame[1] = (byte) (body.length >>> 16);
    frame[2] = (byte) (body.length >>> 8);
    frame[3] = (byte) body.length;
    System.arraycopy(body, 0, frame, 4, body.length);
    writeLock.lock();
    try {
      out.write(frame);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  /** Ends the current session, if any; the agent dials again unless the swarm stops. */
  void disconnect() {
    Socket s = socket;
    if (s != null) {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing a broken socket: nothing left to do
    }
  }

  static boolean isQuietEnd(Throwable e) {
    return e instanceof EOFException || e instanceof java.net.SocketException;
  }
}
