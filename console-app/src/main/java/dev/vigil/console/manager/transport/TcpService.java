package dev.vigil.console.manager.transport;

import dev.vigil.console.manager.ManagerConfig;
import dev.vigil.console.manager.alerts.AlertService;
import dev.vigil.console.manager.alerts.ConsoleAlerts;
import dev.vigil.console.manager.api.AgentStatus;
import dev.vigil.console.manager.api.AlertEvent;
import dev.vigil.console.manager.commands.CommandService;
import dev.vigil.console.manager.fleet.AgentRegistry;
import dev.vigil.console.manager.store.ConsoleStore;
import dev.vigil.console.manager.trust.TrustStore;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.datagram.AlertDatagram;
import dev.vigil.protocol.frame.FrameReader;
import dev.vigil.protocol.frame.FrameWriter;
import dev.vigil.protocol.frame.ProtocolException;
import dev.vigil.protocol.message.Ack;
import dev.vigil.protocol.message.AgentMessage;
import dev.vigil.protocol.message.AlertReport;
import dev.vigil.protocol.message.CommandResult;
import dev.vigil.protocol.message.ErrorCode;
import dev.vigil.protocol.message.ErrorMessage;
import dev.vigil.protocol.message.Heartbeat;
import dev.vigil.protocol.message.Hello;
import dev.vigil.protocol.message.Inventory;
import dev.vigil.protocol.message.Message;
import dev.vigil.protocol.message.Pending;
import dev.vigil.protocol.message.SlowReport;
import dev.vigil.protocol.message.StatsReport;
import dev.vigil.protocol.message.Welcome;
import dev.vigil.protocol.tls.TlsContexts;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agents' sessions over mutual TLS 1.3 (plain TCP only when configured insecure), one
 * virtual thread each, and admits them through the {@link TrustStore}. A session that sends
 * anything the protocol does not allow gets an error and is closed; the listener and every other
 * session carry on.
 */
public final class TcpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpService.class);
  private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  private static final byte TLS_HANDSHAKE_RECORD = 22;
  private static final int MAX_PLAINTEXT_RECORD = 1 << 14;

  private final ServerSocket server;
  private final SSLContext tls;
  private final HandshakeGate gate =
      HandshakeGate.forProcessors(Runtime.getRuntime().availableProcessors());
  private final ManagerConfig config;
  private final String consoleId;
  private final AgentRegistry registry;
  private final AlertService alerts;
  private final UdpAlertService udp;
  private final TrustStore trust;
  private final ConsoleAlerts consoleAlerts;
  private final ScheduledExecutorService timers;
  private volatile CommandService commands;
  private final Map<String, AgentConnection> admitted = new ConcurrentHashMap<>();
  private final Map<String, AgentConnection> awaiting = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong refusedSessions = new AtomicLong();
  private final AtomicLong unapprovedFrames = new AtomicLong();
  private final AtomicLong silentSessions = new AtomicLong();
  private final Thread acceptor;

  public TcpService(
      InetSocketAddress bind,
      SSLContext tls,
      ManagerConfig config,
      String consoleId,
      AgentRegistry registry,
      AlertService alerts,
      UdpAlertService udp,
      TrustStore trust,
      ConsoleAlerts consoleAlerts,
      ScheduledExecutorService timers)
      throws IOException {
    // A plain listener even with TLS: each connection is wrapped once its client hello is in and
    // the handshake gate gives it a turn, so idle connections cost no turn.
    this.server = new ServerSocket();
    this.tls = tls;
    server.setReuseAddress(true);
    server.bind(bind, 1024);
    this.config = config;
    this.consoleId = consoleId;
    this.registry = registry;
    this.alerts = alerts;
    this.udp = udp;
    this.trust = trust;
    this.consoleAlerts = consoleAlerts;
    this.timers = timers;
    this.acceptor =
        Thread.ofPlatform().name("vigil-tcp-acceptor").daemon().unstarted(this::acceptLoop);
  }

  public void start(CommandService commandService) {
    commands = commandService;
    acceptor.start();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The admitted session of an agent, or null. */
  public AgentConnection connection(String agentId) {
    return admitted.get(agentId);
  }

  /** Every open session, admitted or waiting. */
  public Collection<AgentConnection> connections() {
    List<AgentConnection> all = new ArrayList<>(admitted.values());
    all.addAll(awaiting.values());
    return all;
  }

  public long refusedSessions() {
    return refusedSessions.get();
  }

  public long silentSessions() {
    return silentSessions.get();
  }

  /** Connections closed before their handshake because no turn came in time (reconnect storms). */
  public long turnedAway() {
    return gate.turnedAway();
  }

  /** How many handshakes may run at once. */
  public int handshakeTurns() {
    return gate.size();
  }

  public long unapprovedFrames() {
    return unapprovedFrames.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().name("vigil-agent-session").start(() -> session(socket, false, true));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("Accepting an agent connection failed: {}", e.getMessage());
        }
      }
    }
  }

  /**
   * Runs one session, on the calling thread, until it ends: TLS handshake, hello, admission, then
   * the agent's messages. Used for accepted connections and for connections the console dialed.
   *
   * @param operatorPinned the console dialed this agent and checked its key against the fingerprint
   *     the operator gave
   */
  void serve(Socket socket, boolean operatorPinned) {
    session(socket, operatorPinned, false);
  }

  /**
   * One session; an accepted connection (a plain socket) is first wrapped in TLS through the
   * handshake gate, a dialed one arrives as a TLS socket in client mode.
   */
  private void session(Socket raw, boolean operatorPinned, boolean accepted) {
    String remote = String.valueOf(raw.getRemoteSocketAddress());
    AgentConnection connection = null;
    // The TLS handshake and hello must finish within the deadline, however slowly bytes trickle.
    ScheduledFuture<?> deadline =
        timers.schedule(() -> closeQuietly(raw), HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    Socket socket = raw;
    try (raw) {
      raw.setTcpNoDelay(true);
      raw.setSoTimeout((int) HANDSHAKE_TIMEOUT_MILLIS);
      String fingerprint = "insecure";
      if (accepted && tls != null) {
        SSLSocket secured = handshakeInTurn(raw, remote);
        if (secured == null) {
          return;
        }
        socket = secured;
      } else if (socket instanceof SSLSocket ssl) {
        TlsContexts.configure(ssl);
        ssl.startHandshake();
      }
      if (socket instanceof SSLSocket ssl) {
        var peer = TlsContexts.peerFingerprint(ssl.getSession());
        if (peer.isEmpty()) {
          // The handshake deadline closed the socket before the peer's certificate arrived.
          throw new SSLException("no client certificate by the handshake deadline");
        }
        fingerprint = peer.get().value();
      }
      FrameReader reader = new FrameReader(socket.getInputStream(), Protocol.MAX_FRAME_BYTES);
      FrameWriter writer = new FrameWriter(socket.getOutputStream(), Protocol.MAX_FRAME_BYTES);
      try {
        connection = handshake(socket, fingerprint, reader, writer, operatorPinned);
        deadline.cancel(false);
        if (connection != null) {
          socket.setSoTimeout(config.heartbeatSeconds() * 3 * 1000);
          readLoop(connection, reader);
        }
      } catch (ProtocolException e) {
        refusedSessions.incrementAndGet();
        LOG.warn("Closed the session with {}: {}", remote, e.getMessage());
        trySend(writer, new ErrorMessage(e.code(), e.getMessage()));
      } catch (SocketTimeoutException e) {
        silentSessions.incrementAndGet();
        LOG.info("Closed the session with {}: silent for too long", remote);
        trySend(writer, new ErrorMessage(ErrorCode.TIMEOUT, "silent for too long"));
      }
    } catch (ConsoleStore.StoreException e) {
      // The store cannot take what this agent sent (disk full, read-only): nothing was
      // acknowledged, so the agent keeps it and sends it again when it reconnects.
      LOG.warn(
          "Closed the session with {}: {}; the agent keeps its unacknowledged alerts and sends"
              + " them again",
          remote,
          e.getMessage());
    } catch (SSLException e) {
      refusedSessions.incrementAndGet();
      LOG.info("TLS handshake with {} failed: {}", remote, e.getMessage());
    } catch (EOFException e) {
      LOG.debug("{} closed its connection", remote);
    } catch (IOException e) {
      LOG.debug("Session with {} ended: {}", remote, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deadline.cancel(false);
      closeQuietly(socket);
      if (connection != null) {
        closed(connection);
      }
    }
  }

  /**
   * Waits for the client hello without a turn, then runs the TLS handshake in a turn of the gate.
   * Returns the connected TLS socket, or null when the gate turned the connection away.
   */
  private SSLSocket handshakeInTurn(Socket raw, String remote)
      throws IOException, InterruptedException {
    byte[] clientHello = firstRecord(raw.getInputStream());
    try (HandshakeGate.Turn turn = gate.enter()) {
      if (turn == null) {
        LOG.debug("Turned {} away: {} handshakes in progress", remote, gate.size());
        return null;
      }
      // A peer that stalls mid-handshake gives its turn back after the hold limit.
      ScheduledFuture<?> hold =
          timers.schedule(
              () -> closeQuietly(raw), HandshakeGate.HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      try {
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(raw, new ByteArrayInputStream(clientHello), true);
        TlsContexts.configure(ssl);
        ssl.startHandshake();
        return ssl;
      } finally {
        hold.cancel(false);
      }
    }
  }

  /**
   * Reads the first TLS record (the client hello) in full. Anything that is not a handshake record
   * of a sane size is passed on as its five header bytes, for the TLS layer to refuse.
   */
  private static byte[] firstRecord(InputStream in) throws IOException {
    byte[] header = in.readNBytes(5);
    if (header.length < 5) {
      throw new EOFException("closed before its client hello");
    }
    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
    if (header[0] != TLS_HANDSHAKE_RECORD || length > MAX_PLAINTEXT_RECORD) {
      return header;
    }
    byte[] body = in.readNBytes(length);
    byte[] record = new byte[5 + body.length];
    System.arraycopy(header, 0, record, 0, 5);
    System.arraycopy(body, 0, record, 5, body.length);
    return record;
  }

  /** Reads hello and decides; returns null when the session was refused (and answered). */
  private AgentConnection handshake(
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
        hello.agentId(), hello.hostname(), fingerprint, hello.enrollmentToken(), operatorPinned)) {
      case TrustStore.Admission.Admitted a -> {
        if (a.newlyEnrolled()) {
          LOG.info(
              "Agent {} ({}) enrolled with a token, key {}",
              hello.hostname(),
              hello.agentId(),
              fingerprint);
        }
        open(connection);
      }
      case TrustStore.Admission.AwaitingApproval p -> {
        AgentConnection previous = awaiting.put(hello.agentId(), connection);
        if (previous != null) {
          previous.close();
        }
        registry.connected(
            hello,
            connection.address(),
            fingerprint,
            AgentStatus.PENDING,
            System.currentTimeMillis());
        connection.send(
            new Pending(
                fingerprint,
                "waiting for the console's operator to approve this agent (key "
                    + fingerprint
                    + ")"));
        LOG.info(
            "Agent {} ({}) from {} is waiting for approval, key {}",
            hello.hostname(),
            hello.agentId(),
            socket.getRemoteSocketAddress(),
            fingerprint);
      }
      case TrustStore.Admission.Refused r -> {
        refusedSessions.incrementAndGet();
        LOG.warn(
            "Refused agent {} ({}) from {}: {}",
            hello.hostname(),
            hello.agentId(),
            socket.getRemoteSocketAddress(),
            r.detail());
        if (r.keyChanged()) {
          consoleAlerts.keyChanged(hello.agentId(), hello.hostname(), r.detail());
        }
        trySend(writer, new ErrorMessage(r.code(), r.detail()));
        return null;
      }
    }
    return connection;
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
      LOG.info("{} reconnected; closing its previous session", hello.hostname());
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
            config.heartbeatSeconds(),
            udp.address().getPort(),
            Base64.getEncoder().encodeToString(key)));
    LOG.info(
        "Agent {} ({}) connected from {}", hello.hostname(), hello.agentId(), connection.address());
  }

  /** The operator approved an agent: a waiting session opens at once. */
  public void approved(String agentId) {
    AgentConnection waiting = awaiting.get(agentId);
    if (waiting == null) {
      registry.status(agentId, AgentStatus.OFFLINE);
      return;
    }
    try {
      open(waiting);
    } catch (IOException e) {
      LOG.info(
          "Agent {} was approved but its session ended: {}", waiting.hostname(), e.getMessage());
      waiting.close();
    }
  }

  /** The operator rejected or forgot an agent: its session ends. */
  public void disallowed(String agentId, String reason) {
    for (Map<String, AgentConnection> map : List.of(awaiting, admitted)) {
      AgentConnection c = map.remove(agentId);
      if (c != null) {
        c.sendAndClose(new ErrorMessage(ErrorCode.NOT_AUTHORIZED, reason));
      }
    }
  }

  private void readLoop(AgentConnection connection, FrameReader reader) throws IOException {
    String agentId = connection.agentId().toString();
    while (true) {
      Message message = reader.readMessage();
      if (message instanceof AgentMessage && !connection.admitted()) {
        // Unknown, pending and rejected agents' data and alerts are not accepted.
        unapprovedFrames.incrementAndGet();
        continue;
      }
      switch (message) {
        case StatsReport stats -> registry.stats(agentId, stats, System.currentTimeMillis());
        case SlowReport slow -> registry.slow(agentId, slow);
        case Inventory inventory -> registry.inventory(agentId, inventory);
        case AlertReport alert -> {
          alerts.ingest(agentId, connection.hostname(), alert, AlertEvent.Channel.TCP);
          connection.send(new Ack(alert.sequence()));
        }
        case CommandResult result -> {
          commands.resultReceived(result);
          connection.send(new Ack(result.sequence()));
        }
        case Heartbeat h -> {
          // Arrival reset the read timeout.
        }
        case ErrorMessage err ->
            LOG.warn(
                "{} reported an error: {}: {}", connection.hostname(), err.code(), err.detail());
        default ->
            throw new ProtocolException(
                ErrorCode.UNEXPECTED_MESSAGE,
                "agents may not send "
                    + message.getClass().getSimpleName()
                    + " after the handshake");
      }
    }
  }

  private void closed(AgentConnection connection) {
    connection.close(); // stops its writer thread
    String agentId = connection.agentId().toString();
    awaiting.remove(agentId, connection);
    if (admitted.remove(agentId, connection)) {
      udp.removeKey(connection.agentId(), connection.alertKey());
      registry.status(agentId, AgentStatus.OFFLINE);
      LOG.info("Agent {} disconnected", connection.hostname());
    }
  }

  private static void trySend(FrameWriter writer, Message message) {
    try {
      writer.writeMessage(message);
    } catch (IOException e) {
      // The peer is gone already; the close that follows is all that is left to do.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with a socket that will not close.
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    connections().forEach(AgentConnection::close);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the TCP listener", e);
    }
  }
}
