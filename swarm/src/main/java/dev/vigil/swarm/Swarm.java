package dev.vigil.swarm;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Many simulated agents in one JVM, each a {@link SimulatedAgent} with its own identity, started at
 * the configured ramp rate and sharing one TLS context and one UDP socket. Thread-safe; {@link
 * #close()} stops every agent.
 */
public final class Swarm implements AutoCloseable {
  private final SwarmConfig config;
  private final SwarmTls tls;
  private final DatagramSocket udp;
  private final List<SimulatedAgent> agents;
  private final SwarmCounters counters = new SwarmCounters();
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();
  private final PrintStream log;
  private final Thread ramp;
  private volatile boolean running = true;

  /**
   * A swarm of {@code identities.size()} agents (at least {@code config.agents()} of them are
   * used).
   *
   * @param log where the first failure of each kind is reported, once
   */
  public Swarm(SwarmConfig config, List<SimIdentity> identities, PrintStream log)
      throws IOException {
    if (identities.size() < config.agents()) {
      throw new IllegalArgumentException(
          "need " + config.agents() + " identities, got " + identities.size());
    }
    this.config = config;
    this.log = log;
    List<SimIdentity> used = List.copyOf(identities.subList(0, config.agents()));
    this.tls = new SwarmTls(used, config.consolePin());
    this.udp = new DatagramSocket();
    // Sequences only grow, across runs too, as the protocol asks of a restarted agent.
    long sequenceBase = System.currentTimeMillis() * 1000;
    this.agents = new ArrayList<>(used.size());
    for (int i = 0; i < used.size(); i++) {
      agents.add(new SimulatedAgent(i, used.get(i), this, sequenceBase));
    }
    this.ramp = Thread.ofPlatform().name("swarm-ramp").daemon().unstarted(this::rampUp);
  }

  /** Starts the agents, {@code rampPerSecond} of them per second. */
  public void start() {
    ramp.start();
  }

  private void rampUp() {
    long start = System.nanoTime();
    long stepNanos = TimeUnit.SECONDS.toNanos(1) / config.rampPerSecond();
    for (int i = 0; i < agents.size() && running; i++) {
      long due = start + i * stepNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0 && running) {
        LockSupport.parkNanos(wait);
      }
      Thread.ofVirtual().start(agents.get(i));
    }
  }

  /** The swarm's totals. */
  public SwarmCounters counters() {
    return counters;
  }

  /** The simulated agents' ids, in start order. */
  public List<String> agentIds() {
    return agents.stream().map(SimulatedAgent::agentId).toList();
  }

  /** Stats reports agent {@code index} has written so far. */
  public long statsSent(int index) {
    return agents.get(index).statsSent();
  }

  /** Commands agent {@code index} has answered so far. */
  public long commandsAnswered(int index) {
    return agents.get(index).commandsAnswered();
  }

  /** The console key the swarm trusts: the pin given, or the first one seen. */
  public String consoleFingerprint() {
    var pin = tls.consolePin();
    return pin == null ? "none yet" : pin.value();
  }

  SwarmConfig config() {
    return config;
  }

  SwarmTls tls() {
    return tls;
  }

  /** The one socket every agent's alert datagrams leave from. */
  DatagramSocket udp() {
    return udp;
  }

  /** Reports the first failure of each kind once; the rest only count. */
  void failed(SimulatedAgent agent, Exception e) {
    if (SimulatedAgent.isQuietEnd(e)) {
      return;
    }
    String kind = e.getClass().getSimpleName() + ": " + firstWords(e.getMessage());
    if (reported.size() < 50 && reported.putIfAbsent(kind, Boolean.TRUE) == null) {
      log.println(
          "swarm: agent "
              + agent.agentId()
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " (further failures of this kind are only counted)");
    }
  }

  private static String firstWords(String message) {
    if (message == null) {
      return "";
    }
    String[] words = message.split(" ");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length)));
  }

  @Override
  public void close() {
    running = false;
    ramp.interrupt();
    agents.forEach(SimulatedAgent::stop);
    udp.close();
  }
}
