package dev.vigil.console.manager.transport;

import dev.vigil.common.LogText;
import dev.vigil.console.manager.alerts.ConsoleAlerts;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.Welcome;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of a session once its hello is in: admitted (a fresh alert key and {@code
 * welcome}), waiting for the operator's approval, or refused; and keeps the table of open sessions
 * by agent id. Thread-safe.
 */
final class Admission {
  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  /** Refusals are logged once per interval, counted, so a refused swarm cannot flood the log. */
  private final dev.vigil.common.ReportEvery refusals =
      new dev.vigil.common.ReportEvery(java.time.Duration.ofSeconds(10));

  private final String consoleId;
  private final int heartbeatSeconds;
  private final AgentRegistry registry;
  private final UdpAlertService udp;
  private final TrustStore trust;
  private final ConsoleAlerts consoleAlerts;
  private final TransportCounters counters;
  private final Map<String, AgentConnection> admitted = new ConcurrentHashMap<>();
  private final Map<String, AgentConnection> awaiting = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  Admission(
      String consoleId, int heartbeatSeconds, TcpService.Parts parts, TransportCounters counters) {
    this.consoleId = consoleId;
    this.heartbeatSeconds = heartbeatSeconds;
    this.registry = parts.registry();
    this.udp = parts.udp();
    this.trust = parts.trust();
    this.consoleAlerts = parts.consoleAlerts();
    this.counters = counters;
  }

  /** The admitted session of an agent, or null. */
  AgentConnection admitted(String agentId) {
    return admitted.get(agentId);
  }

  /** How many sessions wait for the operator's approval. */
  int awaiting() {
    return awaiting.size();
  }

  /** How many sessions are open, admitted or waiting. */
  int open() {
    return admitted.size() + awaiting.size();
  }

  /** Every open session, admitted or waiting. */
  Collection<AgentConnection> sessions() {
    List<AgentConnection> all = new ArrayList<>(admitted.values());
    all.addAll(awaiting.values());
    return all;
  }

  /** Reads hello and decides; returns null when the session was refused (and answered). */
  AgentConnection hello(
      Socket socket,
      String fingerprint,
      FrameReader reader,
      FrameWriter writer,
      boolean operatorPinned)
      throws IOException {
    Message first = reader.readMessage();
    if (!(first instanceof Hello hello)) {
      throw new ProtocolException(
          ErrorCode.UNEXPECTED_MESSAGE,
          "the first message must be hello, not " + first.getClass().getSimpleName());
    }
    if (hello.protocolVersion() < Protocol.VERSION) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + hello.protocolVersion()
              + " is not supported; this console speaks "
              + Protocol.VERSION);
    }
    AgentConnection connection = new AgentConnection(hello, fingerprint, socket, writer);
    switch (trust.admit(
        hello.agentId(),
        hello.hostname(),
        fingerprint,
        hello.enrollmentToken(),
        operatorPinned,
        socket.getInetAddress().getHostAddress())) {
      case TrustStore.Admission.Admitted a -> {
        if (a.newlyEnrolled()) {
          LOG.info(
              "Agent {} ({}) enrolled with a token, key {}",
              LogText.of(hello.hostname()),
              hello.agentId(),
              fingerprint);
        }
        open(connection);
      }
      case TrustStore.Admission.AwaitingApproval p -> await(connection, socket);
      case TrustStore.Admission.Refused r -> {
        counters.refused.incrementAndGet();
        long due = refusals.count();
        if (due > 0) {
          LOG.warn(
              "Refused agent {} ({}) from {}: {}{}",
              LogText.of(hello.hostname()),
              LogText.of(hello.agentId()),
              socket.getRemoteSocketAddress(),
              LogText.of(r.detail()),
              due > 1 ? " (" + (due - 1) + " more refused since the last such line)" : "");
        }
        if (r.keyChanged()) {
          // Stored under the name the console knows the agent by, never the one claimed.
          String known =
              trust
                  .get(hello.agentId())
                  .map(TrustStore.KnownAgent::hostname)
                  .orElse(hello.agentId());
          consoleAlerts.keyChanged(hello.agentId(), known, fingerprint, r.detail());
        }
        TcpService.trySend(writer, new ErrorMessage(r.code(), r.detail()));
        return null;
      }
    }
    return connection;
  }

  private void await(AgentConnection connection, Socket socket) throws IOException {
    Hello hello = connection.hello();
    String fingerprint = connection.fingerprint();
    AgentConnection previous = awaiting.put(hello.agentId(), connection);
    if (previous != null) {
      previous.close();
    }
    registry.connected(
        hello, connection.address(), fingerprint, AgentStatus.PENDING, System.currentTimeMillis());
    connection.send(
        new Pending(
            fingerprint,
            "waiting for the console's operator to approve this agent (key " + fingerprint + ")",
            heartbeatSeconds));
    LOG.info(
        "Agent {} ({}) from {} is waiting for approval, key {}",
        LogText.of(hello.hostname()),
        hello.agentId(),
        socket.getRemoteSocketAddress(),
        fingerprint);
  }

  /** Opens an admitted session: a fresh alert key, welcome, and the registry. */
  private void open(AgentConnection connection) throws IOException {
    byte[] key = new byte[AlertDatagram.KEY_BYTES];
    random.nextBytes(key);
    Hello hello = connection.hello();
    udp.addKey(connection.agentId(), hello.hostname(), key);
    connection.admit(key);
    awaiting.remove(hello.agentId(), connection);
    AgentConnection previous = admitted.put(hello.agentId(), connection);
    if (previous != null && previous != connection) {
      LOG.info("{} reconnected; closing its previous session", LogText.of(hello.hostname()));
      previous.close();
    }
    // Known as online before the agent hears so: whatever it sends after welcome finds it there.
    registry.connected(
        hello,
        connection.address(),
        connection.fingerprint(),
        AgentStatus.ONLINE,
        System.currentTimeMillis());
    connection.send(
        new Welcome(
            Protocol.VERSION,
            consoleId,
            heartbeatSeconds,
            udp.address().getPort(),
            Base64.getEncoder().encodeToString(key)));
    LOG.info(
        "Agent {} ({}) connected from {}",
        LogText.of(hello.hostname()),
        hello.agentId(),
        connection.address());
  }

  /** The operator approved an agent: a waiting session opens at once. */
  void approved(String agentId) {
    AgentConnection waiting = awaiting.get(agentId);
    if (waiting == null) {
      registry.status(agentId, AgentStatus.OFFLINE);
      return;
    }
    try {
      open(waiting);
    } catch (IOException e) {
      LOG.info(
          "Agent {} was approved but its session ended: {}",
          LogText.of(waiting.hostname()),
          LogText.message(e));
      waiting.close();
    }
  }

  /** The operator rejected or forgot an agent: its session ends. */
  void disallowed(String agentId, String reason) {
    for (Map<String, AgentConnection> map : List.of(awaiting, admitted)) {
      AgentConnection c = map.remove(agentId);
      if (c != null) {
        c.sendAndClose(new ErrorMessage(ErrorCode.NOT_AUTHORIZED, reason));
      }
    }
  }

  /** A session ended: out of the tables, its alert key forgotten, its agent offline. */
  void closed(AgentConnection connection) {
    connection.close(); // stops its writer thread
    String agentId = connection.agentId().toString();
    awaiting.remove(agentId, connection);
    if (admitted.remove(agentId, connection)) {
      udp.removeKey(connection.agentId(), connection.alertKey());
      registry.status(agentId, AgentStatus.OFFLINE);
      LOG.info("Agent {} disconnected", LogText.of(connection.hostname()));
    }
  }
}
